-- 011: the sequencer numbers events in one call, one round trip to the database, instead of five (begin,
-- the head's lock, the numbering, the doorbell, commit): the live path waits for this pass after every
-- commit, and each round trip cost as much as the work.
--
-- rudi_number_events takes the events head's lock, or returns nothing when another node's pass holds it;
-- numbers at most `batch_limit` committed events after the head, in commit order (commit timestamps when
-- `by_commit_time`, else insertion order), moves the head, rings the `rudi_events` channel once when it
-- numbered some, and returns them. Each statement of the function takes its own snapshot (read committed),
-- so the numbering sees every pass that committed before the lock was granted. Called on its own, it is a
-- transaction of its own.
CREATE FUNCTION rudi_number_events(batch_limit integer, by_commit_time boolean) RETURNS SETOF events
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM FROM events_head FOR UPDATE SKIP LOCKED;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  -- Without commit timestamps the CASE is null for every row, and the order is the insertion order.
  RETURN QUERY
    WITH batch AS (
      SELECT id,
             CASE WHEN by_commit_time THEN coalesce(pg_xact_commit_timestamp(xmin), clock_timestamp())
                  ELSE clock_timestamp() END AS committed,
             row_number() OVER (ORDER BY CASE WHEN by_commit_time THEN pg_xact_commit_timestamp(xmin) END
                                NULLS FIRST, id) AS n
        FROM events WHERE seq IS NULL
       ORDER BY CASE WHEN by_commit_time THEN pg_xact_commit_timestamp(xmin) END NULLS FIRST, id
       LIMIT batch_limit),
    numbered AS (
      UPDATE events e SET seq = h.last_seq + batch.n, committed_at = batch.committed
        FROM batch, events_head h WHERE e.id = batch.id RETURNING e.*),
    head AS (
      UPDATE events_head SET last_seq = coalesce((SELECT max(seq) FROM numbered), last_seq))
    SELECT * FROM numbered ORDER BY seq;
  IF FOUND THEN
    PERFORM pg_notify('rudi_events', '');
  END IF;
END $$;
REVOKE ALL ON FUNCTION rudi_number_events(integer, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION rudi_number_events(integer, boolean) TO rudi_app;
