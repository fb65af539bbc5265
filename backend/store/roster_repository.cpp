#include "store/roster_repository.hpp"

#include <soci/soci.h>

#include <nlohmann/json.hpp>

#include "store/hex.hpp"
#include "store/prepared.hpp"

namespace rudi::store {
namespace {

// One column of a batch as a PostgreSQL text[] literal: each element quoted, with quotes and
// backslashes escaped; an absent value is NULL.
class TextArray {
 public:
  void add(const std::optional<std::string>& value) {
    text_ += text_.empty() ? "{" : ",";
    if (!value) {
      text_ += "NULL";
      return;
    }
    text_ += '"';
    for (char c : *value) {
      if (c == '"' || c == '\\') text_ += '\\';
      text_ += c;
    }
    text_ += '"';
  }
  std::string done() const { return text_.empty() ? "{}" : text_ + "}"; }

 private:
  std::string text_;
};

std::optional<std::string> maybe(const std::optional<std::string>& v) {
  return v;
}

}  // namespace

std::int64_t add_roster_import(soci::session& sql, const RosterImportRecord& r) {
  const auto added =
      run_prepared(sql, "rudi_add_roster_import",
                   R"(INSERT INTO roster_imports (cohort_id, mission_id, actor_id, source, partial)
         VALUES ($1, $2, $3, $4, $5 = 1) RETURNING id)",
                   {std::to_string(r.cohort_id), std::to_string(r.mission_id),
                    r.actor_id ? SqlParam(std::to_string(*r.actor_id)) : std::nullopt, r.source,
                    std::string(r.partial ? "1" : "0")});
  return std::stoll(*added.rows.at(0).at(0));
}

void finish_roster_import(soci::session& sql, std::int64_t import_id, const RosterImportCounts& c) {
  nlohmann::json others = nlohmann::json::object();
  for (const auto& [code, n] : c.other_nationalities) others[code] = n;
  run_prepared(sql, "rudi_finish_roster_import",
               R"(UPDATE roster_imports SET rows_read = $2, imported = $3, existing = $4, rejected = $5,
                         other_nationalities = CAST($6 AS jsonb) WHERE id = $1)",
               {std::to_string(import_id), std::to_string(c.rows), std::to_string(c.imported),
                std::to_string(c.existing), std::to_string(c.rejected), others.dump()});
}

std::vector<InsertedPerson> insert_roster_people(soci::session& sql, std::int64_t mission_id,
                                                 std::int64_t cohort_id, std::int64_t import_id,
                                                 const std::vector<RosterPerson>& batch) {
  std::vector<InsertedPerson> inserted;
  if (batch.empty()) return inserted;
  enum Column {
    line,
    given,
    family,
    other,
    sex,
    dob,
    age,
    nationality,
    doc_kind,
    phone,
    nok_name,
    nok_phone,
    nok_relation,
    county,
    languages,
    location,
    stage,
    key_id,
    nonce,
    sealed,
    doc_index,
    import_key,
    column_count
  };
  std::vector<TextArray> columns(column_count);
  auto hex = [](const std::optional<auth::Bytes>& b) { return b ? std::optional(to_hex(*b)) : std::nullopt; };
  for (const auto& p : batch) {
    const PersonDraft& d = *p.draft;
    columns[line].add(std::to_string(p.line));
    columns[given].add(d.given_name);
    columns[family].add(d.family_name);
    columns[other].add(d.other_names);
    columns[sex].add(d.sex);
    columns[dob].add(maybe(d.date_of_birth));
    columns[age].add(d.estimated_age ? std::optional(std::to_string(*d.estimated_age)) : std::nullopt);
    columns[nationality].add(d.nationality);
    columns[doc_kind].add(maybe(d.document_kind));
    columns[phone].add(maybe(d.phone));
    columns[nok_name].add(d.next_of_kin_name);
    columns[nok_phone].add(maybe(d.next_of_kin_phone));
    columns[nok_relation].add(d.next_of_kin_relation);
    columns[county].add(d.home_county);
    columns[languages].add(nlohmann::json(d.languages).dump());
    columns[location].add(d.current_location);
    columns[stage].add(d.stage);
    columns[key_id].add(p.document ? std::optional(p.document->key_id) : std::nullopt);
    columns[nonce].add(p.document ? std::optional(to_hex(p.document->nonce)) : std::nullopt);
    columns[sealed].add(p.document ? std::optional(to_hex(p.document->ciphertext)) : std::nullopt);
    columns[doc_index].add(hex(p.document_index));
    columns[import_key].add(hex(p.import_key));
  }
  std::vector<SqlParam> params{std::to_string(mission_id), std::to_string(cohort_id),
                               std::to_string(import_id)};
  for (const auto& c : columns) params.push_back(c.done());
  // A person already on record (the unique document index or row key) is skipped, not an error: the
  // caller reports them. Two rows of one batch with the same key keep the first.
  const auto rows = run_prepared(sql, "rudi_insert_roster_people", R"(
      INSERT INTO people (mission_id, cohort_id, given_name, family_name, other_names, sex, date_of_birth,
                          estimated_age, nationality, document_kind, phone, next_of_kin_name, next_of_kin_phone,
                          next_of_kin_relation, home_county, languages, current_location, stage,
                          document_key_id, document_nonce, document_sealed, document_index,
                          import_id, import_line, import_key)
      SELECT $1::bigint, $2::bigint, r.given, r.family, r.other, r.sex, CAST(r.dob AS date),
             CAST(r.age AS integer), r.nationality, r.doc_kind, r.phone, r.nok_name, r.nok_phone, r.nok_relation,
             r.county, ARRAY(SELECT jsonb_array_elements_text(CAST(r.languages AS jsonb))), r.location, r.stage,
             r.key_id, decode(r.nonce, 'hex'), decode(r.sealed, 'hex'), decode(r.doc_index, 'hex'),
             $3::bigint, CAST(r.line AS integer), decode(r.import_key, 'hex')
        FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                    $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[],
                    $18::text[], $19::text[], $20::text[], $21::text[], $22::text[], $23::text[], $24::text[],
                    $25::text[])
          AS r(line, given, family, other, sex, dob, age, nationality, doc_kind, phone, nok_name, nok_phone,
               nok_relation, county, languages, location, stage, key_id, nonce, sealed, doc_index, import_key)
      ON CONFLICT DO NOTHING
      RETURNING id, import_line)",
                                 params);
  inserted.reserve(rows.rows.size());
  for (const auto& r : rows.rows)
    inserted.push_back({static_cast<std::size_t>(std::stoll(*r[1])), std::stoll(*r[0])});
  return inserted;
}

std::map<std::string, std::int64_t> visible_people_with_keys(soci::session& sql,
                                                             const std::vector<auth::Bytes>& keys) {
  std::map<std::string, std::int64_t> found;
  if (keys.empty()) return found;
  TextArray wanted;
  for (const auto& k : keys) wanted.add(to_hex(k));
  const auto rows = run_prepared(sql, "rudi_people_with_keys", R"(
      WITH wanted AS (SELECT decode(k, 'hex') AS k FROM unnest($1::text[]) AS k)
      SELECT encode(w.k, 'hex'), p.id FROM wanted w JOIN people p ON p.document_index = w.k
      UNION ALL
      SELECT encode(w.k, 'hex'), p.id FROM wanted w JOIN people p ON p.import_key = w.k)",
                                 {wanted.done()});
  for (const auto& r : rows.rows) found.emplace(*r[0], std::stoll(*r[1]));
  return found;
}

void record_roster_people_entered(soci::session& sql, std::int64_t import_id,
                                  std::optional<std::int64_t> actor_id, const std::string& actor_kind,
                                  const std::string& at, const std::string& request_id) {
  const SqlParam actor = actor_id ? SqlParam(std::to_string(*actor_id)) : std::nullopt;
  run_prepared(sql, "rudi_roster_journey_steps", R"(
      INSERT INTO journey_steps (person_id, kind, from_stage, to_stage, on_hold, reason, note, actor_id,
                                 occurred_at)
      SELECT id, 'entered', NULL, stage, false, '', 'imported from a roster', $2, CAST($3 AS timestamptz)
        FROM people WHERE import_id = $1 ORDER BY id)",
               {std::to_string(import_id), actor, at});
  run_prepared(sql, "rudi_roster_audit", R"(
      INSERT INTO audit_log (at, actor_id, actor_kind, action, entity, entity_id, request_id, outcome, details)
      SELECT CAST($2 AS timestamptz), $3, $4, 'person.create', 'person', id::text, $5, 'allowed',
             jsonb_build_object('import_id', $1::bigint, 'line', import_line)
        FROM people WHERE import_id = $1 ORDER BY id)",
               {std::to_string(import_id), at, actor, actor_kind, request_id});
}

}  // namespace rudi::store
