-- Archival of the audit trail (README "Retention"): the monthly partitions of months before the first month kept
-- online (hub.retention.online-months) are detached from access.audit_trail and moved, whole and unchanged, into the
-- schema access_archive, where they stay append-only (no UPDATE, DELETE or TRUNCATE): nothing is ever updated in
-- place. Exporting an archived month (pg_dump -t access_archive.audit_trail_YYYY_MM) and dropping it is the
-- operator's decision. The default partition is never archived.
CREATE SCHEMA IF NOT EXISTS access_archive;

CREATE FUNCTION audit_trail_archive(first_online date) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
    month_table text;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('access.audit_trail partitions'));
    FOR month_table IN
        SELECT c.relname FROM pg_inherits i
            JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'access.audit_trail'::regclass
          AND c.relname ~ '^audit_trail_[0-9]{4}_[0-9]{2}$'
          AND to_date(right(c.relname, 7), 'YYYY_MM') < date_trunc('month', first_online)
        ORDER BY c.relname
    LOOP
        EXECUTE format('ALTER TABLE access.audit_trail DETACH PARTITION access.%I', month_table);
        EXECUTE format('ALTER TABLE access.%I SET SCHEMA access_archive', month_table);
        -- the row trigger cloned from the parent goes with the detach; the truncate trigger is the partition's own
        EXECUTE format('CREATE OR REPLACE TRIGGER audit_trail_no_change BEFORE UPDATE OR DELETE '
            'ON access_archive.%I FOR EACH ROW EXECUTE FUNCTION access.audit_trail_is_append_only()', month_table);
        RETURN NEXT month_table;
    END LOOP;
END
$$;
