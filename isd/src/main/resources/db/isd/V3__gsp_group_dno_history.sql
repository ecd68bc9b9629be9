-- Who was each GSP group's DNO on which days: read access and routing follow the DNO of the data's settlement day.
-- A group's first DNO holds it from the beginning of the market (1900-01-01 stands for "always").
CREATE TABLE gsp_group_dno (
    gsp_group_id    char(2)      NOT NULL,
    effective_from  date         NOT NULL,
    dno_id          char(4)      NOT NULL,
    PRIMARY KEY (gsp_group_id, effective_from)
);

-- The groups already registered keep today's DNO for every day; a rebuild of the isd projections re-derives the
-- exact history from the events.
INSERT INTO gsp_group_dno (gsp_group_id, effective_from, dno_id)
SELECT gsp_group_id, DATE '1900-01-01', dno_id FROM gsp_group;
