-- 004: idempotency keys for retried creates and transitions, and typo-tolerant search on names.

-- The first answer to a request with an Idempotency-Key, replayed to its retries for a day.
CREATE TABLE idempotency_keys (
  user_id       bigint NOT NULL,
  key           text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  request_hash  bytea NOT NULL,
  status        integer,          -- null while the first request is in progress
  response_body text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_by_age ON idempotency_keys (created_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO rudi_app;

-- pg_trgm is a trusted extension: the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
ALTER TABLE people ADD COLUMN search_name text
  GENERATED ALWAYS AS (lower(given_name || ' ' || family_name || ' ' || other_names)) STORED;
CREATE INDEX people_by_name_trigram ON people USING gin (search_name gin_trgm_ops);
