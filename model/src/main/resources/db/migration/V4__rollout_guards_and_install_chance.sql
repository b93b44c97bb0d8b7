-- A waiting patch's next install chance, as its agent reported it: kind ('at', 'never', 'operator'), the
-- instant (kind 'at'), the check that decides it, and the site's IANA zone it was computed in.
ALTER TABLE patch ADD COLUMN next_chance_kind VARCHAR(8);
ALTER TABLE patch ADD COLUMN next_chance_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE patch ADD COLUMN next_chance_rule VARCHAR(64);
ALTER TABLE patch ADD COLUMN next_chance_zone VARCHAR(64);

-- Rollouts that guard themselves. quota_growth_factor: the daily quota multiplies by it each day (NULL: 1,
-- growth adds quota_growth_per_day instead). pause_after_failures / pause_after_percent: the rollout pauses
-- itself when that many sites, or that share of a ring, failed or rolled back. advance_at_percent /
-- advance_after_days: the next ring opens when that share of the previous ring installed, or that many days
-- after it opened. paused_reason: why the rollout paused itself (NULL when a person paused it).
ALTER TABLE rollout ADD COLUMN quota_growth_factor DOUBLE PRECISION;
ALTER TABLE rollout ADD COLUMN pause_after_failures INTEGER;
ALTER TABLE rollout ADD COLUMN pause_after_percent INTEGER;
ALTER TABLE rollout ADD COLUMN advance_at_percent INTEGER;
ALTER TABLE rollout ADD COLUMN advance_after_days INTEGER;
ALTER TABLE rollout ADD COLUMN paused_reason VARCHAR(2000);

