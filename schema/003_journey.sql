-- 003: cohorts, the people's records, their journey, consent, and the events that dashboards receive.
-- Field names and value names of victim identification follow IOM's Human Trafficking Case Data
-- Standard (HTCDS) v2.0.

CREATE TABLE cohorts (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  mission_id   bigint NOT NULL REFERENCES missions (id),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  released_on  date NOT NULL,
  country      text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),   -- where they came out
  locality     text NOT NULL DEFAULT '' CHECK (length(locality) <= 200),  -- e.g. Myawaddy → Mae Sot
  partners     text NOT NULL DEFAULT '' CHECK (length(partners) <= 1000),
  notes        text NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cohorts_by_mission ON cohorts (mission_id);

ALTER TABLE people
  ADD COLUMN cohort_id          bigint REFERENCES cohorts (id),
  ADD COLUMN given_name         text NOT NULL CHECK (length(given_name) BETWEEN 1 AND 200),
  ADD COLUMN family_name        text NOT NULL CHECK (length(family_name) BETWEEN 1 AND 200),
  ADD COLUMN other_names        text NOT NULL DEFAULT '' CHECK (length(other_names) <= 400),
  ADD COLUMN sex                text NOT NULL DEFAULT 'unknown' CHECK (sex IN ('female', 'male', 'other', 'unknown')),
  ADD COLUMN date_of_birth      date,
  ADD COLUMN estimated_age      integer CHECK (estimated_age BETWEEN 0 AND 120),
  ADD COLUMN nationality        text NOT NULL CHECK (nationality ~ '^[A-Z]{2}$'),
  -- The identity document, sealed (auth/secret_box) with a blind index for exact matching.
  ADD COLUMN document_kind      text CHECK (document_kind IN ('passport', 'national_id', 'emergency_travel_document', 'other')),
  ADD COLUMN document_key_id    text,
  ADD COLUMN document_nonce     bytea,
  ADD COLUMN document_sealed    bytea,
  ADD COLUMN document_index     bytea,
  ADD COLUMN phone              text CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
  ADD COLUMN next_of_kin_name   text NOT NULL DEFAULT '' CHECK (length(next_of_kin_name) <= 200),
  ADD COLUMN next_of_kin_phone  text CHECK (next_of_kin_phone ~ '^\+[1-9][0-9]{6,14}$'),
  ADD COLUMN next_of_kin_relation text NOT NULL DEFAULT '' CHECK (length(next_of_kin_relation) <= 100),
  ADD COLUMN home_county        text NOT NULL DEFAULT '' CHECK (length(home_county) <= 100),
  ADD COLUMN languages          text[] NOT NULL DEFAULT '{}',
  ADD COLUMN vulnerabilities    text[] NOT NULL DEFAULT '{}'
    CHECK (vulnerabilities <@ ARRAY['minor', 'medical_need', 'pregnancy', 'disability', 'mental_health_need']::text[]),
  ADD COLUMN current_location   text NOT NULL DEFAULT '' CHECK (length(current_location) <= 200),
  ADD COLUMN stage              text NOT NULL DEFAULT 'reported',
  ADD COLUMN on_hold            boolean NOT NULL DEFAULT false,
  ADD COLUMN hold_reason        text,
  ADD COLUMN stage_since        timestamptz NOT NULL DEFAULT now(),
  -- HTCDS v2.0 victim identification, with the standard's value names.
  ADD COLUMN trafficking_status text CHECK (trafficking_status IN
    ('PossibleVictimOfTrafficking', 'ActualVictimOfTrafficking', 'NotAVictimOfTrafficking')),
  ADD COLUMN status_decided_by  text CHECK (status_decided_by IN
    ('Police', 'NGO', 'CourtOrProsecution', 'NonPoliceGovernmentalOrganization', 'Other')),
  ADD COLUMN exploitation_types text[] NOT NULL DEFAULT '{}',
  ADD COLUMN control_methods    text[] NOT NULL DEFAULT '{}',
  ADD COLUMN recruitment_method text,
  ADD COLUMN recruitment_apps   text[] NOT NULL DEFAULT '{}',
  ADD COLUMN trafficker_relationship text CHECK (trafficker_relationship IN ('Familial', 'Acquainted', 'Unaquainted')),
  ADD COLUMN recruitment_place  text NOT NULL DEFAULT '' CHECK (length(recruitment_place) <= 200),
  ADD COLUMN exploitation_place text NOT NULL DEFAULT '' CHECK (length(exploitation_place) <= 200),
  ADD COLUMN version            integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_at         timestamptz NOT NULL DEFAULT now();
CREATE INDEX people_by_cohort ON people (cohort_id, id);
CREATE INDEX people_by_mission_stage ON people (mission_id, stage);
CREATE UNIQUE INDEX people_by_document ON people (document_index) WHERE document_index IS NOT NULL;

-- Every change of stage, with who made it, when it happened (which may be earlier than when it was
-- recorded) and what kind of change it was.
CREATE TABLE journey_steps (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id    bigint NOT NULL REFERENCES people (id),
  kind         text NOT NULL CHECK (kind IN ('entered', 'forward', 'skip', 'correction', 'hold', 'release')),
  from_stage   text,
  to_stage     text NOT NULL,
  on_hold      boolean NOT NULL,
  hold_reason  text,
  reason       text NOT NULL DEFAULT '' CHECK (length(reason) <= 2000),
  note         text NOT NULL DEFAULT '' CHECK (length(note) <= 4000),
  actor_id     bigint REFERENCES users (id),
  occurred_at  timestamptz NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX journey_by_person ON journey_steps (person_id, id);

-- Consent per purpose, as a history: the newest row of a person and purpose is the one in force.
CREATE TABLE consents (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id   bigint NOT NULL REFERENCES people (id),
  purpose     text NOT NULL CHECK (purpose IN ('prosecution', 'family_contact', 'partner_referral', 'statistics')),
  status      text NOT NULL CHECK (status IN ('granted', 'refused', 'withdrawn')),
  method      text NOT NULL CHECK (method IN ('verbal', 'written')),
  note        text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  recorded_by bigint REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX consents_by_person ON consents (person_id, purpose, id DESC);

-- Committed changes, numbered 1, 2, 3… in commit order: each writer takes the head row's lock last in
-- its transaction, so numbers are handed out in the order the transactions commit, without gaps.
CREATE TABLE events (
  seq         bigint PRIMARY KEY,
  type        text NOT NULL,
  topics      text[] NOT NULL,
  mission_id  bigint,
  person_id   bigint,
  cohort_id   bigint,
  case_ids    bigint[] NOT NULL DEFAULT '{}',
  payload     jsonb NOT NULL,            -- no more personal data than the dashboards show
  actor_id    bigint,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE events_head (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  last_seq  bigint NOT NULL
);
INSERT INTO events_head (last_seq) VALUES (0);

-- Row-level security: cohorts like people; journey steps and consent through their person.
ALTER TABLE cohorts ENABLE ROW LEVEL SECURITY;
ALTER TABLE cohorts FORCE ROW LEVEL SECURITY;
CREATE POLICY cohorts_of_own_mission ON cohorts TO rudi_app
  USING (rudi_principal_role() = 'embassy_officer' AND mission_id = rudi_principal_mission())
  WITH CHECK (rudi_principal_role() = 'embassy_officer' AND mission_id = rudi_principal_mission());
CREATE POLICY cohorts_of_the_nation ON cohorts TO rudi_app
  USING (rudi_principal_role() = 'ministry_officer')
  WITH CHECK (rudi_principal_role() = 'ministry_officer');

ALTER TABLE journey_steps ENABLE ROW LEVEL SECURITY;
ALTER TABLE journey_steps FORCE ROW LEVEL SECURITY;
CREATE POLICY journey_of_visible_people ON journey_steps TO rudi_app
  USING (EXISTS (SELECT FROM people p WHERE p.id = person_id))
  WITH CHECK (EXISTS (SELECT FROM people p WHERE p.id = person_id));

ALTER TABLE consents ENABLE ROW LEVEL SECURITY;
ALTER TABLE consents FORCE ROW LEVEL SECURITY;
CREATE POLICY consent_of_visible_people ON consents TO rudi_app
  USING (EXISTS (SELECT FROM people p WHERE p.id = person_id))
  WITH CHECK (EXISTS (SELECT FROM people p WHERE p.id = person_id));

GRANT SELECT, INSERT, UPDATE ON cohorts TO rudi_app;
GRANT SELECT, INSERT ON journey_steps, consents TO rudi_app;
GRANT SELECT, INSERT ON events TO rudi_app;
GRANT SELECT, UPDATE ON events_head TO rudi_app;
