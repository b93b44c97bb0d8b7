-- What each site's agent last said about itself (issue 9, "Health, logs and notices"). Portable SQL, as V1.
--
-- One row per site, replaced on every harvest that read the site's status/health.json or status/agent.json.
-- Times are the agent's own (its clock), as it wrote them. NULL: the agent has not said (an agent older than its
-- health report writes only agent.json).
CREATE TABLE agent_health (
    site_id                 BIGINT PRIMARY KEY REFERENCES site (id),
    agent_version           VARCHAR(64),
    started_at              TIMESTAMP WITH TIME ZONE,
    last_tick               TIMESTAMP WITH TIME ZONE,
    last_error              VARCHAR(2000),
    last_error_at           TIMESTAMP WITH TIME ZONE,
    home_free_bytes         BIGINT,
    install_root_free_bytes BIGINT,
    policy_readable         BOOLEAN,
    mail_state              VARCHAR(8),
    mail_detail             VARCHAR(2000),
    https_state             VARCHAR(8),
    https_detail            VARCHAR(2000),
    -- when the agent last wrote agent.json (its site report): a sign of life from an agent without health.json
    site_report_at          TIMESTAMP WITH TIME ZONE,
    -- when a workstation last read these reports (the workstation's clock)
    harvested_at            TIMESTAMP WITH TIME ZONE NOT NULL
);
