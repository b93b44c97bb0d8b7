-- A team's workers share the reading of the sites' reports (issue 10): a worker claims a site whose reading
-- is due, as it claims a delivery, so N workers read each site once per pass, not N times. Portable SQL, as V1.
--
-- When the site's reports are next due to be read; NULL: now (never read). A worker that claims the site
-- moves it one harvest interval ahead at once, by the database's clock; one that dies while reading it
-- leaves it to be read at the next interval (reports are recorded idempotently).
ALTER TABLE site ADD COLUMN next_harvest_at TIMESTAMP WITH TIME ZONE;
