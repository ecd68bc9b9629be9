-- The delivery feed: every event of the store once, in the order the single notification processor published it,
-- with its audience and its envelope already rendered for the wire. Subscribers read it by position.
CREATE SEQUENCE notification.feed_position_seq;

CREATE TABLE notification.feed (
    position    bigint       PRIMARY KEY,
    event_type  varchar(100) NOT NULL,
    -- participant ids ("SUPA"), role holders ("@CENTRAL_SETTLEMENT") or everyone ("*")
    audience    text[]       NOT NULL,
    envelope    bytea        NOT NULL
);

-- What the routing needs to know that the events themselves do not carry, kept by the same processor so that it
-- is always exactly as current as the event being routed.
CREATE TABLE notification.gsp_group (
    gsp_group_id varchar(2) PRIMARY KEY,
    dno_id       varchar(4) NOT NULL
);

CREATE TABLE notification.metering_point (
    mpan                 varchar(13) PRIMARY KEY,
    gsp_group_id         varchar(2)  NOT NULL,
    registration_service varchar(4)  NOT NULL,
    -- the supplier registered last
    supplier             varchar(4)
);

CREATE TABLE notification.appointment (
    appointment_id uuid       PRIMARY KEY,
    supplier       varchar(4) NOT NULL
);

-- The last position each participant acknowledged on each of its named subscriptions.
CREATE TABLE notification.subscription (
    participant_id        varchar(4)  NOT NULL,
    subscription_name     varchar(64) NOT NULL,
    acknowledged_position bigint      NOT NULL,
    acknowledged_at       timestamptz NOT NULL,
    PRIMARY KEY (participant_id, subscription_name)
);

-- Every stream opened by an AUDITOR or OPERATOR (they read every participant's events): who, when, from where to
-- where. Append-only from the hub's point of view: a row is completed once when its stream ends.
CREATE TABLE notification.privileged_read (
    id                bigserial   PRIMARY KEY,
    participant_id    varchar(4)  NOT NULL,
    roles             text        NOT NULL,
    subscription_name varchar(64) NOT NULL,
    event_types       text        NOT NULL,
    opened_at         timestamptz NOT NULL,
    start_position    bigint      NOT NULL,
    closed_at         timestamptz,
    last_position     bigint,
    events_delivered  bigint,
    outcome           text
);
