-- 007: events are numbered and audit rows chained after commit, by one sequencer at a time, so that writers
-- no longer queue on the two head rows until their commits are flushed.
--
-- A writer inserts its event with no number and its audit row unchained, in the transaction of its change.
-- The sequencer (any `rudi serve` node; the head rows' locks let one at a time work) takes the committed
-- rows in commit order (commit timestamps where track_commit_timestamp is on, else insertion order, which
-- agrees with commit order for changes to the same record) and gives them the next numbers, gap-free, and
-- the next links of the hash chain.

ALTER TABLE events DROP CONSTRAINT events_pkey;
ALTER TABLE events ALTER COLUMN seq DROP NOT NULL;
ALTER TABLE events ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;
CREATE UNIQUE INDEX events_by_seq ON events (seq);
CREATE INDEX events_to_number ON events (id) WHERE seq IS NULL;

ALTER TABLE audit_log DROP CONSTRAINT audit_log_pkey;
ALTER TABLE audit_log ALTER COLUMN id DROP NOT NULL,
                      ALTER COLUMN prev_hash DROP NOT NULL,
                      ALTER COLUMN hash DROP NOT NULL;
ALTER TABLE audit_log ADD COLUMN entry_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;
CREATE UNIQUE INDEX audit_by_chain_position ON audit_log (id);
CREATE INDEX audit_to_chain ON audit_log (entry_id) WHERE id IS NULL;
ALTER TABLE audit_log ADD CONSTRAINT audit_chained_whole
  CHECK ((id IS NULL) = (hash IS NULL) AND (id IS NULL) = (prev_hash IS NULL));

-- The application may set an event's number and an audit row's link once, and nothing else.
GRANT UPDATE (seq) ON events TO rudi_app;
GRANT UPDATE (id, prev_hash, hash) ON audit_log TO rudi_app;
CREATE FUNCTION rudi_event_numbered_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_user = 'rudi_app' AND OLD.seq IS NOT NULL THEN
    RAISE EXCEPTION 'event % is numbered already', OLD.seq;
  END IF;
  RETURN NEW;
END $$;
CREATE FUNCTION rudi_audit_chained_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_user = 'rudi_app' AND OLD.hash IS NOT NULL THEN
    RAISE EXCEPTION 'audit row % is chained already', OLD.id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER events_numbered_once BEFORE UPDATE ON events
  FOR EACH ROW EXECUTE FUNCTION rudi_event_numbered_once();
CREATE TRIGGER audit_chained_once BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION rudi_audit_chained_once();
