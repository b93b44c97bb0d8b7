-- Pinned SFTP host keys and the sites' shareable credentials move into the database (issue 10), so a worker or a
-- workstation on another machine of a team checks the host keys the first one pinned. Portable SQL, as V1.
--
-- One row per pinned key. host: as OpenSSH names it in known_hosts (host on port 22, else [host]:port), so
-- several sites behind one SSH server share its pin. public_key: the key's SSH wire encoding in base64, as in a
-- known_hosts line; fingerprint: SHA256:<base64> of those bytes, as ssh-keygen -lf prints it. Public keys only:
-- no secret. A host with pins accepts only a key among them; any other key is refused as changed.
CREATE TABLE host_key (
    host        VARCHAR(300) NOT NULL,
    fingerprint VARCHAR(100) NOT NULL,
    key_type    VARCHAR(64) NOT NULL,
    public_key  VARCHAR(16384) NOT NULL,
    pinned_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    pinned_by   VARCHAR(200) NOT NULL,
    PRIMARY KEY (host, fingerprint)
);

-- An HTTPS site's CA certificate (PEM; public, so shared): read from the file given when the site was added, so
-- every machine trusts the same CA. Private keys and tokens never come here: they stay files on each machine
-- (WORKSPACE/credentials/SITE/..., or the site's recorded path).
ALTER TABLE site ADD COLUMN ca_cert_pem VARCHAR(65536);
