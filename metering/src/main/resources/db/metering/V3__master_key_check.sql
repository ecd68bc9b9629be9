-- A known value sealed with the master key by the first hub node on this database: a node started with another
-- master key cannot open it and refuses to start (MasterKeyCheck).
CREATE TABLE master_key_check (
    id      integer PRIMARY KEY CHECK (id = 1),
    sealed  bytea   NOT NULL
);
