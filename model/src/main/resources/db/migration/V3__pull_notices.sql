-- Pull notices (design.md, "Rollout waves, pulls and holds"). Portable SQL, as V1.
--
-- A pull notice travels through the same outbox as kits: a delivery row of kind 'pull' for the release and
-- site, beside the kit's row of kind 'kit'. So a release reaches a site at most once per kind.
ALTER TABLE delivery ADD COLUMN kind VARCHAR(4) DEFAULT 'kit' NOT NULL;
ALTER TABLE delivery ADD CONSTRAINT delivery_kind CHECK (kind IN ('kit', 'pull'));
ALTER TABLE delivery DROP CONSTRAINT delivery_release_site;
ALTER TABLE delivery ADD CONSTRAINT delivery_release_site_kind UNIQUE (release_id, site_id, kind);

-- The signed notice (a few hundred bytes of JSON; public, no secret). NULL until someone with the release's
-- signing key signs it: notice deliveries wait for it.
ALTER TABLE release ADD COLUMN pull_notice VARCHAR(16384);

-- When the site's agent reported that it received the release's signed pull notice; NULL until it has.
ALTER TABLE patch ADD COLUMN pull_noticed_at TIMESTAMP WITH TIME ZONE;
