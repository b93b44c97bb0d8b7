-- Where a resumable (tus) upload of a delivery lives on the site, so a restarted worker continues it
-- instead of starting over. NULL for SFTP deliveries (they resume from the remote .part file's size).
-- Only a URL on the site's own host: never a token.
ALTER TABLE delivery ADD COLUMN upload_url VARCHAR(2000);
