-- Axon's sequenced dead-letter queue (JdbcSequencedDeadLetterQueue) for every event processor, with snake_case names
-- (see hub/DeadLetterConfiguration). Columns follow Axon 4.13's GenericDeadLetterTableFactory: timestamps are text
-- as Axon writes them, serialized data bytea. One row per parked event: the first failing event of a sequence (an
-- aggregate) and every later event of that aggregate queued behind it, in order (sequence_index).
CREATE TABLE dead_letter_entry (
    dead_letter_id        VARCHAR(255)  NOT NULL,
    processing_group      VARCHAR(255)  NOT NULL,
    sequence_identifier   VARCHAR(255)  NOT NULL,
    sequence_index        BIGINT        NOT NULL,
    message_type          VARCHAR(255)  NOT NULL,
    event_identifier      VARCHAR(255)  NOT NULL,
    time_stamp            VARCHAR(255)  NOT NULL,
    payload_type          VARCHAR(255)  NOT NULL,
    payload_revision      VARCHAR(255),
    payload               BYTEA         NOT NULL,
    meta_data             BYTEA,
    aggregate_type        VARCHAR(255),
    aggregate_identifier  VARCHAR(255),
    sequence_number       BIGINT,
    token_type            VARCHAR(255),
    token                 BYTEA,
    enqueued_at           VARCHAR(255)  NOT NULL,
    last_touched          VARCHAR(255),
    processing_started    VARCHAR(255),
    cause_type            VARCHAR(255),
    cause_message         VARCHAR(1023),
    diagnostics           BYTEA,
    PRIMARY KEY (dead_letter_id),
    UNIQUE (processing_group, sequence_identifier, sequence_index)
);
CREATE INDEX dead_letter_entry_processing_group ON dead_letter_entry (processing_group);
CREATE INDEX dead_letter_entry_sequence ON dead_letter_entry (processing_group, sequence_identifier);
