#include "store/mission_repository.hpp"

#include <soci/soci.h>

#include "store/sql_errors.hpp"

namespace rudi::store {
namespace {
Mission from_row(const soci::row& r) {
  return {r.get<long long>(0), r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3),
          r.get<std::string>(4)};
}
}  // namespace

Result<Mission> add_mission(soci::session& sql, const Mission& m) {
  Mission added = m;
  long long id = 0;
  try {
    sql << R"(INSERT INTO missions (name, kind, host_country, city) VALUES (:name, :kind, :country, :city)
              RETURNING id)",
        soci::use(m.name), soci::use(m.kind), soci::use(m.host_country), soci::use(m.city), soci::into(id);
  } catch (const soci::soci_error& e) {
    if (is_unique_violation(e)) return Error::conflict("a mission with this name exists");
    if (is_check_violation(e)) return Error::invalid("the mission's fields are out of bounds");
    throw;
  }
  added.id = id;
  return added;
}

std::vector<Mission> list_missions(soci::session& sql) {
  std::vector<Mission> missions;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, name, kind, host_country, city FROM missions ORDER BY name");
  for (const auto& r : rows) missions.push_back(from_row(r));
  return missions;
}

std::optional<Mission> find_mission(soci::session& sql, std::int64_t id) {
  soci::row r;
  const long long key = id;
  sql << "SELECT id, name, kind, host_country, city FROM missions WHERE id = :id", soci::use(key),
      soci::into(r);
  if (!sql.got_data()) return std::nullopt;
  return from_row(r);
}

}  // namespace rudi::store
