-- Sites without a network (issue 13): a delivery can be handed over by bundle, a signed file a person carries to
-- the site. Its own state 'bundled': no worker sends it any more, and the matrix says "handed over by bundle" until
-- the site's report comes back. Portable SQL, as V1.
--
-- V1 wrote the state's CHECK inline, without a name, and H2 and PostgreSQL name such a constraint differently, so it
-- cannot be dropped by name on both: the column is replaced instead (dropping a column drops its own CHECK on both),
-- and the new CHECK gets a name, so a later state is one DROP CONSTRAINT away.
DROP INDEX delivery_due;
ALTER TABLE delivery ADD COLUMN state_now VARCHAR(10);
UPDATE delivery SET state_now = state;
ALTER TABLE delivery DROP COLUMN state;
ALTER TABLE delivery RENAME COLUMN state_now TO state;
ALTER TABLE delivery ALTER COLUMN state SET NOT NULL;
ALTER TABLE delivery ADD CONSTRAINT delivery_state
    CHECK (state IN ('queued', 'sending', 'retrying', 'delivered', 'rejected', 'cancelled', 'bundled'));
CREATE INDEX delivery_due ON delivery (state, next_try_at);

-- Which bundle file carried it, and when it was written: what the matrix and `status` show beside the state.
ALTER TABLE delivery ADD COLUMN bundle_file VARCHAR(255);
ALTER TABLE delivery ADD COLUMN bundled_at TIMESTAMP WITH TIME ZONE;

-- The way back: a site without a network sends signed report bundles, each signed with its agent's own key (made at
-- `agent init`; public, so shared) and numbered, so an older report is never imported over a newer one (a replay).
CREATE TABLE site_agent_key (
    site_id              BIGINT PRIMARY KEY REFERENCES site (id),
    public_key           VARCHAR(4096) NOT NULL,
    fingerprint          VARCHAR(100) NOT NULL,
    recorded_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by          VARCHAR(200) NOT NULL,
    -- the sequence and (agent's) time of the newest report imported; NULL until one was
    last_report_sequence BIGINT,
    last_report_at       TIMESTAMP WITH TIME ZONE
);
