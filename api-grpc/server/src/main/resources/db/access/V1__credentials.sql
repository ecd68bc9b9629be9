-- Credentials and command de-duplication: mutable, and never in the append-only event store.
CREATE TABLE bearer_token (
    token_id        uuid         PRIMARY KEY,
    participant_id  char(4)      NOT NULL,
    token_hash      bytea        NOT NULL UNIQUE,
    description     varchar(200) NOT NULL DEFAULT '',
    issued_at       timestamptz  NOT NULL,
    issued_by       char(4)      NOT NULL,
    revoked_at      timestamptz,
    revoked_by      char(4)
);
CREATE INDEX bearer_token_by_participant ON bearer_token (participant_id);

-- Marks that the first start created the operator and its token; present once.
CREATE TABLE bootstrap (
    id              smallint     PRIMARY KEY CHECK (id = 1),
    operator_id     char(4)      NOT NULL,
    done_at         timestamptz  NOT NULL
);

-- One row per command accepted, so that a command resent with the same id changes nothing.
CREATE TABLE processed_command (
    participant_id  char(4)      NOT NULL,
    command_id      varchar(64)  NOT NULL,
    rpc             varchar(128) NOT NULL,
    request_hash    bytea        NOT NULL,
    accepted_at     timestamptz  NOT NULL,
    PRIMARY KEY (participant_id, command_id)
);
