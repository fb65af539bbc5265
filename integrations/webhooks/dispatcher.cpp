#include "integrations/webhooks/dispatcher.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <future>
#include <random>
#include <set>

#include "auth/tokens.hpp"
#include "integrations/webhooks/payload.hpp"
#include "integrations/webhooks/signature.hpp"
#include "log/log.hpp"

namespace rudi::webhooks {
namespace asio = boost::asio;
namespace {
constexpr auto kAwait = asio::as_tuple(asio::use_awaitable);
constexpr int kReplaysPerRound = 10;
constexpr std::chrono::milliseconds kAfterDatabaseError{1000};

struct Attempts {
  bool delivered = false;
  bool interrupted = false;  // the node stops or lost the lease: neither delivered nor dead
  int tries = 0;
  std::string error;
};

double random01() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(generator);
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

// One subscription's deliveries, on the dispatcher's thread.
class WebhookDispatcher::Subscription : public std::enable_shared_from_this<Subscription> {
 public:
  Subscription(WebhookDispatcher& owner, std::int64_t id)
      : owner_(owner), id_(id), doorbell_(owner.io_), backoff_(owner.io_) {}

  void ring() {
    rung_ = true;
    doorbell_.cancel();
  }
  void stop() {
    stopped_ = true;
    doorbell_.cancel();
    backoff_.cancel();
  }
  bool done() const { return done_; }

  asio::awaitable<void> run() {
    auto self = shared_from_this();
    while (!stopped_) {
      if (!co_await round()) break;
    }
    done_ = true;
  }

 private:
  // One round: replays asked for, else the next batch of events, else a wait for the doorbell. False when
  // the subscription is gone or no longer this node's.
  asio::awaitable<bool> round() {
    auto& outbox = owner_.outbox_;
    auto found = co_await outbox.subscription(id_);
    if (!found) {
      log::warn("webhook subscription unreadable", {{"webhook_id", id_}, {"reason", found.error().detail}});
      co_await pause(kAfterDatabaseError);
      co_return true;
    }
    if (!*found) co_return false;  // removed
    const service::WebhookSubscription& sub = **found;

    auto due = co_await outbox.replays_due(id_, kReplaysPerRound);
    if (due && !due->empty()) {
      for (const auto seq : *due) {
        if (stopped_) co_return false;
        auto item = co_await outbox.again(sub, seq);
        if (!item) break;
        if (!*item) {
          (void)co_await outbox.replay_finished(id_, seq, false, 1, "the event is no longer kept",
                                                std::nullopt, sub.purpose);
          continue;
        }
        auto tried = co_await attempt(sub, **item);
        if (tried.interrupted) co_return false;
        (void)co_await outbox.replay_finished(id_, seq, tried.delivered, tried.tries, tried.error, **item,
                                              sub.purpose);
      }
      co_return true;
    }

    auto batch = co_await outbox.next(sub, owner_.settings_.batch);
    if (!batch) {
      co_await pause(kAfterDatabaseError);
      co_return true;
    }
    std::int64_t cursor = sub.delivered_seq;
    for (const auto& delivery : batch->deliveries) {
      auto tried = co_await attempt(sub, delivery);
      if (tried.interrupted) co_return false;
      auto kept = tried.delivered ? co_await outbox.delivered(id_, owner_.node_, delivery.event.seq, delivery,
                                                              sub.purpose)
                                  : co_await outbox.dead_lettered(id_, owner_.node_, delivery.event.seq,
                                                                  tried.tries, tried.error);
      if (!kept) {
        co_await pause(kAfterDatabaseError);
        co_return true;  // tried again from the cursor: at least once
      }
      if (!*kept) co_return false;  // the lease went to another node
      ++(tried.delivered ? owner_.counts_.delivered : owner_.counts_.dead_lettered);
      if (!tried.delivered)
        log::warn("webhook event dead-lettered", {{"webhook_id", id_},
                                                  {"seq", delivery.event.seq},
                                                  {"tries", tried.tries},
                                                  {"reason", tried.error}});
      cursor = delivery.event.seq;
    }
    if (batch->scanned_to > cursor) {
      auto kept = co_await outbox.delivered(id_, owner_.node_, batch->scanned_to, std::nullopt, sub.purpose);
      if (kept && !*kept) co_return false;
    }
    if (batch->scanned_to == sub.delivered_seq) co_await wait_for_doorbell();
    co_return true;
  }

  // Tries one event until the receiver takes it or the tries run out.
  asio::awaitable<Attempts> attempt(const service::WebhookSubscription& sub,
                                    const service::WebhookDelivery& d) {
    const auto& settings = owner_.settings_;
    Attempts out;
    const std::string body = delivery_body(d, sub.purpose);
    for (int n = 1; n <= settings.max_attempts; ++n) {
      if (stopped_) {
        out.interrupted = true;
        co_return out;
      }
      if (n > 1) {
        co_await pause(webhook_retry_delay(n, settings.backoff, settings.backoff_cap, random01()));
        if (stopped_) {
          out.interrupted = true;
          co_return out;
        }
      }
      out.tries = n;
      auto url = parse_webhook_url(sub.url, settings.allow_http);
      if (!url) {
        out.error = "the address is not allowed: " +
                    (url.error().fields.empty() ? url.error().detail : url.error().fields.front().reason);
        continue;
      }
      const auto now = unix_now();
      std::vector<std::pair<std::string, std::string>> headers = {
          {"Rudi-Webhook-Id", std::to_string(id_)},
          {"Rudi-Event-Seq", std::to_string(d.event.seq)},
          {"Rudi-Event-Type", d.event.type},
          {"Rudi-Timestamp", std::to_string(now)},
          {"Rudi-Signature", signature_header(sub.secret, now, body)}};
      auto posted = co_await post_to_receiver(owner_.tls_, *url, std::move(headers), body, settings.timeouts);
      if (posted.delivered) {
        out.delivered = true;
        co_return out;
      }
      out.error = posted.error;
      ++owner_.counts_.failed_tries;
      log::info("webhook delivery failed",
                {{"webhook_id", id_}, {"seq", d.event.seq}, {"try", n}, {"reason", posted.error}});
    }
    co_return out;
  }

  asio::awaitable<void> pause(std::chrono::milliseconds wait) {
    backoff_.expires_after(wait);
    co_await backoff_.async_wait(kAwait);
  }

  asio::awaitable<void> wait_for_doorbell() {
    if (!rung_ && !stopped_) {
      doorbell_.expires_after(owner_.settings_.poll);
      co_await doorbell_.async_wait(kAwait);
    }
    rung_ = false;
  }

  WebhookDispatcher& owner_;
  std::int64_t id_;
  asio::steady_timer doorbell_;
  asio::steady_timer backoff_;
  bool rung_ = false;
  bool stopped_ = false;
  bool done_ = false;
};

WebhookDispatcher::WebhookDispatcher(service::WebhookOutbox& outbox, DeliverySettings settings)
    : outbox_(outbox), settings_(settings), node_("node-" + auth::random_token(9)) {
  tls_.set_default_verify_paths();
  tls_.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                   asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                   asio::ssl::context::no_tlsv1_1);
}

WebhookDispatcher::~WebhookDispatcher() {
  stop();
}

Status WebhookDispatcher::trust_authorities(const std::string& pem_file) {
  boost::system::error_code ec;
  tls_.load_verify_file(pem_file, ec);
  if (ec) return Error::invalid("cannot read certificate authorities from " + pem_file + ": " + ec.message());
  return ok_status();
}

void WebhookDispatcher::start() {
  asio::co_spawn(io_, supervise(), asio::detached);
  thread_ = std::thread([this] { io_.run(); });
  log::info("webhook deliveries", {{"node", node_}, {"concurrency", settings_.concurrency}});
}

void WebhookDispatcher::wake() {
  if (stopping_) return;
  asio::post(io_, [this] {
    for (auto& [id, subscription] : running_) subscription->ring();
  });
}

void WebhookDispatcher::stop() {
  if (!thread_.joinable()) return;
  if (!stopping_.exchange(true)) {
    asio::post(io_, [this] { renew_timer_.cancel(); });
  }
  // The supervisor gives up the leases and returns; deliveries still in flight are abandoned (their events
  // go again, from the cursor, with whichever node takes the lease).
  released_.wait_for(std::chrono::seconds(5));
  io_.stop();
  thread_.join();
}

asio::awaitable<void> WebhookDispatcher::supervise() {
  while (!stopping_) {
    auto leased = co_await outbox_.lease(node_, settings_.lease, settings_.concurrency);
    if (leased) {
      const std::set<std::int64_t> held(leased->begin(), leased->end());
      for (auto it = running_.begin(); it != running_.end();) {
        if (!held.contains(it->first) || it->second->done()) {
          it->second->stop();
          it = running_.erase(it);
        } else {
          ++it;
        }
      }
      for (const auto id : *leased) {
        if (running_.contains(id)) continue;
        auto subscription = std::make_shared<Subscription>(*this, id);
        running_.emplace(id, subscription);
        asio::co_spawn(io_, subscription->run(), asio::detached);
      }
    } else {
      log::warn("webhook leases not renewed", {{"reason", leased.error().detail}});
    }
    if (stopping_) break;
    counts_.subscriptions = running_.size();
    renew_timer_.expires_after(settings_.lease / 3);
    co_await renew_timer_.async_wait(kAwait);
  }
  for (auto& [id, subscription] : running_) subscription->stop();
  (void)co_await outbox_.release(node_);
  released_promise_.set_value();
}

}  // namespace rudi::webhooks
