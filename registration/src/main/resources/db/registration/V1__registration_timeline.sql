-- Read models of registration, rebuilt from the event store by the "registration" processing group.
CREATE TABLE metering_point (
    mpan                  char(13)    PRIMARY KEY,
    registration_service  char(4)     NOT NULL,
    registered_from       date        NOT NULL
);

-- The details in force from effective_from until the next row of the same MPAN.
CREATE TABLE metering_point_details (
    mpan            char(13)    NOT NULL,
    effective_from  date        NOT NULL,
    gsp_group_id    char(2)     NOT NULL,
    segment         varchar(10) NOT NULL,
    energisation    varchar(12) NOT NULL,
    PRIMARY KEY (mpan, effective_from)
);

-- Who was supplier / data service / metering service of an MPAN, as non-overlapping periods per role.
CREATE TABLE responsibility (
    mpan            char(13)    NOT NULL,
    role            varchar(16) NOT NULL,
    participant_id  char(4)     NOT NULL,
    effective_from  date        NOT NULL,
    effective_to    date,
    appointment_id  uuid,
    PRIMARY KEY (mpan, role, effective_from)
);
-- "Which MPANs does participant P serve on day D"
CREATE INDEX responsibility_by_participant ON responsibility (participant_id, role, effective_from)
    INCLUDE (mpan, effective_to);

-- The appointment process and where each request stands.
CREATE TABLE appointment (
    appointment_id  uuid         PRIMARY KEY,
    mpan            char(13)     NOT NULL,
    role            varchar(16)  NOT NULL,
    service_id      char(4)      NOT NULL,
    supplier_id     char(4)      NOT NULL,
    effective_from  date         NOT NULL,
    state           varchar(10)  NOT NULL,
    respond_by      timestamptz  NOT NULL,
    reason          varchar(200)
);
CREATE INDEX appointment_by_mpan ON appointment (mpan);
