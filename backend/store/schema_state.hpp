// Whether the database's schema is the one this build expects, as seen by the application's role.
#pragma once

#include <soci/session.h>

#include <string>
#include <vector>

#include "domain/result.hpp"

namespace rudi::store {

struct SchemaState {
  std::vector<int> pending;  // versions this build has and the database lacks
  std::vector<int> unknown;  // versions the database has and this build lacks (a newer build migrated)

  bool current() const { return pending.empty() && unknown.empty(); }
  // A sentence for operators: what is wrong and what to run.
  std::string describe() const;
};

Result<SchemaState> read_schema_state(soci::session& sql, const std::vector<int>& expected_versions);

}  // namespace rudi::store
