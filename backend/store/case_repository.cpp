#include "store/case_repository.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>

#include "store/prepared.hpp"
#include "store/sql_errors.hpp"

namespace rudi::store {
namespace {

constexpr const char* kCaseColumns = R"(
  SELECT id, file_number, title, court, police_station, status, to_jsonb(charges)::text, notes, version,
         to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
         (SELECT coalesce(jsonb_agg(cp.user_id ORDER BY cp.user_id), '[]') FROM case_prosecutors cp
           WHERE cp.case_id = cases.id)::text
    FROM cases )";

CaseRecord case_from(const soci::row& r) {
  CaseRecord c;
  c.id = r.get<long long>(0);
  c.fields.file_number = r.get<std::string>(1);
  c.fields.title = r.get<std::string>(2);
  c.fields.court = r.get<std::string>(3);
  c.fields.police_station = r.get<std::string>(4);
  c.fields.status = r.get<std::string>(5);
  c.fields.charges = nlohmann::json::parse(r.get<std::string>(6)).get<std::vector<std::string>>();
  c.fields.notes = r.get<std::string>(7);
  c.version = r.get<int>(8);
  c.created_at = r.get<std::string>(9);
  c.prosecutors = nlohmann::json::parse(r.get<std::string>(10)).get<std::vector<std::int64_t>>();
  return c;
}

std::string json_list(const std::vector<std::string>& items) {
  return nlohmann::json(items).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::int64_t> ids_of(soci::rowset<soci::row>& rows) {
  std::vector<std::int64_t> ids;
  for (const auto& r : rows) ids.push_back(r.get<long long>(0));
  return ids;
}

// Victim links by one of three fixed conditions, each prepared under its own name.
std::vector<VictimLink> links_where(soci::session& sql, const char* name, const std::string& condition,
                                    const std::vector<SqlParam>& params) {
  const std::string text =
      R"(SELECT l.case_id, l.person_id, l.role, to_char(l.linked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
           FROM victim_links l )" +
      condition + " ORDER BY l.id";
  std::vector<VictimLink> links;
  for (const auto& c : run_prepared(sql, name, text.c_str(), params).rows)
    links.push_back({std::stoll(*c[0]), std::stoll(*c[1]), *c[2], *c[3]});
  return links;
}

}  // namespace

std::int64_t next_case_id(soci::session& sql) {
  long long id = 0;
  sql << "SELECT nextval(pg_get_serial_sequence('cases', 'id'))", soci::into(id);
  return id;
}

Result<Unit> insert_case(soci::session& sql, std::int64_t id, const CaseDraft& c, std::int64_t created_by) {
  const long long key = id, by = created_by;
  const std::string charges = json_list(c.charges);
  try {
    sql << R"(INSERT INTO cases (id, file_number, title, court, police_station, status, charges, notes, created_by)
              VALUES (:id, :file_number, :title, :court, :police_station, :status,
                      ARRAY(SELECT jsonb_array_elements_text(CAST(:charges AS jsonb))), :notes, :by))",
        soci::use(key), soci::use(c.file_number), soci::use(c.title), soci::use(c.court),
        soci::use(c.police_station), soci::use(c.status), soci::use(charges), soci::use(c.notes),
        soci::use(by);
  } catch (const soci::soci_error& e) {
    if (is_unique_violation(e)) return Error::conflict("a case with this file number is on record");
    throw;
  }
  return Unit{};
}

std::optional<CaseRecord> find_case(soci::session& sql, std::int64_t id, bool for_update) {
  const long long key = id;
  soci::row r;
  sql << std::string(kCaseColumns) + " WHERE id = :id" + (for_update ? " FOR UPDATE" : ""), soci::use(key),
      soci::into(r);
  if (!sql.got_data()) return std::nullopt;
  return case_from(r);
}

std::vector<CaseRecord> list_cases(soci::session& sql, std::int64_t before_id, int limit) {
  std::vector<CaseRecord> cases;
  const long long before = before_id > 0 ? before_id : std::numeric_limits<long long>::max();
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kCaseColumns) + " WHERE id < :before ORDER BY id DESC LIMIT :n",
       soci::use(before), soci::use(limit));
  for (const auto& r : rows) cases.push_back(case_from(r));
  return cases;
}

Result<bool> update_case(soci::session& sql, std::int64_t id, int expected_version, const CaseDraft& c) {
  const long long key = id;
  const std::string charges = json_list(c.charges);
  try {
    soci::statement st = (sql.prepare << R"(UPDATE cases SET file_number = :file_number, title = :title,
          court = :court, police_station = :police_station, status = :status,
          charges = ARRAY(SELECT jsonb_array_elements_text(CAST(:charges AS jsonb))), notes = :notes,
          version = version + 1, updated_at = now()
        WHERE id = :id AND version = :version)",
                          soci::use(c.file_number), soci::use(c.title), soci::use(c.court),
                          soci::use(c.police_station), soci::use(c.status), soci::use(charges),
                          soci::use(c.notes), soci::use(key), soci::use(expected_version));
    st.execute(true);
    return st.get_affected_rows() == 1;
  } catch (const soci::soci_error& e) {
    if (is_unique_violation(e)) return Error::conflict("a case with this file number is on record");
    throw;
  }
}

void assign_prosecutors(soci::session& sql, std::int64_t case_id, const std::vector<std::int64_t>& users) {
  const long long key = case_id;
  const std::string ids = nlohmann::json(users).dump();
  sql << R"(DELETE FROM case_prosecutors WHERE case_id = :id
             AND user_id NOT IN (SELECT jsonb_array_elements_text(CAST(:ids AS jsonb))::bigint))",
      soci::use(key), soci::use(ids);
  sql << R"(INSERT INTO case_prosecutors (case_id, user_id)
            SELECT CAST(:id AS bigint), jsonb_array_elements_text(CAST(:ids AS jsonb))::bigint ON CONFLICT DO NOTHING)",
      soci::use(key), soci::use(ids);
}

std::vector<std::int64_t> not_prosecutors(soci::session& sql, const std::vector<std::int64_t>& users) {
  const std::string ids = nlohmann::json(users).dump();
  soci::rowset<soci::row> rows = (sql.prepare << R"(
      SELECT w::bigint FROM jsonb_array_elements_text(CAST(:ids AS jsonb)) AS w
       WHERE NOT EXISTS (SELECT FROM users x WHERE x.id = w::bigint AND x.role = 'prosecutor' AND x.active))",
                                  soci::use(ids));
  return ids_of(rows);
}

std::vector<std::int64_t> cases_of_person(soci::session& sql, std::int64_t person_id) {
  const long long key = person_id;
  soci::rowset<soci::row> rows =
      (sql.prepare
           << "SELECT case_id FROM victim_links WHERE person_id = :id AND unlinked_at IS NULL ORDER BY 1",
       soci::use(key));
  return ids_of(rows);
}

ProsecutionReach prosecution_reach(soci::session& sql, std::int64_t person_id) {
  const auto found = run_prepared(sql, "rudi_prosecution_reach",
                                  R"(SELECT l.case_id, cp.user_id FROM victim_links l
                                       LEFT JOIN case_prosecutors cp ON cp.case_id = l.case_id
                                      WHERE l.person_id = $1 AND l.unlinked_at IS NULL)",
                                  {std::to_string(person_id)});
  ProsecutionReach reach;
  for (const auto& row : found.rows) {
    reach.case_ids.push_back(std::stoll(row.at(0).value()));
    if (row.at(1)) reach.prosecutor_ids.push_back(std::stoll(*row.at(1)));
  }
  for (auto* ids : {&reach.case_ids, &reach.prosecutor_ids}) {
    std::sort(ids->begin(), ids->end());
    ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
  }
  return reach;
}

std::vector<std::int64_t> prosecutors_of_case(soci::session& sql, std::int64_t case_id) {
  const auto found = run_prepared(sql, "rudi_prosecutors_of_case",
                                  "SELECT user_id FROM case_prosecutors WHERE case_id = $1 ORDER BY 1",
                                  {std::to_string(case_id)});
  std::vector<std::int64_t> ids;
  for (const auto& row : found.rows) ids.push_back(std::stoll(row.at(0).value()));
  return ids;
}

bool open_to_prosecution(soci::session& sql, std::int64_t person_id) {
  const long long key = person_id;
  int open = 0;
  sql << "SELECT rudi_open_to_prosecution(:id)::integer", soci::use(key), soci::into(open);
  return open != 0;
}

std::optional<VictimLink> active_link(soci::session& sql, std::int64_t case_id, std::int64_t person_id) {
  auto links = links_where(sql, "rudi_active_link",
                           "WHERE l.case_id = $1 AND l.person_id = $2 AND l.unlinked_at IS NULL",
                           {std::to_string(case_id), std::to_string(person_id)});
  if (links.empty()) return std::nullopt;
  return links.front();
}

void add_link(soci::session& sql, const VictimLink& link, std::int64_t linked_by) {
  const long long c = link.case_id, p = link.person_id, by = linked_by;
  sql << "INSERT INTO victim_links (case_id, person_id, role, linked_by) VALUES (:c, :p, :role, :by)",
      soci::use(c), soci::use(p), soci::use(link.role), soci::use(by);
}

bool end_link(soci::session& sql, std::int64_t case_id, std::int64_t person_id, std::int64_t by,
              const std::string& reason) {
  const long long c = case_id, p = person_id, user = by;
  soci::statement st = (sql.prepare << R"(UPDATE victim_links SET unlinked_at = now(), unlinked_by = :by,
        unlink_reason = :reason WHERE case_id = :c AND person_id = :p AND unlinked_at IS NULL)",
                        soci::use(user), soci::use(reason), soci::use(c), soci::use(p));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::vector<VictimLink> case_links_of_person(soci::session& sql, std::int64_t person_id) {
  // Joined with cases: row-level security keeps the cases the principal may see.
  return links_where(sql, "rudi_case_links_of_person",
                     "JOIN cases c ON c.id = l.case_id WHERE l.person_id = $1 AND l.unlinked_at IS NULL",
                     {std::to_string(person_id)});
}

std::vector<VictimLink> visible_links(soci::session& sql, std::int64_t case_id) {
  // Joined with people: row-level security keeps the victims the principal may see.
  return links_where(sql, "rudi_visible_links",
                     "JOIN people p ON p.id = l.person_id WHERE l.case_id = $1 AND l.unlinked_at IS NULL",
                     {std::to_string(case_id)});
}

void add_track_entry(soci::session& sql, std::int64_t case_id, std::int64_t person_id, const TrackEntry& e) {
  const long long c = case_id, p = person_id, actor = e.actor_id.value_or(0);
  soci::indicator actor_ind = e.actor_id ? soci::i_ok : soci::i_null;
  const std::string outcome = e.outcome.value_or("");
  soci::indicator outcome_ind = e.outcome ? soci::i_ok : soci::i_null;
  sql << R"(INSERT INTO prosecution_steps (case_id, person_id, step, outcome, note, actor_id, occurred_at)
            VALUES (:c, :p, :step, :outcome, :note, :actor, CAST(:occurred_at AS timestamptz)))",
      soci::use(c), soci::use(p), soci::use(e.step), soci::use(outcome, outcome_ind), soci::use(e.note),
      soci::use(actor, actor_ind), soci::use(e.occurred_at);
}

std::vector<TrackEntry> track_of(soci::session& sql, std::int64_t case_id, std::int64_t person_id) {
  const long long c = case_id, p = person_id;
  std::vector<TrackEntry> entries;
  soci::rowset<soci::row> rows = (sql.prepare << R"(
      SELECT id, step, outcome, note, actor_id,
             to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
             to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
        FROM prosecution_steps WHERE case_id = :c AND person_id = :p ORDER BY id)",
                                  soci::use(c), soci::use(p));
  for (const auto& r : rows) {
    TrackEntry e;
    e.id = r.get<long long>(0);
    e.step = r.get<std::string>(1);
    if (r.get_indicator(2) == soci::i_ok) e.outcome = r.get<std::string>(2);
    e.note = r.get<std::string>(3);
    if (r.get_indicator(4) == soci::i_ok) e.actor_id = r.get<long long>(4);
    e.occurred_at = r.get<std::string>(5);
    e.recorded_at = r.get<std::string>(6);
    entries.push_back(std::move(e));
  }
  return entries;
}

}  // namespace rudi::store
