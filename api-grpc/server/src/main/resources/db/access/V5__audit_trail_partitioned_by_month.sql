-- access.audit_trail partitioned by month of "at" (declarative range partitioning), so that the trail of a market
-- that lives for decades stays a set of tables of a month each: old months can be moved to cheaper storage or
-- archived by the operator (DETACH PARTITION), and no index grows without end. The existing rows are kept, with their
-- ids. Months are UTC months. The hub creates the current and the next months' partitions at start and on a schedule
-- (access/AuditTrailPartitions); the default partition only catches a row whose month has none (it should stay empty).
ALTER TABLE audit_trail RENAME TO audit_trail_unpartitioned;
ALTER INDEX audit_trail_pkey RENAME TO audit_trail_unpartitioned_pkey;
ALTER INDEX audit_trail_by_participant RENAME TO audit_trail_unpartitioned_by_participant;

CREATE TABLE audit_trail (
    id              bigint         NOT NULL DEFAULT nextval('audit_trail_id_seq'),
    at              timestamptz    NOT NULL,
    category        varchar(20)    NOT NULL,
    participant_id  char(4),
    authentication  varchar(20)    NOT NULL,
    peer            varchar(100)   NOT NULL DEFAULT '',
    rpc             varchar(200)   NOT NULL,
    outcome         varchar(30)    NOT NULL,
    reason          varchar(100)   NOT NULL DEFAULT '',
    detail          varchar(1000)  NOT NULL DEFAULT '',
    occurrences     bigint         NOT NULL DEFAULT 1 CHECK (occurrences >= 1),
    last_at         timestamptz    NOT NULL,
    PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);
ALTER SEQUENCE audit_trail_id_seq OWNED BY audit_trail.id;
CREATE INDEX audit_trail_by_participant ON audit_trail (participant_id, id);
-- cloned onto every partition
CREATE TRIGGER audit_trail_no_change BEFORE UPDATE OR DELETE ON audit_trail
    FOR EACH ROW EXECUTE FUNCTION audit_trail_is_append_only();
-- statement triggers are not cloned: each partition gets its own (audit_trail_partition)
CREATE TRIGGER audit_trail_no_truncate BEFORE TRUNCATE ON audit_trail
    FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_is_append_only();

-- The partition of the UTC month of a day, created when missing; NULL when the default partition already holds rows
-- of that month (the partition cannot be made without moving them: the operator decides). Safe to call from several
-- nodes at once.
CREATE FUNCTION audit_trail_partition(day date) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    first_day date := date_trunc('month', day)::date;
    low timestamptz := first_day::timestamp AT TIME ZONE 'UTC';
    high timestamptz := (first_day + interval '1 month')::timestamp AT TIME ZONE 'UTC';
    name text := 'audit_trail_' || to_char(first_day, 'YYYY_MM');
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('access.audit_trail partitions'));
    IF to_regclass('access.' || name) IS NOT NULL THEN
        RETURN name;
    END IF;
    IF EXISTS (SELECT 1 FROM access.audit_trail_default WHERE at >= low AND at < high) THEN
        RETURN NULL;
    END IF;
    EXECUTE format('CREATE TABLE access.%I PARTITION OF access.audit_trail FOR VALUES FROM (%L) TO (%L)',
        name, low, high);
    EXECUTE format('CREATE TRIGGER audit_trail_no_truncate BEFORE TRUNCATE ON access.%I '
        'FOR EACH STATEMENT EXECUTE FUNCTION access.audit_trail_is_append_only()', name);
    RETURN name;
END
$$;

CREATE TABLE audit_trail_default PARTITION OF audit_trail DEFAULT;
CREATE TRIGGER audit_trail_no_truncate BEFORE TRUNCATE ON audit_trail_default
    FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_is_append_only();

-- every month that holds rows, and this month and the next two by the database's clock
SELECT audit_trail_partition(month::date)
FROM generate_series(
        date_trunc('month', LEAST(COALESCE((SELECT min(at) FROM audit_trail_unpartitioned), now()), now())
            AT TIME ZONE 'UTC'),
        date_trunc('month', GREATEST(COALESCE((SELECT max(at) FROM audit_trail_unpartitioned), now()), now())
            AT TIME ZONE 'UTC') + interval '2 months',
        interval '1 month') AS month;

INSERT INTO audit_trail (id, at, category, participant_id, authentication, peer, rpc, outcome, reason, detail,
    occurrences, last_at)
SELECT id, at, category, participant_id, authentication, peer, rpc, outcome, reason, detail, occurrences, last_at
FROM audit_trail_unpartitioned;

DROP TABLE audit_trail_unpartitioned;
