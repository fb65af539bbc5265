#include "store/cohort_repository.hpp"

#include <soci/soci.h>

#include "store/sql_errors.hpp"

namespace rudi::store {
namespace {

constexpr const char* kColumns =
    "id, mission_id, name, to_char(released_on, 'YYYY-MM-DD'), country, locality, partners, notes, version";

Cohort from_row(const soci::row& r) {
  return {r.get<long long>(0),   r.get<long long>(1),   r.get<std::string>(2),
          r.get<std::string>(3), r.get<std::string>(4), r.get<std::string>(5),
          r.get<std::string>(6), r.get<std::string>(7), r.get<int>(8)};
}

}  // namespace

Result<Cohort> add_cohort(soci::session& sql, const Cohort& c) {
  const long long mission = c.mission_id;
  long long id = 0;
  try {
    sql << R"(INSERT INTO cohorts (mission_id, name, released_on, country, locality, partners, notes)
              VALUES (:mission_id, :name, CAST(:released_on AS date), :country, :locality, :partners, :notes)
              RETURNING id)",
        soci::use(mission), soci::use(c.name), soci::use(c.released_on), soci::use(c.country),
        soci::use(c.locality), soci::use(c.partners), soci::use(c.notes), soci::into(id);
  } catch (const soci::soci_error& e) {
    if (is_foreign_key_violation(e))
      return Error::invalid("no such mission", {{"/mission_id", "no such mission"}});
    throw;
  }
  return *find_cohort(sql, id);
}

std::optional<Cohort> find_cohort(soci::session& sql, std::int64_t id) {
  const long long key = id;
  soci::row r;
  sql << std::string("SELECT ") + kColumns + " FROM cohorts WHERE id = :id", soci::use(key), soci::into(r);
  if (!sql.got_data()) return std::nullopt;
  return from_row(r);
}

std::vector<Cohort> list_cohorts(soci::session& sql, int limit) {
  std::vector<Cohort> cohorts;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + kColumns +
                          " FROM cohorts ORDER BY released_on DESC, id DESC LIMIT :n",
       soci::use(limit));
  for (const auto& r : rows) cohorts.push_back(from_row(r));
  return cohorts;
}

bool update_cohort(soci::session& sql, const Cohort& c, int expected_version) {
  const long long key = c.id;
  soci::statement st =
      (sql.prepare << R"(UPDATE cohorts SET name = :name, released_on = CAST(:released_on AS date),
          country = :country, locality = :locality, partners = :partners, notes = :notes, version = version + 1,
          updated_at = now()
        WHERE id = :id AND version = :version)",
       soci::use(c.name), soci::use(c.released_on), soci::use(c.country), soci::use(c.locality),
       soci::use(c.partners), soci::use(c.notes), soci::use(key), soci::use(expected_version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

}  // namespace rudi::store
