// The delivery side of webhooks, as database work for the delivery engine (integrations/webhooks): leases,
// a subscription with its secret opened, the next events it takes with what consent lets out of each, and
// the cursor, dead letters and replays. Runs on a database pool of its own, so that a slow receiver, or
// many, never takes sessions from the API.
//
// A subscription gets the consent events of its own purpose only.
// Consent is read when the event is delivered, not when it happened: a withdrawal stops personal data at
// once, also for events still queued. Person data is read as a principal of the subscription's scope (an
// embassy officer of its mission, or a ministry officer for the nation), so row-level security holds too.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "auth/secret_box.hpp"
#include "domain/webhook_subscription.hpp"
#include "store/database.hpp"
#include "store/event_log.hpp"

namespace rudi::service {

struct WebhookSubscription {
  std::int64_t id = 0;
  std::string url;
  std::string secret;
  std::string purpose;
  WebhookFilter filter;
  std::int64_t delivered_seq = 0;
};

// One event to deliver, with what the receiver may get of the person it is about.
struct WebhookDelivery {
  store::EventRecord event;
  // For an event about a person: whether their consent for the subscription's purpose is granted now.
  std::optional<bool> consent_granted;
  // With consent granted: the person's fields for the purpose (domain/webhook_subscription.hpp).
  nlohmann::json person;
};

struct WebhookBatch {
  std::vector<WebhookDelivery> deliveries;  // the events the subscription takes, in order
  std::int64_t scanned_to = 0;              // the last event looked at (taken or not)
};

class WebhookOutbox {
 public:
  WebhookOutbox(store::Database& db, const auth::Keyring& keyring) : db_(db), keyring_(keyring) {}

  boost::asio::awaitable<Result<std::vector<std::int64_t>>> lease(std::string node,
                                                                  std::chrono::milliseconds lease, int limit);
  boost::asio::awaitable<Status> release(std::string node);
  // The subscription as it is now; nullopt once removed.
  boost::asio::awaitable<Result<std::optional<WebhookSubscription>>> subscription(std::int64_t id);
  // The events after the subscription's cursor that it takes, at most `limit` looked at.
  boost::asio::awaitable<Result<WebhookBatch>> next(WebhookSubscription subscription, int limit);
  // One event again (a replayed dead letter), as it would be delivered now; nullopt when no longer kept.
  boost::asio::awaitable<Result<std::optional<WebhookDelivery>>> again(WebhookSubscription subscription,
                                                                       std::int64_t seq);

  // The receiver took `delivery` (or `up_to` was looked at and not taken): the cursor moves, and a
  // disclosure of personal data is audited. False when this node no longer holds the lease.
  boost::asio::awaitable<Result<bool>> delivered(std::int64_t id, std::string node, std::int64_t up_to,
                                                 std::optional<WebhookDelivery> delivery,
                                                 std::string purpose);
  boost::asio::awaitable<Result<bool>> dead_lettered(std::int64_t id, std::string node, std::int64_t seq,
                                                     int attempts, std::string error);
  boost::asio::awaitable<Result<std::vector<std::int64_t>>> replays_due(std::int64_t id, int limit);
  boost::asio::awaitable<Status> replay_finished(std::int64_t id, std::int64_t seq, bool delivered,
                                                 int attempts, std::string error,
                                                 std::optional<WebhookDelivery> delivery,
                                                 std::string purpose);

 private:
  store::Database& db_;
  const auth::Keyring& keyring_;
};

}  // namespace rudi::service
