#include "store/suspect_repository.hpp"

#include <soci/soci.h>

#include <nlohmann/json.hpp>

namespace rudi::store {
namespace {

constexpr const char* kColumns = R"(
  SELECT id, case_id, kind, name, to_jsonb(aliases)::text, to_jsonb(phones)::text, to_jsonb(agencies)::text,
         to_jsonb(roles)::text, nationality, notes, version,
         (SELECT coalesce(jsonb_agg(n.person_id ORDER BY n.person_id), '[]') FROM suspect_namings n
           JOIN people p ON p.id = n.person_id WHERE n.suspect_id = suspects.id)::text
    FROM suspects )";

std::vector<std::string> strings(const std::string& json) {
  return nlohmann::json::parse(json).get<std::vector<std::string>>();
}

SuspectRecord from_row(const soci::row& r) {
  SuspectRecord s;
  s.id = r.get<long long>(0);
  s.case_id = r.get<long long>(1);
  s.fields.kind = r.get<std::string>(2);
  s.fields.name = r.get<std::string>(3);
  s.fields.aliases = strings(r.get<std::string>(4));
  s.fields.phones = strings(r.get<std::string>(5));
  s.fields.agencies = strings(r.get<std::string>(6));
  s.fields.roles = strings(r.get<std::string>(7));
  if (r.get_indicator(8) == soci::i_ok) s.fields.nationality = r.get<std::string>(8);
  s.fields.notes = r.get<std::string>(9);
  s.version = r.get<int>(10);
  s.fields.named_by = nlohmann::json::parse(r.get<std::string>(11)).get<std::vector<std::int64_t>>();
  return s;
}

std::string json_of(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The suspect's namings and match keys, replaced as a whole.
void replace_keys_and_namings(soci::session& sql, long long id, const SuspectDraft& s) {
  nlohmann::json keys = nlohmann::json::array();
  for (const auto& k : match_keys(s)) keys.push_back({{"kind", k.kind}, {"value", k.value}});
  const std::string keys_json = json_of(keys), named_json = json_of(s.named_by);
  sql << "DELETE FROM suspect_keys WHERE suspect_id = :id", soci::use(id);
  sql << R"(INSERT INTO suspect_keys (suspect_id, kind, value)
            SELECT CAST(:id AS bigint), k.kind, k.value FROM jsonb_to_recordset(CAST(:keys AS jsonb)) AS k(kind text, value text))",
      soci::use(id), soci::use(keys_json);
  // Only the namings the caller can see are replaced: a victim hidden from the caller now (consent withdrawn)
  // still named the suspect.
  sql << "DELETE FROM suspect_namings n USING people p WHERE n.suspect_id = :id AND p.id = n.person_id",
      soci::use(id);
  sql << R"(INSERT INTO suspect_namings (suspect_id, person_id)
            SELECT DISTINCT CAST(:id AS bigint), n::bigint FROM jsonb_array_elements_text(CAST(:named AS jsonb)) AS n
            ON CONFLICT DO NOTHING)",
      soci::use(id), soci::use(named_json);
}

}  // namespace

std::int64_t add_suspect(soci::session& sql, std::int64_t case_id, const SuspectDraft& s) {
  const long long c = case_id;
  long long id = 0;
  const std::string aliases = json_of(s.aliases), phones = json_of(s.phones), agencies = json_of(s.agencies),
                    roles = json_of(s.roles);
  const std::string nationality = s.nationality.value_or("");
  soci::indicator nationality_ind = s.nationality ? soci::i_ok : soci::i_null;
  sql << R"(INSERT INTO suspects (case_id, kind, name, aliases, phones, agencies, roles, nationality, notes)
            VALUES (:c, :kind, :name, ARRAY(SELECT jsonb_array_elements_text(CAST(:aliases AS jsonb))),
                    ARRAY(SELECT jsonb_array_elements_text(CAST(:phones AS jsonb))),
                    ARRAY(SELECT jsonb_array_elements_text(CAST(:agencies AS jsonb))),
                    ARRAY(SELECT jsonb_array_elements_text(CAST(:roles AS jsonb))), :nationality, :notes)
            RETURNING id)",
      soci::use(c), soci::use(s.kind), soci::use(s.name), soci::use(aliases), soci::use(phones),
      soci::use(agencies), soci::use(roles), soci::use(nationality, nationality_ind), soci::use(s.notes),
      soci::into(id);
  replace_keys_and_namings(sql, id, s);
  return id;
}

std::optional<SuspectRecord> find_suspect(soci::session& sql, std::int64_t id, bool for_update) {
  const long long key = id;
  soci::row r;
  sql << std::string(kColumns) + " WHERE id = :id" + (for_update ? " FOR UPDATE" : ""), soci::use(key),
      soci::into(r);
  if (!sql.got_data()) return std::nullopt;
  return from_row(r);
}

std::vector<SuspectRecord> suspects_of_case(soci::session& sql, std::int64_t case_id) {
  const long long key = case_id;
  std::vector<SuspectRecord> suspects;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kColumns) + " WHERE case_id = :id ORDER BY id LIMIT 500", soci::use(key));
  for (const auto& r : rows) suspects.push_back(from_row(r));
  return suspects;
}

bool update_suspect(soci::session& sql, std::int64_t id, int expected_version, const SuspectDraft& s) {
  const long long key = id;
  const std::string aliases = json_of(s.aliases), phones = json_of(s.phones), agencies = json_of(s.agencies),
                    roles = json_of(s.roles);
  const std::string nationality = s.nationality.value_or("");
  soci::indicator nationality_ind = s.nationality ? soci::i_ok : soci::i_null;
  soci::statement st = (sql.prepare << R"(UPDATE suspects SET kind = :kind, name = :name,
        aliases = ARRAY(SELECT jsonb_array_elements_text(CAST(:aliases AS jsonb))),
        phones = ARRAY(SELECT jsonb_array_elements_text(CAST(:phones AS jsonb))),
        agencies = ARRAY(SELECT jsonb_array_elements_text(CAST(:agencies AS jsonb))),
        roles = ARRAY(SELECT jsonb_array_elements_text(CAST(:roles AS jsonb))),
        nationality = :nationality, notes = :notes, version = version + 1, updated_at = now()
      WHERE id = :id AND version = :version)",
                        soci::use(s.kind), soci::use(s.name), soci::use(aliases), soci::use(phones),
                        soci::use(agencies), soci::use(roles), soci::use(nationality, nationality_ind),
                        soci::use(s.notes), soci::use(key), soci::use(expected_version));
  st.execute(true);
  if (st.get_affected_rows() != 1) return false;
  replace_keys_and_namings(sql, key, s);
  return true;
}

std::vector<SuspectMatch> visible_matches(soci::session& sql, std::int64_t suspect_id) {
  const long long key = suspect_id;
  std::vector<SuspectMatch> matches;
  soci::rowset<soci::row> rows = (sql.prepare << R"(
      WITH matching AS (
        SELECT other.suspect_id, array_agg(DISTINCT other.kind ORDER BY other.kind) AS kinds
          FROM suspect_keys mine JOIN suspect_keys other ON other.kind = mine.kind AND other.value = mine.value
         WHERE mine.suspect_id = :mine AND other.suspect_id <> :other
         GROUP BY other.suspect_id)
      SELECT s.id, s.case_id, s.name, to_jsonb(m.kinds)::text,
             (SELECT coalesce(jsonb_agg(n.person_id ORDER BY n.person_id), '[]') FROM suspect_namings n
               JOIN people p ON p.id = n.person_id WHERE n.suspect_id = s.id)::text
        FROM suspects s JOIN matching m ON m.suspect_id = s.id
       ORDER BY s.id LIMIT 200)",
                                  soci::use(key), soci::use(key));
  for (const auto& r : rows) {
    matches.push_back({r.get<long long>(0), r.get<long long>(1), r.get<std::string>(2),
                       strings(r.get<std::string>(3)),
                       nlohmann::json::parse(r.get<std::string>(4)).get<std::vector<std::int64_t>>()});
  }
  return matches;
}

Reach reach_of(soci::session& sql, std::int64_t suspect_id) {
  const long long key = suspect_id;
  long long victims = 0, cases = 0;
  sql << "SELECT victims, cases FROM rudi_suspect_reach(:id)", soci::use(key), soci::into(victims),
      soci::into(cases);
  return {victims, cases};
}

}  // namespace rudi::store
