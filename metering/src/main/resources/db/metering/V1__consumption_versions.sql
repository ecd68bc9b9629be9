-- Every recorded version of every MPAN's consumption per settlement day, rebuilt by the "metering" processor.
-- Readings keep the compact encoding of the event (see ReadingsCodec).
CREATE TABLE consumption_version (
    mpan              char(13)    NOT NULL,
    settlement_date   date        NOT NULL,
    version           integer     NOT NULL,
    replaces_version  integer     NOT NULL,
    data_service_id   char(4)     NOT NULL,
    supplier_id       char(4)     NOT NULL,
    gsp_group_id      char(2)     NOT NULL,
    total_wh          bigint      NOT NULL,
    period_count      smallint    NOT NULL,
    watt_hours        text        NOT NULL,
    estimated         text        NOT NULL,
    recorded_at       timestamptz NOT NULL,
    PRIMARY KEY (mpan, settlement_date, version)
);
