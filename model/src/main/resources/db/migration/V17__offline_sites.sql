-- Sites without a network as a site type (issue 13): `site add NAME --offline`. Such a site has no address; deliver
-- never tries to reach it and its deliveries wait for a bundle. Portable SQL, as V1.
--
-- V1 wrote the transport's CHECK inline, without a name, and H2 and PostgreSQL name such a constraint differently:
-- the column is replaced (dropping a column drops its own CHECK on both) and the new CHECK gets a name, as V14 did
-- for the delivery state.
ALTER TABLE site ADD COLUMN transport_now VARCHAR(8);
UPDATE site SET transport_now = transport;
ALTER TABLE site DROP COLUMN transport;
ALTER TABLE site RENAME COLUMN transport_now TO transport;
ALTER TABLE site ALTER COLUMN transport SET NOT NULL;
ALTER TABLE site ADD CONSTRAINT site_transport CHECK (transport IN ('sftp', 'https', 'offline'));
