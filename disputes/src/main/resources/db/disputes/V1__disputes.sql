-- The disputes read model (projection DisputeProjection, processing group "disputes").
CREATE TABLE dispute (
    dispute_id      uuid PRIMARY KEY,
    settlement_date date        NOT NULL,
    supplier_id     varchar(4)  NOT NULL,
    reason          text        NOT NULL,
    raised_at       timestamptz NOT NULL,
    resolution      text,
    resolved_by     varchar(4)
);
