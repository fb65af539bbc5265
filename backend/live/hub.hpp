// The live hub of one node: who follows which topic, and the fan-out of each new event to the subscribers
// that follow one of its topics and may receive it. All its state lives on one strand; the event feed hands
// it batches in sequence order. A message is built once per event and per set of matched topics, and
// shared by every subscriber that receives it.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/strand.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "auth/principal.hpp"
#include "store/event_log.hpp"

namespace rudi::live {

using Message = std::shared_ptr<const std::string>;

// The event as a client receives it: `topics` are the event's topics that the client follows (never the
// others: a person's case ids are not an embassy's business).
Message event_message(const store::EventRecord& event, const std::vector<std::string>& matched_topics);

// One event for one subscriber.
struct Outgoing {
  Message message;
  std::int64_t seq;
};

// What the hub needs of a subscriber (a websocket, in the transport layer). Called on the hub's strand:
// implementations only queue, and never block.
class Subscriber {
 public:
  virtual ~Subscriber() = default;
  virtual const auth::Principal& principal() const = 0;
  virtual const std::string& session_tag() const = 0;  // empty for an API token
  // The events of one batch from the feed that this subscriber receives, in sequence order: one hand-over
  // per subscriber and batch, however many events the batch holds.
  virtual void deliver(std::vector<Outgoing> events) = 0;
  virtual void access_ended() = 0;  // the user was disabled or the session ended: close
};

class Hub : public std::enable_shared_from_this<Hub> {
 public:
  explicit Hub(boost::asio::any_io_executor executor);

  // The sequence number the hub has seen up to (events after it are still to come).
  void start_at(std::int64_t seq);

  // Adds topics to a subscriber; `done(position)` runs (on the hub's strand) once they are registered: every
  // event after `position` that matches them will be delivered, and none before — nor any up to `floor`
  // (what the client has already: the hub may not have read that far yet).
  void subscribe(std::shared_ptr<Subscriber> subscriber, std::vector<std::string> topics, std::int64_t floor,
                 std::function<void(std::int64_t position)> done);
  void unsubscribe(const std::shared_ptr<Subscriber>& subscriber, std::vector<std::string> topics);
  void remove(const std::shared_ptr<Subscriber>& subscriber);

  // A batch from the event feed, in sequence order.
  void publish(std::vector<store::EventRecord> events);

 private:
  // Per subscriber, what a batch brings it so far.
  using Pending =
      std::unordered_map<Subscriber*, std::pair<std::shared_ptr<Subscriber>, std::vector<Outgoing>>>;
  // One subscriber of a topic, and from where it follows it.
  struct Follower {
    std::weak_ptr<Subscriber> subscriber;
    std::int64_t after;  // deliver only events after this (what the client has already, or will replay)
  };
  using Followers = std::unordered_map<Subscriber*, Follower>;
  struct Fanout;  // one event's fan-out: the policy's answers and the messages built so far

  void drain();  // on the strand: publishes what the inbox holds
  // Delivers at once without `gather`, or adds to it.
  void publish_one(const store::EventRecord& event, Pending* gather);
  void end_access(const store::EventRecord& event);
  // Delivers the event to one subscriber (whose followed topics it matches in `mask`) if it may see it.
  static void offer(Fanout& fanout, Subscriber* key, const std::weak_ptr<Subscriber>& subscriber,
                    std::uint64_t mask);
  static void hand_over(Pending& pending);

  // What the access policy's answer for an event depends on, of a principal.
  struct Audience {
    auth::Role role;
    std::optional<auth::MissionId> mission;
    auth::UserId prosecutor;  // 0 unless a prosecutor
    bool active;
    bool second_factor_done;
    bool operator==(const Audience&) const = default;
  };
  static Audience audience_of(const auth::Principal& principal);

  boost::asio::strand<boost::asio::any_io_executor> strand_;
  std::mutex inbox_mutex_;
  std::vector<store::EventRecord> inbox_;  // published, not yet drained; guarded by inbox_mutex_
  std::int64_t position_ = 0;
  // topic -> its followers: what the fan-out reads, with no lookup a subscriber
  std::unordered_map<std::string, Followers> followers_;
  // subscriber -> the subscriber itself and its topics, for unsubscribing, removal and ended access
  struct Entry {
    std::weak_ptr<Subscriber> subscriber;
    std::unordered_set<std::string> topics;
  };
  std::unordered_map<Subscriber*, Entry> entries_;
};

}  // namespace rudi::live
