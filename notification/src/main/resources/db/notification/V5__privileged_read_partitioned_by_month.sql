-- notification.privileged_read partitioned by UTC month of opened_at, as access.audit_trail is, so that the record
-- of privileged reads of a market that lives for decades is a set of monthly tables, and months before those kept
-- online (hub.retention.online-months) are archived: detached and moved, unchanged, into notification_archive
-- (README "Retention"). A row is written when a stream opens and completed once when it ends; nothing else may
-- change or delete it, and archived months not even that. The hub's retention job makes the coming months'
-- partitions; the default partition only catches a row whose month has none.
ALTER TABLE privileged_read RENAME TO privileged_read_unpartitioned;
ALTER INDEX privileged_read_pkey RENAME TO privileged_read_unpartitioned_pkey;

CREATE TABLE privileged_read (
    id                bigint      NOT NULL DEFAULT nextval('privileged_read_id_seq'),
    participant_id    varchar(4)  NOT NULL,
    roles             text        NOT NULL,
    subscription_name varchar(64) NOT NULL,
    event_types       text        NOT NULL,
    opened_at         timestamptz NOT NULL,
    start_position    bigint      NOT NULL,
    closed_at         timestamptz,
    last_position     bigint,
    events_delivered  bigint,
    outcome           text,
    PRIMARY KEY (id, opened_at)
) PARTITION BY RANGE (opened_at);
ALTER SEQUENCE privileged_read_id_seq OWNED BY privileged_read.id;

CREATE FUNCTION privileged_read_completed_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.closed_at IS NULL
            AND (NEW.id, NEW.participant_id, NEW.roles, NEW.subscription_name, NEW.event_types, NEW.opened_at,
                 NEW.start_position)
                IS NOT DISTINCT FROM (OLD.id, OLD.participant_id, OLD.roles, OLD.subscription_name, OLD.event_types,
                 OLD.opened_at, OLD.start_position) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'notification.privileged_read is append-only (a read is completed once): % refused', TG_OP;
END
$$;
CREATE FUNCTION privileged_read_is_archived() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'an archived month of notification.privileged_read is read-only: % refused', TG_OP;
END
$$;
-- cloned onto every partition
CREATE TRIGGER privileged_read_completed_once BEFORE UPDATE OR DELETE ON privileged_read
    FOR EACH ROW EXECUTE FUNCTION privileged_read_completed_once();

-- The partition of the UTC month of a day, created when missing; NULL when the default partition already holds rows
-- of that month. Safe to call from several nodes at once.
CREATE FUNCTION privileged_read_partition(day date) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    first_day date := date_trunc('month', day)::date;
    low timestamptz := first_day::timestamp AT TIME ZONE 'UTC';
    high timestamptz := (first_day + interval '1 month')::timestamp AT TIME ZONE 'UTC';
    name text := 'privileged_read_' || to_char(first_day, 'YYYY_MM');
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('notification.privileged_read partitions'));
    IF to_regclass('notification.' || name) IS NOT NULL
            OR to_regclass('notification_archive.' || name) IS NOT NULL THEN
        RETURN name;
    END IF;
    IF EXISTS (SELECT 1 FROM notification.privileged_read_default WHERE opened_at >= low AND opened_at < high) THEN
        RETURN NULL;
    END IF;
    EXECUTE format('CREATE TABLE notification.%I PARTITION OF notification.privileged_read '
        'FOR VALUES FROM (%L) TO (%L)', name, low, high);
    RETURN name;
END
$$;

CREATE SCHEMA IF NOT EXISTS notification_archive;

-- Moves the months before first_online into notification_archive; answers their tables' names.
CREATE FUNCTION privileged_read_archive(first_online date) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
    month_table text;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('notification.privileged_read partitions'));
    FOR month_table IN
        SELECT c.relname FROM pg_inherits i
            JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'notification.privileged_read'::regclass
          AND c.relname ~ '^privileged_read_[0-9]{4}_[0-9]{2}$'
          AND to_date(right(c.relname, 7), 'YYYY_MM') < date_trunc('month', first_online)
        ORDER BY c.relname
    LOOP
        EXECUTE format('ALTER TABLE notification.privileged_read DETACH PARTITION notification.%I', month_table);
        EXECUTE format('ALTER TABLE notification.%I SET SCHEMA notification_archive', month_table);
        EXECUTE format('DROP TRIGGER IF EXISTS privileged_read_completed_once ON notification_archive.%I',
            month_table);
        EXECUTE format('CREATE TRIGGER privileged_read_archived BEFORE UPDATE OR DELETE '
            'ON notification_archive.%I FOR EACH ROW EXECUTE FUNCTION notification.privileged_read_is_archived()',
            month_table);
        EXECUTE format('CREATE TRIGGER privileged_read_archived_no_truncate BEFORE TRUNCATE '
            'ON notification_archive.%I FOR EACH STATEMENT EXECUTE FUNCTION notification.privileged_read_is_archived()',
            month_table);
        RETURN NEXT month_table;
    END LOOP;
END
$$;

CREATE TABLE privileged_read_default PARTITION OF privileged_read DEFAULT;

-- every month that holds rows, and this month and the next two by the database's clock
SELECT privileged_read_partition(month::date)
FROM generate_series(
        date_trunc('month', LEAST(COALESCE((SELECT min(opened_at) FROM privileged_read_unpartitioned), now()), now())
            AT TIME ZONE 'UTC'),
        date_trunc('month', GREATEST(COALESCE((SELECT max(opened_at) FROM privileged_read_unpartitioned), now()),
            now()) AT TIME ZONE 'UTC') + interval '2 months',
        interval '1 month') AS month;

INSERT INTO privileged_read (id, participant_id, roles, subscription_name, event_types, opened_at, start_position,
    closed_at, last_position, events_delivered, outcome)
SELECT id, participant_id, roles, subscription_name, event_types, opened_at, start_position, closed_at, last_position,
    events_delivered, outcome
FROM privileged_read_unpartitioned;

DROP TABLE privileged_read_unpartitioned;
