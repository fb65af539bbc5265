// The events table: committed changes, numbered in one gap-free sequence in commit order, each with the
// topics it belongs to and the scope the access policy needs to filter it without another query. Writers
// append unnumbered events in the transaction of their change; the sequencer numbers them after commit.
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

// Appends the event, unnumbered, and returns its row id. Takes no shared lock: writers do not queue here.
std::int64_t append_event(soci::session& sql, const NewEvent& event);

// Numbers up to `limit` committed, unnumbered events, in commit order, after the last number given; the
// caller holds the sequence head's lock (see store/sequencer.hpp). Returns how many it numbered.
int number_committed_events(soci::session& sql, int limit, bool by_commit_time);

// The number of the newest numbered event: what a snapshot is "as of". Changes committed but not yet
// numbered may show in a snapshot too; their events follow with larger numbers, and the records' versions
// tell a client that it has them already.
std::int64_t latest_event_seq(soci::session& sql);

}  // namespace rudi::store
