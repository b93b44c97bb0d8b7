-- A waiting patch's next install chance, as its agent reported it: kind ('at', 'never', 'operator'), the
-- instant (kind 'at'), the check that decides it, and the site's IANA zone it was computed in.
ALTER TABLE patch ADD COLUMN next_chance_kind VARCHAR(8);
ALTER TABLE patch ADD COLUMN next_chance_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE patch ADD COLUMN next_chance_rule VARCHAR(64);
ALTER TABLE patch ADD COLUMN next_chance_zone VARCHAR(64);

