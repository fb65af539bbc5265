#include "store/person_repository.hpp"

#include <soci/soci.h>

#include "store/hex.hpp"
#include "store/prepared.hpp"
#include "store/sql_errors.hpp"

namespace rudi::store {
namespace {

// The descriptive fields, by API name, as PostgreSQL builds them.
constexpr const char* kSelect = R"(
  SELECT id, mission_id, cohort_id, stage, on_hold::integer, version,
         (now()::date - stage_since::date) AS days_in_stage,
         jsonb_build_object(
           'search_name', search_name,
           'given_name', given_name, 'family_name', family_name, 'other_names', other_names, 'sex', sex,
           'date_of_birth', to_char(date_of_birth, 'YYYY-MM-DD'), 'estimated_age', estimated_age,
           'nationality', nationality, 'document_kind', document_kind, 'phone', phone,
           'next_of_kin_name', next_of_kin_name, 'next_of_kin_phone', next_of_kin_phone,
           'next_of_kin_relation', next_of_kin_relation, 'home_county', home_county,
           'languages', to_jsonb(languages), 'vulnerabilities', to_jsonb(vulnerabilities),
           'current_location', current_location, 'hold_reason', hold_reason,
           'stage_since', to_char(stage_since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
           'trafficking_status', trafficking_status, 'status_decided_by', status_decided_by,
           'exploitation_types', to_jsonb(exploitation_types), 'control_methods', to_jsonb(control_methods),
           'recruitment_method', recruitment_method, 'recruitment_apps', to_jsonb(recruitment_apps),
           'trafficker_relationship', trafficker_relationship, 'recruitment_place', recruitment_place,
           'exploitation_place', exploitation_place,
           'created_at', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))::text,
         document_key_id, encode(document_nonce, 'hex'), encode(document_sealed, 'hex'),
         prosecution_consent::integer
    FROM people )";

// The sealed document and its blind index as SQL values (hex text), or NULLs when there is none.
struct DocumentValues {
  std::string key_id, nonce, sealed, index;
  soci::indicator sealed_ind = soci::i_null, index_ind = soci::i_null;
};

DocumentValues document_values(const NewPerson& person) {
  DocumentValues v;
  if (person.document) {
    v.key_id = person.document->key_id;
    v.nonce = to_hex(person.document->nonce);
    v.sealed = to_hex(person.document->ciphertext);
    v.sealed_ind = soci::i_ok;
  }
  if (person.document_index) {
    v.index = to_hex(*person.document_index);
    v.index_ind = soci::i_ok;
  }
  return v;
}

// A person from the columns of kSelect, in text form (prepared statements).
PersonRow from_cells(const std::vector<std::optional<std::string>>& c) {
  PersonRow p;
  p.id = std::stoll(*c[0]);
  p.mission_id = std::stoll(*c[1]);
  if (c[2]) p.cohort_id = std::stoll(*c[2]);
  p.stage = parse_stage(*c[3]).value_or(Stage::reported);
  p.on_hold = *c[4] != "0";
  p.version = std::stoi(*c[5]);
  p.days_in_stage = std::stoi(*c[6]);
  p.fields = nlohmann::json::parse(*c[7]);
  if (c[8]) {
    p.document = auth::Sealed{*c[8], from_hex(c[9].value_or("")).value_or(auth::Bytes{}),
                              from_hex(c[10].value_or("")).value_or(auth::Bytes{})};
  }
  p.prosecution_consent = *c[11] != "0";
  return p;
}

}  // namespace

Result<std::int64_t> insert_person(soci::session& sql, const NewPerson& person) {
  const long long mission = person.mission_id;
  const std::string fields = person.fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  DocumentValues doc = document_values(person);
  long long id = 0;
  try {
    // The draft's fields are typed by jsonb_to_record; arrays become text[].
    sql << R"(INSERT INTO people (mission_id, cohort_id, given_name, family_name, other_names, sex, date_of_birth,
                estimated_age, nationality, document_kind, phone, next_of_kin_name, next_of_kin_phone,
                next_of_kin_relation, home_county, languages, vulnerabilities, current_location, stage,
                trafficking_status, status_decided_by, exploitation_types, control_methods, recruitment_method,
                recruitment_apps, trafficker_relationship, recruitment_place, exploitation_place,
                document_key_id, document_nonce, document_sealed, document_index)
              SELECT :mission_id, r.cohort_id, r.given_name, r.family_name, coalesce(r.other_names, ''),
                coalesce(r.sex, 'unknown'), r.date_of_birth, r.estimated_age, r.nationality, r.document_kind,
                r.phone, coalesce(r.next_of_kin_name, ''), r.next_of_kin_phone, coalesce(r.next_of_kin_relation, ''),
                coalesce(r.home_county, ''), coalesce(r.languages, '{}'), coalesce(r.vulnerabilities, '{}'),
                coalesce(r.current_location, ''), r.stage, r.trafficking_status, r.status_decided_by,
                coalesce(r.exploitation_types, '{}'), coalesce(r.control_methods, '{}'), r.recruitment_method,
                coalesce(r.recruitment_apps, '{}'), r.trafficker_relationship, coalesce(r.recruitment_place, ''),
                coalesce(r.exploitation_place, ''),
                :key_id, decode(:nonce, 'hex'), decode(:sealed, 'hex'), decode(:doc_index, 'hex')
              FROM jsonb_to_record(CAST(:fields AS jsonb)) AS r(
                cohort_id bigint, given_name text, family_name text, other_names text, sex text, date_of_birth date,
                estimated_age integer, nationality text, document_kind text, phone text, next_of_kin_name text,
                next_of_kin_phone text, next_of_kin_relation text, home_county text, languages text[],
                vulnerabilities text[], current_location text, stage text, trafficking_status text,
                status_decided_by text, exploitation_types text[], control_methods text[], recruitment_method text,
                recruitment_apps text[], trafficker_relationship text, recruitment_place text, exploitation_place text)
              RETURNING id)",
        soci::use(mission), soci::use(doc.key_id, doc.sealed_ind), soci::use(doc.nonce, doc.sealed_ind),
        soci::use(doc.sealed, doc.sealed_ind), soci::use(doc.index, doc.index_ind), soci::use(fields),
        soci::into(id);
  } catch (const soci::soci_error& e) {
    if (is_unique_violation(e)) return Error::conflict("a person with this document number is on record");
    if (is_check_violation(e)) return Error::invalid("the record breaks a rule of the schema");
    throw;
  }
  return static_cast<std::int64_t>(id);
}

Result<bool> update_person(soci::session& sql, std::int64_t id, int expected_version, const NewPerson& person,
                           bool replace_document) {
  const long long key = id;
  const std::string fields = person.fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  DocumentValues doc = document_values(person);
  const int replace = replace_document ? 1 : 0;
  try {
    soci::statement st =
        (sql.prepare << R"(UPDATE people p SET
          given_name = r.given_name, family_name = r.family_name, other_names = coalesce(r.other_names, ''),
          sex = coalesce(r.sex, 'unknown'), date_of_birth = r.date_of_birth, estimated_age = r.estimated_age,
          nationality = r.nationality, document_kind = r.document_kind, phone = r.phone,
          next_of_kin_name = coalesce(r.next_of_kin_name, ''), next_of_kin_phone = r.next_of_kin_phone,
          next_of_kin_relation = coalesce(r.next_of_kin_relation, ''), home_county = coalesce(r.home_county, ''),
          languages = coalesce(r.languages, '{}'), vulnerabilities = coalesce(r.vulnerabilities, '{}'),
          current_location = coalesce(r.current_location, ''), trafficking_status = r.trafficking_status,
          status_decided_by = r.status_decided_by, exploitation_types = coalesce(r.exploitation_types, '{}'),
          control_methods = coalesce(r.control_methods, '{}'), recruitment_method = r.recruitment_method,
          recruitment_apps = coalesce(r.recruitment_apps, '{}'), trafficker_relationship = r.trafficker_relationship,
          recruitment_place = coalesce(r.recruitment_place, ''), exploitation_place = coalesce(r.exploitation_place, ''),
          document_key_id = CASE WHEN :replace = 1 THEN :key_id ELSE p.document_key_id END,
          document_nonce = CASE WHEN :replace2 = 1 THEN decode(:nonce, 'hex') ELSE p.document_nonce END,
          document_sealed = CASE WHEN :replace3 = 1 THEN decode(:sealed, 'hex') ELSE p.document_sealed END,
          document_index = CASE WHEN :replace4 = 1 THEN decode(:doc_index, 'hex') ELSE p.document_index END,
          version = p.version + 1, updated_at = now()
        FROM jsonb_to_record(CAST(:fields AS jsonb)) AS r(
          given_name text, family_name text, other_names text, sex text, date_of_birth date, estimated_age integer,
          nationality text, document_kind text, phone text, next_of_kin_name text, next_of_kin_phone text,
          next_of_kin_relation text, home_county text, languages text[], vulnerabilities text[],
          current_location text, trafficking_status text, status_decided_by text, exploitation_types text[],
          control_methods text[], recruitment_method text, recruitment_apps text[], trafficker_relationship text,
          recruitment_place text, exploitation_place text)
        WHERE p.id = :id AND p.version = :version)",
         soci::use(replace), soci::use(doc.key_id, doc.sealed_ind), soci::use(replace),
         soci::use(doc.nonce, doc.sealed_ind), soci::use(replace), soci::use(doc.sealed, doc.sealed_ind),
         soci::use(replace), soci::use(doc.index, doc.index_ind), soci::use(fields), soci::use(key),
         soci::use(expected_version));
    st.execute(true);
    return st.get_affected_rows() == 1;
  } catch (const soci::soci_error& e) {
    if (is_unique_violation(e)) return Error::conflict("a person with this document number is on record");
    if (is_check_violation(e)) return Error::invalid("the record breaks a rule of the schema");
    throw;
  }
}

std::optional<std::int64_t> visible_person_with_document(soci::session& sql,
                                                         const auth::Bytes& document_index) {
  const std::string index = to_hex(document_index);
  long long id = 0;
  sql << "SELECT id FROM people WHERE document_index = decode(:doc_index, 'hex')", soci::use(index),
      soci::into(id);
  if (!sql.got_data()) return std::nullopt;
  return static_cast<std::int64_t>(id);
}

std::vector<std::int64_t> similar_people(soci::session& sql, const std::string& name,
                                         const std::optional<std::string>& date_of_birth) {
  std::vector<std::int64_t> ids;
  if (!date_of_birth) return ids;
  const std::string wanted = name;
  const std::string dob = *date_of_birth;
  // `%` uses the trigram index on search_name; the closer test is on the two names alone.
  soci::rowset<soci::row> rows = (sql.prepare << R"(
      WITH wanted AS (SELECT lower(:name) AS name, CAST(:dob AS date) AS dob)
      SELECT p.id FROM people p, wanted w
       WHERE p.search_name % w.name AND p.date_of_birth = w.dob
         AND similarity(lower(p.given_name || ' ' || p.family_name), w.name) >= 0.5
       ORDER BY similarity(lower(p.given_name || ' ' || p.family_name), w.name) DESC, p.id
       LIMIT 10)",
                                  soci::use(wanted), soci::use(dob));
  for (const auto& r : rows) ids.push_back(r.get<long long>(0));
  return ids;
}

std::optional<PersonRow> find_person(soci::session& sql, std::int64_t id, bool for_update) {
  // Prepared: every use case that touches a person starts here.
  static const std::string kById = std::string(kSelect) + "WHERE id = $1";
  static const std::string kByIdForUpdate = kById + " FOR UPDATE";
  const auto found = for_update ? run_prepared(sql, "rudi_find_person_for_update", kByIdForUpdate.c_str(),
                                               {std::to_string(id)})
                                : run_prepared(sql, "rudi_find_person", kById.c_str(), {std::to_string(id)});
  if (found.rows.empty()) return std::nullopt;
  return from_cells(found.rows.front());
}

std::vector<PersonRow> list_people(soci::session& sql, const PeopleFilter& f) {
  // Absent filters are NULL and match everything. The order is one of three fixed texts, each prepared
  // under its own name, and each names exactly the parameters it uses ($9 the page size, $10 and $11 the
  // cursor).
  static const std::string kFiltered = std::string(kSelect) + R"(
       WHERE ($1::bigint IS NULL OR cohort_id = $1::bigint)
         AND ($2::bigint IS NULL OR mission_id = $2::bigint)
         AND ($3::text IS NULL OR stage = $3::text)
         AND ($4::integer IS NULL OR on_hold = ($4::integer = 1))
         AND ($5::text IS NULL OR $5::text = ANY (vulnerabilities))
         AND ($6::integer IS NULL OR now()::date - stage_since::date >= $6::integer)
         AND ($7::text IS NULL OR search_name % lower($7::text) OR lower($7::text) <% search_name
              OR document_index = decode($8::text, 'hex')) )";
  static const std::string kByRelevance =
      kFiltered + "ORDER BY word_similarity(lower($7::text), search_name) DESC, id LIMIT $9";
  static const std::string kByName =
      kFiltered + "AND (search_name, id) > ($11::text, $10::bigint) ORDER BY search_name, id LIMIT $9";
  static const std::string kById = kFiltered + "AND id > $10::bigint ORDER BY id LIMIT $9";

  auto number = [](const auto& v) { return v ? SqlParam(std::to_string(*v)) : std::nullopt; };
  std::vector<SqlParam> params{number(f.cohort_id),
                               number(f.mission_id),
                               f.stage,
                               f.on_hold ? SqlParam(*f.on_hold ? "1" : "0") : std::nullopt,
                               f.vulnerability,
                               number(f.min_days_in_stage),
                               f.query,
                               f.document_index ? SqlParam(to_hex(*f.document_index)) : std::nullopt,
                               std::to_string(f.limit)};
  PreparedResult found;
  if (f.query) {
    found = run_prepared(sql, "rudi_people_by_relevance", kByRelevance.c_str(), params);
  } else {
    params.push_back(std::to_string(f.after_id));
    if (f.sort == PeopleFilter::Sort::name) {
      params.push_back(f.after_name.value_or(""));
      found = run_prepared(sql, "rudi_people_by_name", kByName.c_str(), params);
    } else {
      found = run_prepared(sql, "rudi_people_by_id", kById.c_str(), params);
    }
  }
  std::vector<PersonRow> people;
  people.reserve(found.rows.size());
  for (const auto& cells : found.rows) people.push_back(from_cells(cells));
  return people;
}

void add_journey_step(soci::session& sql, const JourneyStep& s) {
  run_prepared(
      sql, "rudi_add_journey_step",
      R"(INSERT INTO journey_steps (person_id, kind, from_stage, to_stage, on_hold, hold_reason, reason, note,
                    actor_id, occurred_at)
                  VALUES ($1, $2, $3, $4, $5 = 1, $6, $7, $8, $9, CAST($10 AS timestamptz)))",
      {std::to_string(s.person_id), s.kind, s.from_stage, s.to_stage, std::string(s.on_hold ? "1" : "0"),
       s.hold_reason, s.reason, s.note, s.actor_id ? SqlParam(std::to_string(*s.actor_id)) : std::nullopt,
       s.occurred_at});
}

bool move_person(soci::session& sql, int expected_version, const JourneyStep& s) {
  // The busiest write of all: the update and its journey step as one prepared statement.
  const auto moved = run_prepared(
      sql, "rudi_move_person",
      R"(WITH moved AS (
           UPDATE people SET stage = $4, on_hold = ($5 = 1), hold_reason = $6, version = version + 1,
                  updated_at = now(), stage_since = CASE WHEN stage <> $4 THEN now() ELSE stage_since END
            WHERE id = $1 AND version = $11
           RETURNING id)
         INSERT INTO journey_steps (person_id, kind, from_stage, to_stage, on_hold, hold_reason, reason, note,
                                    actor_id, occurred_at)
         SELECT moved.id, $2, $3, $4, $5 = 1, $6, $7, $8, $9, CAST($10 AS timestamptz) FROM moved
         RETURNING id)",
      {std::to_string(s.person_id), s.kind, s.from_stage, s.to_stage, std::string(s.on_hold ? "1" : "0"),
       s.hold_reason, s.reason, s.note, s.actor_id ? SqlParam(std::to_string(*s.actor_id)) : std::nullopt,
       s.occurred_at, std::to_string(expected_version)});
  return moved.rows.size() == 1;
}

std::vector<JourneyStep> journey_of(soci::session& sql, std::int64_t person_id) {
  const long long key = person_id;
  soci::rowset<soci::row> rows = (sql.prepare << R"(
      SELECT id, person_id, kind, from_stage, to_stage, on_hold::integer, hold_reason, reason, note, actor_id,
             to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
             to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
        FROM journey_steps WHERE person_id = :id ORDER BY occurred_at, id)",
                                  soci::use(key));
  std::vector<JourneyStep> steps;
  for (const auto& r : rows) {
    JourneyStep s;
    s.id = r.get<long long>(0);
    s.person_id = r.get<long long>(1);
    s.kind = r.get<std::string>(2);
    if (r.get_indicator(3) == soci::i_ok) s.from_stage = r.get<std::string>(3);
    s.to_stage = r.get<std::string>(4);
    s.on_hold = r.get<int>(5) != 0;
    if (r.get_indicator(6) == soci::i_ok) s.hold_reason = r.get<std::string>(6);
    s.reason = r.get<std::string>(7);
    s.note = r.get<std::string>(8);
    if (r.get_indicator(9) == soci::i_ok) s.actor_id = r.get<long long>(9);
    s.occurred_at = r.get<std::string>(10);
    s.recorded_at = r.get<std::string>(11);
    steps.push_back(std::move(s));
  }
  return steps;
}

std::map<std::string, int> stage_counts(soci::session& sql, std::int64_t cohort_id) {
  const long long key = cohort_id;
  std::map<std::string, int> counts;
  soci::rowset<soci::row> rows = (sql.prepare << R"(
      SELECT CASE WHEN on_hold THEN 'on_hold' ELSE stage END, count(*)::integer
        FROM people WHERE cohort_id = :id GROUP BY 1)",
                                  soci::use(key));
  for (const auto& r : rows) counts[r.get<std::string>(0)] = r.get<int>(1);
  return counts;
}

}  // namespace rudi::store
