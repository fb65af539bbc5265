#include "store/duplicate_flags.hpp"

#include <soci/soci.h>

#include "store/hex.hpp"

namespace rudi::store {

std::int64_t flag_duplicate(soci::session& sql, const NewDuplicateFlag& f) {
  const std::string index = to_hex(f.document_index);
  const long long by = f.reported_by, mission = f.reporting_mission.value_or(0);
  soci::indicator mission_ind = f.reporting_mission ? soci::i_ok : soci::i_null;
  const std::string attempted = f.attempted.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  // No RETURNING: the flag is the ministry's to read, not its reporter's.
  sql << R"(INSERT INTO duplicate_flags (document_index, reported_by, reporting_mission, attempted)
            VALUES (decode(:doc_index, 'hex'), :by, :mission, CAST(:attempted AS jsonb)))",
      soci::use(index), soci::use(by), soci::use(mission, mission_ind), soci::use(attempted);
  long long id = 0;
  sql << "SELECT currval(pg_get_serial_sequence('duplicate_flags', 'id'))", soci::into(id);
  return id;
}

std::vector<DuplicateFlag> open_duplicate_flags(soci::session& sql, int limit) {
  std::vector<DuplicateFlag> flags;
  soci::rowset<soci::row> rows = (sql.prepare << R"(
      SELECT f.id, p.id, f.reported_by, f.reporting_mission, f.attempted::text,
             to_char(f.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
        FROM duplicate_flags f LEFT JOIN people p ON p.document_index = f.document_index
       WHERE f.resolved_at IS NULL ORDER BY f.id LIMIT :n)",
                                  soci::use(limit));
  for (const auto& r : rows) {
    DuplicateFlag f;
    f.id = r.get<long long>(0);
    if (r.get_indicator(1) == soci::i_ok) f.existing_person_id = r.get<long long>(1);
    f.reported_by = r.get<long long>(2);
    if (r.get_indicator(3) == soci::i_ok) f.reporting_mission = r.get<long long>(3);
    f.attempted = nlohmann::json::parse(r.get<std::string>(4));
    f.created_at = r.get<std::string>(5);
    flags.push_back(std::move(f));
  }
  return flags;
}

bool resolve_duplicate_flag(soci::session& sql, std::int64_t id, std::int64_t by, const std::string& note) {
  const long long key = id, user = by;
  soci::statement st = (sql.prepare << R"(UPDATE duplicate_flags SET resolved_at = now(), resolved_by = :by,
        resolution_note = :note WHERE id = :id AND resolved_at IS NULL)",
                        soci::use(user), soci::use(note), soci::use(key));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

}  // namespace rudi::store
