-- 009: roster imports. Each import of a list into a cohort is recorded with who ran it and what came of it
-- (counts only: no personal data of the people it listed, least of all of other nationalities). The people
-- it created keep which import and which line of the file they came from; a person listed without a
-- document number is known again by a keyed hash of their row (cohort, names, date of birth or age, sex),
-- so that importing the same list twice creates nobody twice.

CREATE TABLE roster_imports (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  cohort_id     bigint NOT NULL REFERENCES cohorts (id),
  mission_id    bigint NOT NULL REFERENCES missions (id),
  actor_id      bigint REFERENCES users (id),
  source        text NOT NULL CHECK (source IN ('api', 'cli')),
  partial       boolean NOT NULL,
  rows_read     integer NOT NULL DEFAULT 0,
  imported      integer NOT NULL DEFAULT 0,
  existing      integer NOT NULL DEFAULT 0,
  rejected      integer NOT NULL DEFAULT 0,
  other_nationalities jsonb NOT NULL DEFAULT '{}',  -- alpha-2 code → rows
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX roster_imports_by_cohort ON roster_imports (cohort_id, id);

ALTER TABLE people ADD COLUMN import_id   bigint REFERENCES roster_imports (id),
                   ADD COLUMN import_line integer,
                   ADD COLUMN import_key  bytea;
CREATE UNIQUE INDEX people_by_import_key ON people (import_key) WHERE import_key IS NOT NULL;
CREATE INDEX people_by_import ON people (import_id) WHERE import_id IS NOT NULL;

ALTER TABLE roster_imports ENABLE ROW LEVEL SECURITY;
ALTER TABLE roster_imports FORCE ROW LEVEL SECURITY;
CREATE POLICY roster_imports_of_own_mission ON roster_imports TO rudi_app
  USING (rudi_principal_role() = 'embassy_officer' AND mission_id = rudi_principal_mission())
  WITH CHECK (rudi_principal_role() = 'embassy_officer' AND mission_id = rudi_principal_mission());
CREATE POLICY roster_imports_of_the_nation ON roster_imports TO rudi_app
  USING (rudi_principal_role() = 'ministry_officer')
  WITH CHECK (rudi_principal_role() = 'ministry_officer');
GRANT SELECT, INSERT, UPDATE ON roster_imports TO rudi_app;
