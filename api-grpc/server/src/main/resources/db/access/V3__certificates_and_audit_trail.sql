-- Participant client certificates, by SHA-256 fingerprint of their DER encoding. Revoking deletes the row.
CREATE TABLE client_certificate (
    fingerprint_sha256  bytea         PRIMARY KEY,
    participant_id      char(4)       NOT NULL,
    subject             varchar(512)  NOT NULL,
    serial_number       varchar(80)   NOT NULL,
    not_before          timestamptz   NOT NULL,
    not_after           timestamptz   NOT NULL,
    description         varchar(200)  NOT NULL DEFAULT '',
    registered_at       timestamptz   NOT NULL,
    registered_by       char(4)       NOT NULL
);
CREATE INDEX client_certificate_by_participant ON client_certificate (participant_id);

-- Denied calls, auditor and operator reads, credential changes and destroyed keys: appended, never changed.
CREATE TABLE audit_trail (
    id              bigserial      PRIMARY KEY,
    at              timestamptz    NOT NULL,
    category        varchar(20)    NOT NULL,
    participant_id  char(4),
    authentication  varchar(20)    NOT NULL,
    peer            varchar(100)   NOT NULL DEFAULT '',
    rpc             varchar(200)   NOT NULL,
    outcome         varchar(30)    NOT NULL,
    reason          varchar(100)   NOT NULL DEFAULT '',
    detail          varchar(1000)  NOT NULL DEFAULT ''
);
CREATE INDEX audit_trail_by_participant ON audit_trail (participant_id, id);

CREATE FUNCTION audit_trail_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'access.audit_trail is append-only: % refused', TG_OP;
END
$$;
CREATE TRIGGER audit_trail_no_change BEFORE UPDATE OR DELETE ON audit_trail
    FOR EACH ROW EXECUTE FUNCTION audit_trail_is_append_only();
CREATE TRIGGER audit_trail_no_truncate BEFORE TRUNCATE ON audit_trail
    FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_is_append_only();
