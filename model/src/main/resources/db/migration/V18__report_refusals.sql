-- The last signed status report an online harvest refused, per site (left over from issue 13): a support lead sees in
-- `status` and `site show` why a site looks silent, not only in `deliver`'s output. Portable SQL, as V1.
--
-- One row per site while its reports are being refused; an accepted report of the site deletes it. Each refusal is
-- also an event (site.report-refused), so the history stays in the event log.
CREATE TABLE report_refusal (
    site_id    BIGINT PRIMARY KEY REFERENCES site (id),
    -- when the workstation last refused a report of the site (its own clock)
    refused_at TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the last refusal's one-line reason
    reason     VARCHAR(2000) NOT NULL,
    -- refusals in a row since the last accepted report
    times      INTEGER NOT NULL CHECK (times > 0)
);
