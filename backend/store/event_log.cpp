#include "store/event_log.hpp"

#include <soci/soci.h>

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
  long long id = 0;
  const std::string topics = array_literal(e.topics);
  const std::string case_ids = array_literal(e.case_ids);
  long long mission = e.mission_id.value_or(0), person = e.person_id.value_or(0),
            cohort = e.cohort_id.value_or(0);
  long long actor = e.actor_id.value_or(0);
  soci::indicator mission_ind = e.mission_id ? soci::i_ok : soci::i_null;
  soci::indicator person_ind = e.person_id ? soci::i_ok : soci::i_null;
  soci::indicator cohort_ind = e.cohort_id ? soci::i_ok : soci::i_null;
  soci::indicator actor_ind = e.actor_id ? soci::i_ok : soci::i_null;
  const std::string payload = e.payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  sql << R"(INSERT INTO events (type, topics, mission_id, person_id, cohort_id, case_ids, payload, actor_id)
            VALUES (:type, CAST(:topics AS text[]), :mission_id, :person_id, :cohort_id, CAST(:case_ids AS bigint[]),
                    CAST(:payload AS jsonb), :actor_id)
            RETURNING id)",
      soci::use(e.type), soci::use(topics), soci::use(mission, mission_ind), soci::use(person, person_ind),
      soci::use(cohort, cohort_ind), soci::use(case_ids), soci::use(payload), soci::use(actor, actor_ind),
      soci::into(id);
  return id;
}

int number_committed_events(soci::session& sql, int limit, bool by_commit_time) {
  // One statement: the batch in commit order, numbered after the head, and the head moved to its end.
  const std::string order = by_commit_time ? "pg_xact_commit_timestamp(xmin) NULLS FIRST, id" : "id";
  int numbered = 0;
  sql << "WITH batch AS (SELECT id, row_number() OVER (ORDER BY " + order +
             R"() AS n FROM events WHERE seq IS NULL ORDER BY )" + order + R"( LIMIT :limit),
            numbered AS (UPDATE events e SET seq = h.last_seq + batch.n FROM batch, events_head h
                          WHERE e.id = batch.id RETURNING e.seq)
            UPDATE events_head SET last_seq = coalesce((SELECT max(seq) FROM numbered), last_seq)
            RETURNING (SELECT count(*) FROM numbered)::integer)",
      soci::use(limit), soci::into(numbered);
  return numbered;
}

std::int64_t latest_event_seq(soci::session& sql) {
  long long seq = 0;
  sql << "SELECT last_seq FROM events_head", soci::into(seq);
  return seq;
}

}  // namespace rudi::store
