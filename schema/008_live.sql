-- 008: what the live hub needs of an event to filter it for each dashboard without another query, and when
-- its change committed.
--
-- prosecutor_ids: who may see the record through the prosecution — the prosecutors of the cases a person is
--   linked to (for a person's events), or of the case itself (for a case's events) — at the time of the change.
-- prosecution_consent: whether the person consented to share with the prosecution at that time.
-- committed_at: the commit time of the change (set by the sequencer with the event's number), so that a
--   dashboard can tell how fresh an event is and a benchmark can time delivery from commit.
ALTER TABLE events ADD COLUMN prosecutor_ids bigint[] NOT NULL DEFAULT '{}',
                   ADD COLUMN prosecution_consent boolean NOT NULL DEFAULT false,
                   ADD COLUMN committed_at timestamptz;
GRANT UPDATE (committed_at) ON events TO rudi_app;
