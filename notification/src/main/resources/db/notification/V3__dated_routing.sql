-- Routing by the parties in force on each event's settlement day (docs/adr/0012). The routing state becomes
-- effective-dated; each feed entry keeps the day its audience was decided for, so that a role target
-- ("@CENTRAL_SETTLEMENT") reaches the holders of the role on that day.

-- The day of the entry's data: a consumption's day, a registration's effective date, an appointment end's last day,
-- a settlement result's day; the day it was recorded for an event without one (standing data). Null only on entries
-- published before this migration until FeedRederivation has derived it.
ALTER TABLE notification.feed ADD COLUMN settlement_day date;

-- The undated routing state of V1 is replaced; FeedRederivation rebuilds the dated one from the event store.
DROP TABLE notification.gsp_group;
DROP TABLE notification.metering_point;
DROP TABLE notification.appointment;

-- Each GSP group's DNO from a day on, until the next row of the group; the first from the beginning ('-infinity').
CREATE TABLE notification.dno_period (
    gsp_group_id   varchar(2) NOT NULL,
    effective_from date       NOT NULL,
    dno_id         varchar(4) NOT NULL,
    PRIMARY KEY (gsp_group_id, effective_from)
);

CREATE TABLE notification.metering_point (
    mpan                 varchar(13) PRIMARY KEY,
    registration_service varchar(4)  NOT NULL
);

-- A metering point's GSP group from a day on, until the next row of the MPAN (its details periods).
CREATE TABLE notification.gsp_group_period (
    mpan           varchar(13) NOT NULL,
    effective_from date        NOT NULL,
    gsp_group_id   varchar(2)  NOT NULL,
    PRIMARY KEY (mpan, effective_from)
);

-- A metering point's supplier from a day on, until the next row of the MPAN (a change of supplier ends the last).
CREATE TABLE notification.supplier_period (
    mpan           varchar(13) NOT NULL,
    effective_from date        NOT NULL,
    supplier_id    varchar(4)  NOT NULL,
    PRIMARY KEY (mpan, effective_from)
);

-- Accepted appointments of a data or metering service, from their first to their last day (open while in force).
CREATE TABLE notification.service_period (
    mpan           varchar(13) NOT NULL,
    role           varchar(16) NOT NULL,
    effective_from date        NOT NULL,
    effective_to   date,
    service_id     varchar(4)  NOT NULL,
    PRIMARY KEY (mpan, role, effective_from)
);

-- The first day each appointment request asked for: the day of its rejection or time-out.
CREATE TABLE notification.appointment (
    appointment_id uuid PRIMARY KEY,
    effective_from date NOT NULL
);

-- One-off re-derivations of the feed's routing (FeedRederivation): pending until done, then never run again.
CREATE TABLE notification.rederivation (
    name         varchar(64) PRIMARY KEY,
    completed_at timestamptz,
    entries      bigint
);
INSERT INTO notification.rederivation (name) VALUES ('dated-routing');
