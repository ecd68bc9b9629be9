-- Read models of industry standing data. Rebuilt from the event store by the "isd" processing group.
CREATE TABLE participant (
    participant_id  char(4)      PRIMARY KEY,
    name            varchar(100) NOT NULL
);

CREATE TABLE participant_role (
    participant_id  char(4)     NOT NULL REFERENCES participant (participant_id),
    role            varchar(32) NOT NULL,
    effective_from  date        NOT NULL,
    effective_to    date,
    PRIMARY KEY (participant_id, role, effective_from)
);
CREATE INDEX participant_role_by_role ON participant_role (role, effective_from);

CREATE TABLE gsp_group (
    gsp_group_id    char(2)      PRIMARY KEY,
    name            varchar(100) NOT NULL,
    dno_id          char(4)      NOT NULL
);

CREATE TABLE bank_holiday (
    holiday_date    date         PRIMARY KEY,
    name            varchar(100) NOT NULL
);

CREATE TABLE run_schedule (
    run_type        varchar(2)   PRIMARY KEY,
    working_days    integer      NOT NULL
);

-- One row: the calendar's scalar settings.
CREATE TABLE calendar_setting (
    calendar_id                         varchar(8) PRIMARY KEY,
    appointment_response_timeout_secs   bigint,
    final_dispute_window_months         integer
);
