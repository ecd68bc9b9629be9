-- A named subscription is registered when a stream first opens it (so that the names a participant keeps can be
-- bounded: hub.notification.max-subscriptions-per-participant), before anything is acknowledged on it, and expired
-- when no stream has opened it or acknowledged on it for hub.retention.subscription-idle (README "Retention").
ALTER TABLE notification.subscription
    ALTER COLUMN acknowledged_at DROP NOT NULL,
    ADD COLUMN last_read_at timestamptz;
UPDATE notification.subscription SET last_read_at = acknowledged_at;
ALTER TABLE notification.subscription ALTER COLUMN last_read_at SET NOT NULL;
CREATE INDEX subscription_by_last_read_at ON notification.subscription (last_read_at);
