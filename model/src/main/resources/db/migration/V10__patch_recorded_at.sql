-- When this workspace recorded each patch report, by the database's clock (issue 10, "screens see every committed
-- change exactly once"). reported_at is the agent's own time as it wrote the report: a report harvested late, or
-- from an agent whose clock lags, carries a time long past, and a screen following changes by time would miss it.
-- Portable SQL, as V1. Rows from before this migration take their report's time.
ALTER TABLE patch ADD COLUMN recorded_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL;
UPDATE patch SET recorded_at = reported_at;
