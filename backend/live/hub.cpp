#include "live/hub.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <nlohmann/json.hpp>

#include "live/event_filter.hpp"

namespace rudi::live {
namespace asio = boost::asio;

Message event_message(const store::EventRecord& event, const std::vector<std::string>& matched_topics) {
  nlohmann::json message = {{"op", "event"},         {"seq", event.seq},
                            {"type", event.type},    {"topics", matched_topics},
                            {"data", event.payload}, {"committed_at", event.committed_at}};
  return std::make_shared<const std::string>(
      message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Hub::Audience Hub::audience_of(const auth::Principal& p) {
  return {p.role, p.mission_id, p.role == auth::Role::prosecutor ? p.user_id : 0, p.active,
          p.second_factor_done};
}

Hub::Hub(asio::any_io_executor executor) : strand_(asio::make_strand(executor)) {}

void Hub::start_at(std::int64_t seq) {
  asio::post(strand_, [self = shared_from_this(), seq] { self->position_ = std::max(self->position_, seq); });
}

void Hub::subscribe(std::shared_ptr<Subscriber> subscriber, std::vector<std::string> topics,
                    std::int64_t floor, std::function<void(std::int64_t)> done) {
  asio::post(strand_, [self = shared_from_this(), subscriber = std::move(subscriber),
                       topics = std::move(topics), floor, done = std::move(done)] {
    auto it = self->entries_.try_emplace(subscriber.get(), Entry{subscriber, {}}).first;
    for (const auto& topic : topics) {
      if (it->second.topics.insert(topic).second)
        self->followers_[topic].emplace(subscriber.get(),
                                        Follower{subscriber, std::max(floor, self->position_)});
    }
    done(self->position_);
  });
}

void Hub::unsubscribe(const std::shared_ptr<Subscriber>& subscriber, std::vector<std::string> topics) {
  asio::post(strand_, [self = shared_from_this(), key = subscriber.get(), topics = std::move(topics)] {
    auto it = self->entries_.find(key);
    if (it == self->entries_.end()) return;
    for (const auto& topic : topics) {
      if (!it->second.topics.erase(topic)) continue;
      auto f = self->followers_.find(topic);
      if (f == self->followers_.end()) continue;
      f->second.erase(key);
      if (f->second.empty()) self->followers_.erase(f);
    }
  });
}

void Hub::remove(const std::shared_ptr<Subscriber>& subscriber) {
  asio::post(strand_, [self = shared_from_this(), key = subscriber.get()] {
    auto it = self->entries_.find(key);
    if (it == self->entries_.end()) return;
    for (const auto& topic : it->second.topics) {
      auto f = self->followers_.find(topic);
      if (f == self->followers_.end()) continue;
      f->second.erase(key);
      if (f->second.empty()) self->followers_.erase(f);
    }
    self->entries_.erase(it);
  });
}

void Hub::publish(std::vector<store::EventRecord> events) {
  // Batches wait in the inbox while the hub (or the network threads it feeds) is busy, and are taken all
  // at once when it comes round: the further behind, the larger the batch, and the fewer hand-overs an event.
  {
    std::lock_guard lock(inbox_mutex_);
    const bool drain_due = !inbox_.empty();  // a drain is on its way and will take these too
    inbox_.insert(inbox_.end(), std::make_move_iterator(events.begin()),
                  std::make_move_iterator(events.end()));
    if (drain_due) return;
  }
  asio::post(strand_, [self = shared_from_this()] { self->drain(); });
}

void Hub::drain() {
  std::vector<store::EventRecord> events;
  {
    std::lock_guard lock(inbox_mutex_);
    events.swap(inbox_);
  }
  // A batch of one (the usual case while the hub keeps up) goes straight out; a larger one is gathered
  // per subscriber first, so that each gets one hand-over for all of it.
  Pending pending;
  Pending* gather = events.size() > 1 ? &pending : nullptr;
  for (const auto& event : events) {
    if (event.seq <= position_) continue;  // registered after: replays cover it
    publish_one(event, gather);
    position_ = event.seq;
  }
  hand_over(pending);
}

void Hub::hand_over(Pending& pending) {
  for (auto& [key, delivery] : pending) delivery.first->deliver(std::move(delivery.second));
  pending.clear();
}

// One event's fan-out: the policy's answer depends only on the principal's role, mission and (for a
// prosecutor) id, so it is asked once per such audience, not once per dashboard; and one message is built
// per set of matched topics.
struct Hub::Fanout {
  const store::EventRecord& event;
  Pending* gather;
  std::vector<std::pair<Audience, bool>> decided;
  std::vector<std::pair<std::uint64_t, Message>> built;
};

void Hub::publish_one(const store::EventRecord& event, Pending* gather) {
  if (is_access_event(event)) {
    // What came before the access ended is handed over first, the close after it.
    if (gather) hand_over(*gather);
    end_access(event);
    return;
  }
  // The event's topics that somebody follows (an event has a handful), as bits of a mask.
  const std::size_t topic_count = std::min<std::size_t>(event.topics.size(), 64);
  std::vector<std::pair<std::uint64_t, const Followers*>> followed;
  for (std::size_t i = 0; i < topic_count; ++i) {
    auto f = followers_.find(event.topics[i]);
    if (f != followers_.end()) followed.emplace_back(std::uint64_t{1} << i, &f->second);
  }
  if (followed.empty()) return;
  Fanout fanout{event, gather, {}, {}};
  // The usual case: one of its topics is followed, and each follower is offered the event straight away.
  if (followed.size() == 1) {
    for (const auto& [key, follower] : *followed.front().second)
      if (follower.after < event.seq) offer(fanout, key, follower.subscriber, followed.front().first);
    return;
  }
  // Several: each subscriber once, with the topics it follows (from before this event) as a mask.
  std::unordered_map<Subscriber*, std::pair<std::uint64_t, const Follower*>> matched;
  for (const auto& [bit, followers] : followed) {
    for (const auto& [key, follower] : *followers) {
      if (follower.after >= event.seq) continue;  // a client that has it already does not get it again
      auto& m = matched[key];
      m.first |= bit;
      m.second = &follower;
    }
  }
  for (const auto& [key, m] : matched) offer(fanout, key, m.second->subscriber, m.first);
}

void Hub::offer(Fanout& fanout, Subscriber* key, const std::weak_ptr<Subscriber>& weak, std::uint64_t mask) {
  auto subscriber = weak.lock();
  if (!subscriber) return;
  const Audience audience = audience_of(subscriber->principal());
  auto& decided = fanout.decided;
  auto d = std::find_if(decided.begin(), decided.end(), [&](const auto& a) { return a.first == audience; });
  if (d == decided.end())
    d = decided.insert(decided.end(), {audience, may_receive(subscriber->principal(), fanout.event)});
  if (!d->second) return;
  auto& built = fanout.built;
  auto m = std::find_if(built.begin(), built.end(), [&](const auto& b) { return b.first == mask; });
  if (m == built.end()) {
    std::vector<std::string> topics;
    const auto& all = fanout.event.topics;
    for (std::size_t i = 0; i < all.size() && i < 64; ++i)
      if (mask >> i & 1) topics.push_back(all[i]);
    m = built.insert(built.end(), {mask, event_message(fanout.event, topics)});
  }
  const Outgoing outgoing{m->second, fanout.event.seq};
  if (!fanout.gather) {
    subscriber->deliver({outgoing});
    return;
  }
  auto& delivery = (*fanout.gather)[key];
  if (!delivery.first) delivery.first = std::move(subscriber);
  delivery.second.push_back(outgoing);
}

void Hub::end_access(const store::EventRecord& event) {
  const auto user = event.payload.value("user_id", std::int64_t{0});
  const auto session = event.payload.value("session", std::string());
  std::vector<std::shared_ptr<Subscriber>> ended;
  for (auto& [key, entry] : entries_) {
    auto subscriber = entry.subscriber.lock();
    if (!subscriber) continue;
    if ((user && subscriber->principal().user_id == user) ||
        (!session.empty() && subscriber->session_tag() == session))
      ended.push_back(std::move(subscriber));
  }
  for (auto& subscriber : ended) subscriber->access_ended();
}

}  // namespace rudi::live
