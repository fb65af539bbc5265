#include "store/event_log.hpp"

#include <soci/soci.h>

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

std::int64_t append_event(soci::session& sql, const NewEvent& e) {
  auto id = [](const std::optional<std::int64_t>& v) {
    return v ? SqlParam(std::to_string(*v)) : std::nullopt;
  };
  const auto added = run_prepared(
      sql, "rudi_append_event",
      R"(INSERT INTO events (type, topics, mission_id, person_id, cohort_id, case_ids, payload, actor_id)
         VALUES ($1, CAST($2 AS text[]), $3, $4, $5, CAST($6 AS bigint[]), CAST($7 AS jsonb), $8) RETURNING id)",
      {e.type, array_literal(e.topics), id(e.mission_id), id(e.person_id), id(e.cohort_id),
       array_literal(e.case_ids), e.payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
       id(e.actor_id)});
  return std::stoll(*added.rows.at(0).at(0));
}

int number_committed_events(soci::session& sql, int limit, bool by_commit_time) {
  // One statement: the batch in commit order, numbered after the head, and the head moved to its end.
#define RUDI_NUMBER_EVENTS(ORDER)                                                          \
  "WITH batch AS (SELECT id, row_number() OVER (ORDER BY " ORDER                           \
  ") AS n FROM events WHERE seq IS NULL "                                                  \
  "ORDER BY " ORDER                                                                        \
  " LIMIT $1), "                                                                           \
  "numbered AS (UPDATE events e SET seq = h.last_seq + batch.n FROM batch, events_head h " \
  "WHERE e.id = batch.id RETURNING e.seq) "                                                \
  "UPDATE events_head SET last_seq = coalesce((SELECT max(seq) FROM numbered), last_seq) " \
  "RETURNING (SELECT count(*) FROM numbered)"
  const auto done = by_commit_time
                        ? run_prepared(sql, "rudi_number_events_by_commit_time",
                                       RUDI_NUMBER_EVENTS("pg_xact_commit_timestamp(xmin) NULLS FIRST, id"),
                                       {std::to_string(limit)})
                        : run_prepared(sql, "rudi_number_events_by_insertion", RUDI_NUMBER_EVENTS("id"),
                                       {std::to_string(limit)});
#undef RUDI_NUMBER_EVENTS
  return std::stoi(*done.rows.at(0).at(0));
}

std::int64_t latest_event_seq(soci::session& sql) {
  long long seq = 0;
  sql << "SELECT last_seq FROM events_head", soci::into(seq);
  return seq;
}

}  // namespace rudi::store
