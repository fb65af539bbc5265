// Cohorts: one release or rescue that brought many people out at once. Reads and writes run under the
// transaction's principal, so row-level security keeps each mission to its own.
#pragma once

#include <soci/session.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"

namespace rudi::store {

struct Cohort {
  std::int64_t id = 0;
  std::int64_t mission_id = 0;
  std::string name;
  std::string released_on;  // YYYY-MM-DD
  std::string country;
  std::string locality;
  std::string partners;
  std::string notes;
  int version = 1;
};

Result<Cohort> add_cohort(soci::session& sql, const Cohort& cohort);
std::optional<Cohort> find_cohort(soci::session& sql, std::int64_t id);
std::vector<Cohort> list_cohorts(soci::session& sql, int limit);
// Replaces the cohort's fields if the stored version is `expected_version`; false when it is not.
bool update_cohort(soci::session& sql, const Cohort& cohort, int expected_version);

}  // namespace rudi::store
