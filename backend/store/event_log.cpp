#include "store/event_log.hpp"

#include <soci/soci.h>

#include <utility>

#include "store/prepared.hpp"

namespace rudi::store {
namespace {

// A PostgreSQL text[] literal; topics are made by the application (no quotes or commas in them).
std::string array_literal(const std::vector<std::string>& items) {
  std::string out = "{";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ",";
    out += "\"" + items[i] + "\"";
  }
  return out + "}";
}

std::string array_literal(const std::vector<std::int64_t>& ids) {
  std::string out = "{";
  for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i]);
  return out + "}";
}

}  // namespace

namespace {
thread_local bool events_appended = false;
}  // namespace

bool take_events_appended() {
  return std::exchange(events_appended, false);
}

std::int64_t append_event(soci::session& sql, const NewEvent& e) {
  events_appended = true;
  auto id = [](const std::optional<std::int64_t>& v) {
    return v ? SqlParam(std::to_string(*v)) : std::nullopt;
  };
  const auto added = run_prepared(
      sql, "rudi_append_event",
      R"(INSERT INTO events (type, topics, mission_id, person_id, cohort_id, case_ids, payload, actor_id,
                            prosecutor_ids, prosecution_consent)
         VALUES ($1, CAST($2 AS text[]), $3, $4, $5, CAST($6 AS bigint[]), CAST($7 AS jsonb), $8,
                 CAST($9 AS bigint[]), CAST($10 AS boolean)) RETURNING id)",
      {e.type, array_literal(e.topics), id(e.mission_id), id(e.person_id), id(e.cohort_id),
       array_literal(e.case_ids), e.payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
       id(e.actor_id), array_literal(e.prosecutor_ids),
       std::string(e.prosecution_consent ? "true" : "false")});
  return std::stoll(*added.rows.at(0).at(0));
}

std::vector<EventRecord> number_committed_events(soci::session& sql, int limit, bool by_commit_time) {
  // One call, one round trip: the head's lock, the batch in commit order numbered after the head, the head
  // moved, the doorbell rung, the numbered events returned (schema/011_number_events_in_one_call.sql). The
  // node hands them to its own feed at once (see live/event_sequencer.hpp).
  static const std::string text = std::string("SELECT ") + kEventColumns +
                                  " FROM rudi_number_events($1, CAST($2 AS boolean)) ORDER BY seq";
  const auto done = run_prepared(sql, "rudi_number_events", text.c_str(),
                                 {std::to_string(limit), std::string(by_commit_time ? "true" : "false")});
  std::vector<EventRecord> numbered;
  numbered.reserve(done.rows.size());
  for (const auto& row : done.rows) numbered.push_back(event_from_row(row));
  return numbered;
}

namespace {
std::optional<std::int64_t> optional_id(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return std::stoll(*text);
}
}  // namespace

EventRecord event_from_row(const std::vector<std::optional<std::string>>& row) {
  EventRecord e;
  e.seq = std::stoll(row.at(0).value());
  e.type = row.at(1).value();
  e.topics = nlohmann::json::parse(row.at(2).value()).get<std::vector<std::string>>();
  e.mission_id = optional_id(row.at(3));
  e.person_id = optional_id(row.at(4));
  e.cohort_id = optional_id(row.at(5));
  e.case_ids = nlohmann::json::parse(row.at(6).value()).get<std::vector<std::int64_t>>();
  e.prosecutor_ids = nlohmann::json::parse(row.at(7).value()).get<std::vector<std::int64_t>>();
  e.prosecution_consent = row.at(8).value_or("f") == "t";
  e.payload = nlohmann::json::parse(row.at(9).value());
  e.committed_at = row.at(10).value_or("");
  return e;
}

std::vector<EventRecord> events_between(soci::session& sql, std::int64_t after, std::int64_t until,
                                        int limit) {
  static const std::string text =
      std::string("SELECT ") + kEventColumns +
      " FROM events e WHERE seq > $1 AND seq <= $2"
      " AND (person_id IS NULL OR EXISTS (SELECT FROM people p WHERE p.id = e.person_id))"
      " ORDER BY seq LIMIT $3";
  const auto found = run_prepared(sql, "rudi_events_between", text.c_str(),
                                  {std::to_string(after), std::to_string(until), std::to_string(limit)});
  std::vector<EventRecord> events;
  events.reserve(found.rows.size());
  for (const auto& row : found.rows) events.push_back(event_from_row(row));
  return events;
}

bool resumable_after(soci::session& sql, std::int64_t after, std::chrono::seconds retention) {
  // The next event must still be there and young enough; with no next event yet, `after` must not be
  // beyond the head (a client from another database, or from before a restore, starts over).
  const auto found = run_prepared(sql, "rudi_resumable_after",
                                  R"(SELECT CASE
           WHEN $1::bigint > (SELECT last_seq FROM events_head) THEN false
           WHEN $1::bigint = (SELECT last_seq FROM events_head) THEN true
           ELSE coalesce((SELECT recorded_at >= now() - make_interval(secs => $2::double precision)
                            FROM events WHERE seq = $1::bigint + 1), false)
         END)",
                                  {std::to_string(after), std::to_string(retention.count())});
  return found.rows.at(0).at(0).value_or("f") == "t";
}

std::int64_t latest_event_seq(soci::session& sql) {
  long long seq = 0;
  sql << "SELECT last_seq FROM events_head", soci::into(seq);
  return seq;
}

}  // namespace rudi::store
