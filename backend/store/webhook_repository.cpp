#include "store/webhook_repository.hpp"

#include <nlohmann/json.hpp>

#include "store/hex.hpp"
#include "store/prepared.hpp"

namespace rudi::store {
namespace {

constexpr const char* kWebhookColumns =
    "w.id, w.name, w.url, to_jsonb(w.event_types)::text, to_jsonb(w.topics)::text, w.purpose, w.mission_id, "
    "w.secret_key_id, encode(w.secret_nonce, 'hex'), encode(w.secret_ciphertext, 'hex'), w.delivered_seq, "
    "w.created_by, to_char(w.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), "
    "CASE WHEN w.lease_until > now() THEN w.lease_owner END, "
    "(SELECT count(*) FROM webhook_dead_letters d WHERE d.webhook_id = w.id AND d.state <> 'delivered')";

std::optional<std::int64_t> optional_id(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return std::stoll(*text);
}

WebhookRecord webhook_from_row(const std::vector<std::optional<std::string>>& row) {
  WebhookRecord w;
  w.id = std::stoll(row.at(0).value());
  w.name = row.at(1).value();
  w.url = row.at(2).value();
  w.event_types = nlohmann::json::parse(row.at(3).value()).get<std::vector<std::string>>();
  w.topics = nlohmann::json::parse(row.at(4).value()).get<std::vector<std::string>>();
  w.purpose = row.at(5).value();
  w.mission_id = optional_id(row.at(6));
  w.secret = auth::Sealed{row.at(7).value(), from_hex(row.at(8).value()).value_or(auth::Bytes{}),
                          from_hex(row.at(9).value()).value_or(auth::Bytes{})};
  w.delivered_seq = std::stoll(row.at(10).value());
  w.created_by = optional_id(row.at(11));
  w.created_at = row.at(12).value_or("");
  w.lease_owner = row.at(13);
  w.dead_letters = std::stoll(row.at(14).value_or("0"));
  return w;
}

std::string json_array(const std::vector<std::string>& items) {
  return nlohmann::json(items).dump();
}

SqlParam id_param(std::optional<std::int64_t> id) {
  return id ? SqlParam(std::to_string(*id)) : std::nullopt;
}

}  // namespace

std::int64_t next_webhook_id(soci::session& sql) {
  const auto r = run_prepared(sql, "rudi_wh_next_id", "SELECT nextval('webhooks_id_seq')", {});
  return std::stoll(*r.rows.at(0).at(0));
}

void insert_webhook(soci::session& sql, const WebhookRecord& w) {
  run_prepared(
      sql, "rudi_wh_insert",
      R"(INSERT INTO webhooks (id, name, url, event_types, topics, purpose, mission_id, secret_key_id,
                                        secret_nonce, secret_ciphertext, delivered_seq, created_by)
                  VALUES ($1, $2, $3, ARRAY(SELECT jsonb_array_elements_text(CAST($4 AS jsonb))),
                          ARRAY(SELECT jsonb_array_elements_text(CAST($5 AS jsonb))), $6, $7, $8,
                          decode($9, 'hex'), decode($10, 'hex'), $11, $12))",
      {std::to_string(w.id), w.name, w.url, json_array(w.event_types), json_array(w.topics), w.purpose,
       id_param(w.mission_id), w.secret.key_id, to_hex(w.secret.nonce), to_hex(w.secret.ciphertext),
       std::to_string(w.delivered_seq), id_param(w.created_by)});
}

std::vector<WebhookRecord> list_webhooks(soci::session& sql) {
  static const std::string text = std::string("SELECT ") + kWebhookColumns + " FROM webhooks w ORDER BY w.id";
  const auto found = run_prepared(sql, "rudi_wh_list", text.c_str(), {});
  std::vector<WebhookRecord> out;
  for (const auto& row : found.rows) out.push_back(webhook_from_row(row));
  return out;
}

std::optional<WebhookRecord> find_webhook(soci::session& sql, std::int64_t id) {
  static const std::string text =
      std::string("SELECT ") + kWebhookColumns + " FROM webhooks w WHERE w.id = $1";
  const auto found = run_prepared(sql, "rudi_wh_find", text.c_str(), {std::to_string(id)});
  if (found.rows.empty()) return std::nullopt;
  return webhook_from_row(found.rows.front());
}

bool delete_webhook(soci::session& sql, std::int64_t id) {
  return run_prepared(sql, "rudi_wh_delete", "DELETE FROM webhooks WHERE id = $1", {std::to_string(id)})
             .affected > 0;
}

std::vector<DeadLetter> dead_letters_of(soci::session& sql, std::int64_t webhook_id, int limit) {
  const auto found = run_prepared(
      sql, "rudi_wh_dead_letters",
      R"(SELECT d.id, d.webhook_id, d.seq, coalesce(e.type, ''), d.attempts, d.last_error, d.state,
                to_char(d.dead_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                to_char(d.delivered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
           FROM webhook_dead_letters d LEFT JOIN events e ON e.seq = d.seq
          WHERE d.webhook_id = $1 ORDER BY d.seq DESC LIMIT $2)",
      {std::to_string(webhook_id), std::to_string(limit)});
  std::vector<DeadLetter> out;
  for (const auto& r : found.rows) {
    out.push_back({std::stoll(*r.at(0)), std::stoll(*r.at(1)), std::stoll(*r.at(2)), r.at(3).value_or(""),
                   std::stoi(*r.at(4)), r.at(5).value_or(""), r.at(6).value_or(""), r.at(7).value_or(""),
                   r.at(8)});
  }
  return out;
}

int request_replay(soci::session& sql, std::int64_t webhook_id, std::optional<std::int64_t> dead_letter_id) {
  return static_cast<int>(run_prepared(sql, "rudi_wh_request_replay",
                                       R"(UPDATE webhook_dead_letters SET state = 'replay'
                       WHERE webhook_id = $1 AND state = 'dead' AND ($2::bigint IS NULL OR id = $2::bigint))",
                                       {std::to_string(webhook_id), id_param(dead_letter_id)})
                              .affected);
}

std::vector<std::int64_t> lease_webhooks(soci::session& sql, const std::string& node,
                                         std::chrono::milliseconds lease, int limit) {
  const auto found = run_prepared(
      sql, "rudi_wh_lease",
      R"(UPDATE webhooks w SET lease_owner = $1, lease_until = now() + make_interval(secs => $2::double precision / 1000)
          WHERE w.id IN (SELECT id FROM webhooks
                          WHERE lease_owner = $1 OR lease_until IS NULL OR lease_until < now()
                          ORDER BY (lease_owner IS NOT DISTINCT FROM $1) DESC, id
                          LIMIT $3 FOR UPDATE SKIP LOCKED)
          RETURNING w.id)",
      {node, std::to_string(lease.count()), std::to_string(limit)});
  std::vector<std::int64_t> ids;
  for (const auto& row : found.rows) ids.push_back(std::stoll(*row.at(0)));
  return ids;
}

void release_webhook_leases(soci::session& sql, const std::string& node) {
  run_prepared(sql, "rudi_wh_release",
               "UPDATE webhooks SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1", {node});
}

bool advance_webhook_cursor(soci::session& sql, std::int64_t id, const std::string& node, std::int64_t seq) {
  return run_prepared(sql, "rudi_wh_advance",
                      R"(UPDATE webhooks SET delivered_seq = greatest(delivered_seq, $3)
                          WHERE id = $1 AND lease_owner = $2 AND lease_until > now())",
                      {std::to_string(id), node, std::to_string(seq)})
             .affected > 0;
}

bool dead_letter_event(soci::session& sql, std::int64_t id, const std::string& node, std::int64_t seq,
                       int attempts, const std::string& error) {
  if (!advance_webhook_cursor(sql, id, node, seq)) return false;
  run_prepared(
      sql, "rudi_wh_dead_letter",
      R"(INSERT INTO webhook_dead_letters (webhook_id, seq, attempts, last_error) VALUES ($1, $2, $3, $4)
                  ON CONFLICT (webhook_id, seq) DO UPDATE
                  SET attempts = webhook_dead_letters.attempts + EXCLUDED.attempts, last_error = EXCLUDED.last_error,
                      state = 'dead', dead_at = now())",
      {std::to_string(id), std::to_string(seq), std::to_string(attempts), error.substr(0, 500)});
  return true;
}

std::vector<std::int64_t> replays_due(soci::session& sql, std::int64_t webhook_id, int limit) {
  const auto found = run_prepared(
      sql, "rudi_wh_replays_due",
      "SELECT seq FROM webhook_dead_letters WHERE webhook_id = $1 AND state = 'replay' ORDER BY seq LIMIT $2",
      {std::to_string(webhook_id), std::to_string(limit)});
  std::vector<std::int64_t> out;
  for (const auto& row : found.rows) out.push_back(std::stoll(*row.at(0)));
  return out;
}

void finish_replay(soci::session& sql, std::int64_t webhook_id, std::int64_t seq, bool delivered,
                   int attempts, const std::string& error) {
  run_prepared(sql, "rudi_wh_finish_replay",
               R"(UPDATE webhook_dead_letters
                     SET state = CASE WHEN $3 THEN 'delivered' ELSE 'dead' END,
                         delivered_at = CASE WHEN $3 THEN now() END,
                         dead_at = CASE WHEN $3 THEN dead_at ELSE now() END,
                         attempts = attempts + $4, last_error = CASE WHEN $3 THEN last_error ELSE $5 END
                   WHERE webhook_id = $1 AND seq = $2)",
               {std::to_string(webhook_id), std::to_string(seq), std::string(delivered ? "true" : "false"),
                std::to_string(attempts), error.substr(0, 500)});
}

std::vector<EventRecord> events_after(soci::session& sql, std::int64_t after, int limit) {
  static const std::string text =
      std::string("SELECT ") + kEventColumns + " FROM events WHERE seq > $1 ORDER BY seq LIMIT $2";
  const auto found =
      run_prepared(sql, "rudi_wh_events_after", text.c_str(), {std::to_string(after), std::to_string(limit)});
  std::vector<EventRecord> out;
  for (const auto& row : found.rows) out.push_back(event_from_row(row));
  return out;
}

std::optional<EventRecord> event_at(soci::session& sql, std::int64_t seq) {
  static const std::string text = std::string("SELECT ") + kEventColumns + " FROM events WHERE seq = $1";
  const auto found = run_prepared(sql, "rudi_wh_event_at", text.c_str(), {std::to_string(seq)});
  if (found.rows.empty()) return std::nullopt;
  return event_from_row(found.rows.front());
}

}  // namespace rudi::store
