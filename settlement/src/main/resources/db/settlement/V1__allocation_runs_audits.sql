-- Read models of settlement. latest_consumption and allocated_volume are rebuilt by the "settlement-allocation"
-- processor, settlement_run and run_volume by "settlement-runs"; audit_record is a log, never rebuilt.

-- The latest version of each MPAN-day's consumption: what a revision replaces.
CREATE TABLE latest_consumption (
    consumption_day_id  text     PRIMARY KEY,
    settlement_date     date     NOT NULL,
    version             integer  NOT NULL,
    supplier_id         char(4)  NOT NULL,
    gsp_group_id        char(2)  NOT NULL,
    period_count        smallint NOT NULL,
    watt_hours          text     NOT NULL
);

-- Exact sums in watt-hours of the latest versions per settlement day, GSP group and supplier: one row holds every
-- period of the day (energy_wh[n] is period n), since each MPAN-day counts in all periods of its day alike and
-- mpan_count is therefore the same for every period. A row per period would be 48 times as many rows to write.
CREATE TABLE allocated_volume (
    settlement_date  date     NOT NULL,
    gsp_group_id     char(2)  NOT NULL,
    supplier_id      char(4)  NOT NULL,
    mpan_count       integer  NOT NULL,
    energy_wh        bigint[] NOT NULL,
    PRIMARY KEY (settlement_date, gsp_group_id, supplier_id)
);

-- Adds volumes period by period (arrays of equal length: the periods of one day).
CREATE FUNCTION add_volumes(a bigint[], b bigint[]) RETURNS bigint[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT array_agg(x + y ORDER BY i) FROM unnest(a, b) WITH ORDINALITY AS t(x, y, i) $$;

CREATE TABLE settlement_run (
    settlement_date     date        NOT NULL,
    run_type            text        NOT NULL,
    position            bigint      NOT NULL,
    excluded_positions  bigint[]    NOT NULL,
    content_hash        char(64)    NOT NULL,
    cell_count          integer     NOT NULL,
    supplier_count      integer     NOT NULL,
    total_wh            bigint      NOT NULL,
    requested_by        char(4)     NOT NULL,
    run_trigger         text        NOT NULL,
    completed_at        timestamptz NOT NULL,
    PRIMARY KEY (settlement_date, run_type)
);

-- The figures each run froze and published.
CREATE TABLE run_volume (
    settlement_date  date     NOT NULL,
    run_type         text     NOT NULL,
    gsp_group_id     char(2)  NOT NULL,
    supplier_id      char(4)  NOT NULL,
    period           smallint NOT NULL,
    energy_wh        bigint   NOT NULL,
    mpan_count       integer  NOT NULL,
    PRIMARY KEY (settlement_date, run_type, gsp_group_id, supplier_id, period)
);

-- Every audit an auditor asked for, and what it found.
CREATE TABLE audit_record (
    audit_id          uuid        PRIMARY KEY,
    auditor_id        char(4)     NOT NULL,
    audited_at        timestamptz NOT NULL,
    settlement_date   date        NOT NULL,
    run_type          text,
    position          bigint      NOT NULL,
    outcome           text        NOT NULL,
    content_hash      char(64)    NOT NULL,
    difference_count  integer     NOT NULL
);
