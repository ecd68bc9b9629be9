-- The latest version of each MPAN-day keeps its readings sealed as the event does (metering opens them); a shredded
-- MPAN's versions no longer open. There is no production data yet: the allocation kept in the old clear form is
-- dropped (a development hub-data directory from before this change must be deleted).
TRUNCATE latest_consumption, allocated_volume;
ALTER TABLE latest_consumption
    DROP COLUMN watt_hours,
    ADD COLUMN key_version integer NOT NULL,
    ADD COLUMN sealed_readings text NOT NULL;
