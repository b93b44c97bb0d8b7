-- Test-only: a second migration, to prove an existing V1 workspace is upgraded in place.
ALTER TABLE site ADD COLUMN note VARCHAR(200);
