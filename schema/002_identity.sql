-- 002: identity, sessions, API tokens, login throttling, the audit log, and the row-level-security
-- frame that every table holding people uses.

CREATE TABLE missions (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name         text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
  kind         text NOT NULL DEFAULT 'embassy' CHECK (kind IN ('embassy', 'high_commission', 'consulate')),
  host_country text NOT NULL CHECK (host_country ~ '^[A-Z]{2}$'),
  city         text NOT NULL CHECK (length(city) BETWEEN 1 AND 200),
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username          text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
  display_name      text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  role              text NOT NULL CHECK (role IN ('embassy_officer', 'ministry_officer', 'prosecutor',
                                                  'administrator', 'auditor')),
  mission_id        bigint REFERENCES missions (id),
  active            boolean NOT NULL DEFAULT true,
  password_hash     text NOT NULL,
  -- The TOTP secret, encrypted (see auth/secret_box): key id, nonce and ciphertext.
  totp_key_id       text,
  totp_nonce        bytea,
  totp_ciphertext   bytea,
  totp_enabled      boolean NOT NULL DEFAULT false,
  totp_last_step    bigint,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  -- Embassy officers belong to exactly one mission; nobody else belongs to one.
  CHECK ((role = 'embassy_officer') = (mission_id IS NOT NULL))
);

CREATE TABLE recovery_codes (
  user_id   bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash bytea NOT NULL,
  used_at   timestamptz,
  PRIMARY KEY (user_id, code_hash)
);

-- A session is known by the SHA-256 of its token only; the token itself lives in the browser's cookie.
CREATE TABLE sessions (
  token_hash          bytea PRIMARY KEY,
  user_id             bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token          text NOT NULL,
  second_factor_done  boolean NOT NULL DEFAULT false,
  created_at          timestamptz NOT NULL DEFAULT now(),
  last_seen_at        timestamptz NOT NULL DEFAULT now(),
  absolute_expires_at timestamptz NOT NULL,
  ended_at            timestamptz
);
CREATE INDEX sessions_by_user ON sessions (user_id) WHERE ended_at IS NULL;

CREATE TABLE api_tokens (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  token_hash bytea NOT NULL UNIQUE,
  role       text NOT NULL CHECK (role IN ('embassy_officer', 'ministry_officer', 'prosecutor', 'auditor')),
  mission_id bigint REFERENCES missions (id),
  user_id    bigint NOT NULL REFERENCES users (id),  -- whose authority it carries (for prosecutors' cases)
  created_by bigint NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  last_used_at timestamptz,
  CHECK ((role = 'embassy_officer') = (mission_id IS NOT NULL))
);

-- Failed sign-ins per account name and per client address, for throttling and lock-out.
CREATE TABLE login_throttle (
  key          text PRIMARY KEY,
  failures     integer NOT NULL,
  window_start timestamptz NOT NULL,
  locked_until timestamptz
);

-- The audit log: append-only for the application, each row chained to the one before by hash.
CREATE TABLE audit_log (
  id          bigint PRIMARY KEY,           -- 1, 2, 3, … without gaps: the chain's order
  at          timestamptz NOT NULL,
  actor_id    bigint,                       -- a user id; null for an anonymous attempt
  actor_kind  text NOT NULL CHECK (actor_kind IN ('user', 'api_token', 'anonymous', 'system')),
  action      text NOT NULL,
  entity      text NOT NULL,
  entity_id   text,
  request_id  text,
  outcome     text NOT NULL CHECK (outcome IN ('allowed', 'refused')),
  details     jsonb NOT NULL DEFAULT '{}',  -- ids and reasons only, never personal data
  prev_hash   bytea NOT NULL,
  hash        bytea NOT NULL
);
CREATE INDEX audit_by_actor ON audit_log (actor_id, id);
CREATE INDEX audit_by_entity ON audit_log (entity, entity_id, id);
CREATE INDEX audit_by_time ON audit_log (at);

-- The chain's head: one row, locked by each append, so that appends are numbered without gaps and
-- each sees the hash of the one before.
CREATE TABLE audit_chain_head (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  last_id   bigint NOT NULL,
  last_hash bytea NOT NULL
);
INSERT INTO audit_chain_head (last_id, last_hash) VALUES (0, '\x0000000000000000000000000000000000000000000000000000000000000000');

-- The principal of the current transaction, set by the application with SET LOCAL, read by policies.
CREATE FUNCTION rudi_principal_role() RETURNS text LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('rudi.role', true), '') $$;
CREATE FUNCTION rudi_principal_user() RETURNS bigint LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('rudi.user_id', true), '')::bigint $$;
CREATE FUNCTION rudi_principal_mission() RETURNS bigint LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('rudi.mission_id', true), '')::bigint $$;

-- People: the survivors. The journey-records migration adds their fields; the table exists here so that
-- it is born behind row-level security.
CREATE TABLE people (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  mission_id bigint NOT NULL REFERENCES missions (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE people ENABLE ROW LEVEL SECURITY;
ALTER TABLE people FORCE ROW LEVEL SECURITY;
CREATE POLICY people_of_own_mission ON people TO rudi_app
  USING (rudi_principal_role() = 'embassy_officer' AND mission_id = rudi_principal_mission())
  WITH CHECK (rudi_principal_role() = 'embassy_officer' AND mission_id = rudi_principal_mission());
CREATE POLICY people_of_the_nation ON people TO rudi_app
  USING (rudi_principal_role() = 'ministry_officer')
  WITH CHECK (rudi_principal_role() = 'ministry_officer');

GRANT SELECT, INSERT, UPDATE ON missions, users, api_tokens TO rudi_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON recovery_codes, sessions, login_throttle TO rudi_app;
GRANT SELECT, INSERT ON audit_log TO rudi_app;          -- never UPDATE or DELETE
GRANT SELECT, UPDATE ON audit_chain_head TO rudi_app;
GRANT SELECT, INSERT, UPDATE ON people TO rudi_app;
GRANT EXECUTE ON FUNCTION rudi_principal_role(), rudi_principal_user(), rudi_principal_mission() TO rudi_app;
