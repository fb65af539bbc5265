// The events table: committed changes, numbered in one gap-free sequence in commit order, each with the
// topics it belongs to and the scope the access policy needs to filter it without another query.
#pragma once

#include <soci/session.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace rudi::store {

struct NewEvent {
  std::string type;                 // e.g. person.created, person.transitioned
  std::vector<std::string> topics;  // cohort:<id>, mission:<id>, person:<id>, case:<id>, nation
  std::optional<std::int64_t> mission_id;
  std::optional<std::int64_t> person_id;
  std::optional<std::int64_t> cohort_id;
  nlohmann::json payload = nlohmann::json::object();
  std::optional<std::int64_t> actor_id;
  std::vector<std::int64_t> case_ids;  // the cases the record belongs to (for prosecutors' scope)
};

// Appends the event and returns its number. Takes the sequence's lock until the transaction ends: call
// it last in a transaction, before the audit row (always that order, so writers never deadlock).
std::int64_t append_event(soci::session& sql, const NewEvent& event);

// The number of the newest committed event: what a snapshot is "as of".
std::int64_t latest_event_seq(soci::session& sql);

}  // namespace rudi::store
