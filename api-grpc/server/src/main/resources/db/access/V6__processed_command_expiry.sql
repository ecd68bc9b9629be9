-- Command ids are kept for hub.retention.command-ids only (README "Retention", ADR 0002's amendment): the retention
-- job deletes the expired ones in batches, oldest first, by the time they were accepted.
CREATE INDEX processed_command_by_accepted_at ON processed_command (accepted_at);
