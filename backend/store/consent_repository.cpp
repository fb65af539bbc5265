#include "store/consent_repository.hpp"

#include <soci/soci.h>

namespace rudi::store {
namespace {
constexpr const char* kColumns =
    "id, person_id, purpose, status, method, note, recorded_by, "
    "to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

ConsentRecord from_row(const soci::row& r) {
  ConsentRecord c;
  c.id = r.get<long long>(0);
  c.person_id = r.get<long long>(1);
  c.purpose = r.get<std::string>(2);
  c.status = r.get<std::string>(3);
  c.method = r.get<std::string>(4);
  c.note = r.get<std::string>(5);
  if (r.get_indicator(6) == soci::i_ok) c.recorded_by = r.get<long long>(6);
  c.recorded_at = r.get<std::string>(7);
  return c;
}
}  // namespace

ConsentRecord add_consent(soci::session& sql, const ConsentRecord& c) {
  const long long person = c.person_id;
  long long by = c.recorded_by.value_or(0);
  soci::indicator by_ind = c.recorded_by ? soci::i_ok : soci::i_null;
  soci::row r;
  sql << std::string(R"(INSERT INTO consents (person_id, purpose, status, method, note, recorded_by)
            VALUES (:person_id, :purpose, :status, :method, :note, :recorded_by) RETURNING )") +
             kColumns,
      soci::use(person), soci::use(c.purpose), soci::use(c.status), soci::use(c.method), soci::use(c.note),
      soci::use(by, by_ind), soci::into(r);
  // The prosecutors' row-level policy reads this column, not the history: it changes in the same
  // transaction, so a withdrawal takes effect at commit.
  if (c.purpose == "prosecution") {
    const int granted = c.status == "granted";
    sql << "UPDATE people SET prosecution_consent = (:granted = 1) WHERE id = :id", soci::use(granted),
        soci::use(person);
  }
  return from_row(r);
}

std::vector<ConsentRecord> consent_history(soci::session& sql, std::int64_t person_id) {
  const long long key = person_id;
  std::vector<ConsentRecord> history;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + kColumns + " FROM consents WHERE person_id = :id ORDER BY id",
       soci::use(key));
  for (const auto& r : rows) history.push_back(from_row(r));
  return history;
}

std::map<std::string, std::string> consent_in_force(soci::session& sql, std::int64_t person_id) {
  const long long key = person_id;
  std::map<std::string, std::string> in_force;
  soci::rowset<soci::row> rows = (sql.prepare << R"(
      SELECT DISTINCT ON (purpose) purpose, status FROM consents WHERE person_id = :id ORDER BY purpose, id DESC)",
                                  soci::use(key));
  for (const auto& r : rows) in_force[r.get<std::string>(0)] = r.get<std::string>(1);
  return in_force;
}

}  // namespace rudi::store
