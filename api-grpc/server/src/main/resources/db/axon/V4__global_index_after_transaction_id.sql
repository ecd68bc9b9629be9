-- The commit-order watermark (docs/adr/0016, hub/CommitOrderEventStorageEngine) needs every event's transaction to
-- hold its transaction id before it takes a global index: then an index read from the sequence belongs to a
-- transaction whose id is below any id taken after that read. The column default took the index before the
-- insert assigned the transaction id, so the trigger assigns both, in that order. The sequence must not cache values
-- per session (CACHE 1, the default): a cached value could be taken later than a higher one.
ALTER TABLE domain_event_entry ALTER COLUMN global_index DROP DEFAULT;
ALTER SEQUENCE domain_event_entry_global_index_seq CACHE 1;

CREATE FUNCTION global_index_after_transaction_id() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_current_xact_id();
    NEW.global_index := nextval('axon.domain_event_entry_global_index_seq');
    RETURN NEW;
END;
$$;

CREATE TRIGGER global_index_after_transaction_id
    BEFORE INSERT ON domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION global_index_after_transaction_id();
