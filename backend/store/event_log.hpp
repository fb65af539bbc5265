// The events table: committed changes, numbered in one gap-free sequence in commit order, each with the
// topics it belongs to and the scope the access policy needs to filter it without another query. Writers
// append unnumbered events in the transaction of their change; the sequencer numbers them after commit.
#pragma once

#include <soci/session.h>

#include <chrono>
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
  // Who may see it through the prosecution: the prosecutors of the person's linked cases, or of the case.
  std::vector<std::int64_t> prosecutor_ids;
  bool prosecution_consent = false;  // for a person: consenting to share with the prosecution now
};

// A numbered event as read back: what the live hub filters and sends.
struct EventRecord {
  std::int64_t seq = 0;
  std::string type;
  std::vector<std::string> topics;
  std::optional<std::int64_t> mission_id, person_id, cohort_id;
  std::vector<std::int64_t> case_ids;
  std::vector<std::int64_t> prosecutor_ids;
  bool prosecution_consent = false;
  nlohmann::json payload;
  std::string committed_at;  // ISO 8601, UTC, microseconds
};

// The columns an EventRecord is read from, in order, for statements that select events.
inline constexpr const char* kEventColumns =
    "seq, type, to_jsonb(topics)::text, mission_id, person_id, cohort_id, to_jsonb(case_ids)::text, "
    "to_jsonb(prosecutor_ids)::text, prosecution_consent, payload::text, "
    "to_char(committed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
EventRecord event_from_row(const std::vector<std::optional<std::string>>& row);

// Numbered events after `after` up to `until` (both sequence numbers), oldest first, at most `limit`;
// events about a person only while the session's principal may see the person now (row-level security),
// so that a replay never brings back a survivor whose consent or link has ended.
std::vector<EventRecord> events_between(soci::session& sql, std::int64_t after, std::int64_t until,
                                        int limit);

// Whether a client can resume after event `after`: every event after it is still kept and none is older
// than `retention`.
bool resumable_after(soci::session& sql, std::int64_t after, std::chrono::seconds retention);

// Appends the event, unnumbered, and returns its row id. Takes no shared lock: writers do not queue here.
std::int64_t append_event(soci::session& sql, const NewEvent& event);

// Whether this thread has appended an event since it last asked (the database layer asks after each piece of
// work, to ring the sequencer of this node at once instead of leaving the events to its next poll).
bool take_events_appended();

// Numbers up to `limit` committed, unnumbered events, in commit order, after the last number given, and
// rings the `rudi_events` channel once if it numbered some: under the sequence head's lock, which it takes
// itself (nothing is numbered while another node's pass holds it; see store/sequencer.hpp). One round trip;
// a transaction of its own when called outside one. Returns the events it numbered, in sequence order.
std::vector<EventRecord> number_committed_events(soci::session& sql, int limit, bool by_commit_time);

// The number of the newest numbered event: what a snapshot is "as of". Changes committed but not yet
// numbered may show in a snapshot too; their events follow with larger numbers, and the records' versions
// tell a client that it has them already.
std::int64_t latest_event_seq(soci::session& sql);

}  // namespace rudi::store
