-- How many attempts in a row moved no byte to the site. The outbox backs off by this count, not by the
-- number of attempts: an attempt over a flapping link that resumed and moved bytes is tried again at once,
-- and only attempts that got nowhere make the next one wait longer. Portable SQL, as V1.
ALTER TABLE delivery ADD COLUMN stalls INTEGER DEFAULT 0 NOT NULL;
