// Webhook subscriptions, their dead letters, and the lease that lets one node at a time deliver each
// subscription. The lease is a row's owner and expiry, taken with FOR UPDATE SKIP LOCKED: PostgreSQL
// coordinates the nodes. A node moves a subscription's cursor only while its lease holds (the cursor's
// UPDATE checks it), so a node that lost its lease cannot move another node's cursor back or forth.
#pragma once

#include <soci/session.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "auth/secret_box.hpp"
#include "store/event_log.hpp"

namespace rudi::store {

struct WebhookRecord {
  std::int64_t id = 0;
  std::string name;
  std::string url;
  std::vector<std::string> event_types;
  std::vector<std::string> topics;
  std::string purpose;
  std::optional<std::int64_t> mission_id;  // none: the nation
  auth::Sealed secret;
  std::int64_t delivered_seq = 0;
  std::optional<std::int64_t> created_by;
  std::string created_at;                  // RFC 3339
  std::optional<std::string> lease_owner;  // the node delivering it now, while the lease holds
  std::int64_t dead_letters = 0;           // waiting for a replay or for nothing
};

struct DeadLetter {
  std::int64_t id = 0;
  std::int64_t webhook_id = 0;
  std::int64_t seq = 0;
  std::string event_type;
  int attempts = 0;
  std::string last_error;
  std::string state;  // dead, replay, delivered
  std::string dead_at;
  std::optional<std::string> delivered_at;
};

// The id the next subscription will have, so that its secret can be sealed to it before the insert.
std::int64_t next_webhook_id(soci::session& sql);
void insert_webhook(soci::session& sql, const WebhookRecord& webhook);
std::vector<WebhookRecord> list_webhooks(soci::session& sql);
std::optional<WebhookRecord> find_webhook(soci::session& sql, std::int64_t id);
bool delete_webhook(soci::session& sql, std::int64_t id);

// A subscription's dead letters, newest first, at most `limit`.
std::vector<DeadLetter> dead_letters_of(soci::session& sql, std::int64_t webhook_id, int limit);
// Asks for dead letters to be delivered again: one (by id) or every one still dead. Returns how many.
int request_replay(soci::session& sql, std::int64_t webhook_id, std::optional<std::int64_t> dead_letter_id);

// --- delivery (the node's own database sessions) ---

// Takes or renews the leases of up to `limit` subscriptions for `node` (those it holds first, then those
// whose lease has expired or was never taken) for `lease`, and returns their ids. Any subscription this
// node held that is not in the answer is no longer its to deliver.
std::vector<std::int64_t> lease_webhooks(soci::session& sql, const std::string& node,
                                         std::chrono::milliseconds lease, int limit);
// Gives up every lease `node` holds (at shut-down, so that another node takes over at once).
void release_webhook_leases(soci::session& sql, const std::string& node);
// Moves the cursor to `seq` if `node` still holds the lease; false when it does not (or the row is gone).
bool advance_webhook_cursor(soci::session& sql, std::int64_t id, const std::string& node, std::int64_t seq);
// Records that event `seq` was not taken after `attempts` tries, and moves the cursor past it, if `node`
// still holds the lease; false when it does not.
bool dead_letter_event(soci::session& sql, std::int64_t id, const std::string& node, std::int64_t seq,
                       int attempts, const std::string& error);
// The sequence numbers of dead letters asked to be replayed, oldest first.
std::vector<std::int64_t> replays_due(soci::session& sql, std::int64_t webhook_id, int limit);
// A replayed dead letter: delivered, or dead again after `attempts` more tries.
void finish_replay(soci::session& sql, std::int64_t webhook_id, std::int64_t seq, bool delivered,
                   int attempts, const std::string& error);

// Numbered events after `after`, oldest first, at most `limit`: every event, whatever its scope (the
// delivery engine filters them, and moves its cursor past those it does not take).
std::vector<EventRecord> events_after(soci::session& sql, std::int64_t after, int limit);
std::optional<EventRecord> event_at(soci::session& sql, std::int64_t seq);

}  // namespace rudi::store
