-- Identical denied calls within a short window are one row (access/DeniedCalls): at is the first of its occurrences,
-- last_at the last. Every other entry is one occurrence, at = last_at.
ALTER TABLE audit_trail ADD COLUMN occurrences bigint NOT NULL DEFAULT 1 CHECK (occurrences >= 1);
ALTER TABLE audit_trail ADD COLUMN last_at timestamptz;

-- The trail is append-only; this migration fills the new column of the rows already there, once.
ALTER TABLE audit_trail DISABLE TRIGGER audit_trail_no_change;
UPDATE audit_trail SET last_at = at;
ALTER TABLE audit_trail ENABLE TRIGGER audit_trail_no_change;
ALTER TABLE audit_trail ALTER COLUMN last_at SET NOT NULL;
