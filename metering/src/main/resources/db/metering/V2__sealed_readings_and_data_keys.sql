-- Consumption readings are encrypted per MPAN (event revision 2); the read model keeps them sealed as the events
-- do and opens them when asked. There is no production data yet: versions kept in the old clear form are dropped
-- (a development hub-data directory from before this change must be deleted).
TRUNCATE consumption_version;
ALTER TABLE consumption_version
    DROP COLUMN total_wh,
    DROP COLUMN watt_hours,
    DROP COLUMN estimated,
    ADD COLUMN key_version integer NOT NULL,
    -- null once the MPAN's key version has been shredded
    ADD COLUMN sealed_readings text;

-- Per-MPAN data keys, wrapped (AES-256-GCM) with the hub's master key. Mutable on purpose: shredding clears
-- wrapped_key; the row stays so that a later key of the MPAN gets the next version. Never in the event store.
CREATE TABLE mpan_key (
    mpan         char(13)    NOT NULL,
    key_version  integer     NOT NULL,
    wrapped_key  bytea,
    created_at   timestamptz NOT NULL,
    shredded_at  timestamptz,
    PRIMARY KEY (mpan, key_version)
);
