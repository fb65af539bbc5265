// The node's webhook deliveries: a thread and io_context of their own (so that no receiver, however slow,
// holds the API's or the live hub's threads), a database pool of its own (through WebhookOutbox), and one
// coroutine per subscription this node holds the lease of, so that a receiver that hangs delays only its
// own subscription. At most `concurrency` subscriptions are delivered by one node at a time.
//
// Per subscription: events in sequence order, each tried up to `max_attempts` times with exponential
// back-off and jitter, then dead-lettered; the cursor moves past an event only once it is delivered or
// dead-lettered, so delivery is at least once and in order. Dead letters asked to be replayed go before new
// events. New events are noticed by the node's event feed (`wake`) or, at worst, by a poll.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "integrations/webhooks/receiver_client.hpp"
#include "service/webhook_outbox.hpp"

namespace rudi::webhooks {

class WebhookDispatcher {
 public:
  WebhookDispatcher(service::WebhookOutbox& outbox, DeliverySettings settings);
  ~WebhookDispatcher();

  // Trusts the certificate authorities of a PEM file for receivers, beside the system's (a partner that
  // runs its own authority). Call before start; an error says why the file cannot be used.
  Status trust_authorities(const std::string& pem_file);
  void start();
  // New events are numbered: every subscription looks now. Safe from any thread.
  void wake();
  // Ends deliveries in flight, gives up this node's leases, and joins the thread.
  void stop();
  const std::string& node() const { return node_; }

  // For /metrics: events receivers took, tries that failed, events dead-lettered (since start), and the
  // subscriptions this node delivers now.
  struct Counts {
    std::atomic<std::uint64_t> delivered{0}, failed_tries{0}, dead_lettered{0}, subscriptions{0};
  };
  const Counts& counts() const { return counts_; }

 private:
  class Subscription;
  boost::asio::awaitable<void> supervise();

  service::WebhookOutbox& outbox_;
  DeliverySettings settings_;
  std::string node_;
  boost::asio::io_context io_{1};
  boost::asio::ssl::context tls_{boost::asio::ssl::context::tls_client};
  boost::asio::steady_timer renew_timer_{io_};
  std::map<std::int64_t, std::shared_ptr<Subscription>> running_;  // only touched on io_'s thread
  std::atomic<bool> stopping_{false};
  Counts counts_;
  std::promise<void> released_promise_;
  std::future<void> released_ = released_promise_.get_future();
  std::thread thread_;
};

}  // namespace rudi::webhooks
