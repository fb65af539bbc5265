// Duplicate flags: a person entered with a document number that is on record outside the officer's scope.
// The officer learns only that a record exists; the ministry desk sees both records and reconciles them.
#pragma once

#include <soci/session.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "auth/secret_box.hpp"

namespace rudi::store {

struct NewDuplicateFlag {
  auth::Bytes document_index;
  std::int64_t reported_by = 0;
  std::optional<std::int64_t> reporting_mission;
  nlohmann::json attempted;  // names, date of birth and nationality entered; nothing more
};
std::int64_t flag_duplicate(soci::session& sql, const NewDuplicateFlag& flag);

struct DuplicateFlag {
  std::int64_t id = 0;
  std::optional<std::int64_t> existing_person_id;  // the record on file (visible to the ministry)
  std::int64_t reported_by = 0;
  std::optional<std::int64_t> reporting_mission;
  nlohmann::json attempted;
  std::string created_at;
};
// Flags not yet resolved, oldest first (for the ministry; others see none).
std::vector<DuplicateFlag> open_duplicate_flags(soci::session& sql, int limit);
bool resolve_duplicate_flag(soci::session& sql, std::int64_t id, std::int64_t by, const std::string& note);

}  // namespace rudi::store
