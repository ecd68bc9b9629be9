-- The MPAN of a consumption event's feed entry, so that shredding the MPAN can find the envelopes that carry its
-- readings and render them again without (null for every other event type).
ALTER TABLE notification.feed ADD COLUMN mpan varchar(13);
CREATE INDEX feed_mpan ON notification.feed (mpan) WHERE mpan IS NOT NULL;
