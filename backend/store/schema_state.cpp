// Reads schema_migrations as the application's role (migration 001 grants it SELECT).
#include "store/schema_state.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <set>

namespace rudi::store {

std::string SchemaState::describe() const {
  if (current()) return "the database schema is current";
  if (!unknown.empty()) {
    return "the database has " + std::to_string(unknown.size()) +
           " migration(s) this build does not know; deploy the newer build";
  }
  return "the database schema is behind by " + std::to_string(pending.size()) +
         " migration(s); run `rudi migrate`";
}

Result<SchemaState> read_schema_state(soci::session& sql, const std::vector<int>& expected_versions) {
  int table_exists = 0;
  sql << "SELECT (to_regclass('public.schema_migrations') IS NOT NULL)::integer", soci::into(table_exists);
  std::vector<int> applied;
  if (table_exists) {
    soci::rowset<int> rows = (sql.prepare << "SELECT version FROM schema_migrations ORDER BY version");
    applied.assign(rows.begin(), rows.end());
  }
  const std::set<int> have(applied.begin(), applied.end());
  const std::set<int> want(expected_versions.begin(), expected_versions.end());
  SchemaState state;
  std::set_difference(want.begin(), want.end(), have.begin(), have.end(), std::back_inserter(state.pending));
  std::set_difference(have.begin(), have.end(), want.begin(), want.end(), std::back_inserter(state.unknown));
  return state;
}

}  // namespace rudi::store
