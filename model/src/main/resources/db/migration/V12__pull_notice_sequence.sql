-- The sequence number signed into a release's pull notice (format 2): one counter for the whole workspace, so a
-- notice signed later has a higher number. A site refuses a notice of a release older than one it has seen (no
-- going back). NULL until the notice is signed, and for notices signed before numbering (format 1).
ALTER TABLE release ADD COLUMN pull_sequence BIGINT;
