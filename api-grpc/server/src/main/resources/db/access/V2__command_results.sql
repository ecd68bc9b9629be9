-- What an accepted command answered (e.g. the consumption version), so that a resent command id answers the same.
ALTER TABLE processed_command ADD COLUMN result varchar(64);
