-- Where alerts about a release are mailed: its product's support team, which may differ per product or per
-- release. NULL: the workspace's support-mail.json "to". A new release takes its product's latest address.
ALTER TABLE release ADD COLUMN support_mail VARCHAR(1000);
-- The release an alert is about (a missed install chance, a rollout that paused itself); NULL for a site alert.
ALTER TABLE alert ADD COLUMN release_id BIGINT REFERENCES release (id);
