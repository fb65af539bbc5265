#include "http/live_socket.hpp"

#include <netinet/tcp.h>
#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/bind_allocator.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/detail/socket_option.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/recycling_allocator.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <random>
#include <set>

#include "http/request_id.hpp"
#include "http/server.hpp"
#include "live/event_filter.hpp"
#include "log/log.hpp"
#include "service/access_ended.hpp"

namespace rudi::http {
namespace {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

nlohmann::json error_message(const std::string& code, const std::string& message) {
  return {{"op", "error"}, {"code", code}, {"message", message}};
}

// The upgrade's credentials alone, to be presented again by the periodic check.
Request credentials_of(const Request& upgrade) {
  Request credentials{Verb::get, kLivePath, 11};
  for (auto field : {beast_http::field::cookie, beast_http::field::authorization}) {
    for (auto it = upgrade.find(field); it != upgrade.end() && it->name() == field; ++it)
      credentials.insert(field, it->value());
  }
  return credentials;
}

std::chrono::milliseconds jittered(std::chrono::milliseconds interval) {
  thread_local std::minstd_rand random{std::random_device{}()};
  std::uniform_int_distribution<long> spread(0, interval.count() / 5 + 1);
  return interval + std::chrono::milliseconds(spread(random));
}

}  // namespace

template <class Stream>
LiveSocket<Stream>::LiveSocket(Stream stream, LiveEndpoint& endpoint, Server& server, Caller caller,
                               const Request& upgrade)
    : ws_(std::move(stream)),
      endpoint_(endpoint),
      server_(server),
      caller_(std::move(caller)),
      session_tag_(caller_.by_cookie() ? service::session_tag(caller_.session_token) : std::string()),
      credentials_(credentials_of(upgrade)),
      buffer_(endpoint.limits().frame_bytes),
      recheck_(ws_.get_executor()),
      force_(ws_.get_executor()),
      room_(ws_.get_executor()),
      heartbeat_(ws_.get_executor()) {
  endpoint_.open_sockets().fetch_add(1);
}

template <class Stream>
LiveSocket<Stream>::~LiveSocket() {
  endpoint_.open_sockets().fetch_sub(1);
  server_.unregister_connection(this);
}

template <class Stream>
void LiveSocket<Stream>::start(Request upgrade) {
  server_.register_connection(this->shared_from_this());
  asio::co_spawn(ws_.get_executor(), run(this->shared_from_this(), std::move(upgrade)),
                 [](std::exception_ptr failure) {
                   if (!failure) return;
                   try {
                     std::rethrow_exception(failure);
                   } catch (const std::exception& e) {
                     log::error("live socket failed", {{"error", e.what()}});
                   }
                 });
}

template <class Stream>
void LiveSocket<Stream>::close_if_idle() {
  asio::post(ws_.get_executor(), [self = this->shared_from_this()] {
    self->close_with(static_cast<std::uint16_t>(websocket::close_code::going_away),
                     "the server is restarting: reconnect and resume");
  });
}

template <class Stream>
void LiveSocket<Stream>::close_now() {
  asio::post(ws_.get_executor(), [self = this->shared_from_this()] { self->lowest().close(); });
}

template <class Stream>
void LiveSocket<Stream>::deliver(std::vector<live::Outgoing> events) {
  // Dispatched, not posted: when the socket's strand is free, the hub's thread queues and writes the frames
  // itself at once (one thread sending a batch to every socket in turn, as a broadcast loop does), instead
  // of a hand-over through the scheduler to another thread a socket; a busy strand queues it as a post would.
  asio::dispatch(ws_.get_executor(), [self = this->shared_from_this(), events = std::move(events)]() mutable {
    for (auto& event : events) self->accept_event(std::move(event.message), event.seq);
    self->write_next();  // the whole batch at once
  });
}

template <class Stream>
void LiveSocket<Stream>::access_ended() {
  asio::post(ws_.get_executor(), [self = this->shared_from_this()] {
    self->close_with(kCloseAccessEnded, "access ended: sign in again");
  });
}

template <class Stream>
asio::awaitable<void> LiveSocket<Stream>::run(std::shared_ptr<LiveSocket> self, Request upgrade) {
  const LiveLimits& limits = self->endpoint_.limits();
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = std::chrono::seconds(10);
  // The heartbeat is the socket's own (heartbeat_loop): Beast's pings would be written beside the frames
  // this socket writes itself.
  timeouts.idle_timeout = websocket::stream_base::none();
  timeouts.keep_alive_pings = false;
  self->ws_.set_option(timeouts);
  // Called while reading, on the strand: any frame from the peer, a pong included, shows it is alive.
  self->ws_.control_callback(
      [raw = self.get()](websocket::frame_type, beast::string_view) { raw->awaiting_pong_ = false; });
  self->ws_.read_message_max(limits.frame_bytes);
  self->ws_.text(true);
  if (limits.send_buffer > 0) {
    boost::system::error_code ignored;
    self->lowest().socket().set_option(asio::socket_base::send_buffer_size(limits.send_buffer), ignored);
  }
  self->ws_.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& response) { response.set(beast_http::field::server, "rudi"); }));
  auto [accept_ec] = co_await self->ws_.async_accept(upgrade, kTuple);
  if (!accept_ec) {
    const auto executor = self->ws_.get_executor();
    asio::co_spawn(executor, recheck_loop(self), asio::detached);
    asio::co_spawn(executor, heartbeat_loop(self), asio::detached);
    for (;;) {
      self->buffer_.clear();
      auto [ec, n] = co_await self->ws_.async_read(self->buffer_, kTuple);
      if (ec) break;
      self->awaiting_pong_ = false;
      if (self->closing_) continue;  // closing: read only until the peer's close frame
      if (!self->ws_.got_text()) {
        self->strike("bad-message", "send JSON text messages");
      } else if (n > limits.message_bytes) {
        self->strike("too-large",
                     "a message may have at most " + std::to_string(limits.message_bytes) + " bytes");
      } else {
        co_await self->handle(beast::buffers_to_string(self->buffer_.data()));
      }
    }
  }
  self->finished_ = true;
  self->endpoint_.hub().remove(self);
  self->recheck_.cancel();
  self->force_.cancel();
  self->room_.cancel();
  self->heartbeat_.cancel();
  self->queue_.clear();
  self->held_.clear();
}

template <class Stream>
void LiveSocket<Stream>::write_next() {
  // One write in flight; the next starts from its completion, so a message waits for no wake-up.
  if (writing_ || finished_) return;
  if (queue_.empty()) {
    cork(false);
    if (closing_ && !close_sent_) {
      close_sent_ = true;
      writing_ = true;
      ws_.async_close(
          *closing_, [self = this->shared_from_this()](const beast::error_code&) { self->writing_ = false; });
    }
    return;
  }
  if constexpr (kDirectWrites)
    write_direct();
  else
    write_through_beast();
}

template <class Stream>
void LiveSocket<Stream>::write_direct() {
  while (!queue_.empty()) {
    const auto sent = send_frames(lowest().socket().native_handle(), queue_, front_written_);
    for (std::size_t i = 0; i < sent.frames; ++i) {
      queued_bytes_ -= queue_.front().payload_bytes();
      queue_.pop_front();
    }
    front_written_ = sent.into_next;
    if (replaying_ && sent.frames > 0) room_.cancel();  // a replay waits for room
    if (sent.error) {
      // The reader sees the failure too, and ends the socket; nothing more is written.
      writing_ = true;
      boost::system::error_code ignored;
      lowest().socket().shutdown(asio::socket_base::shutdown_both, ignored);
      return;
    }
    if (sent.blocked) {
      // The client's receive window is full: carry on when the socket takes more.
      writing_ = true;
      lowest().socket().async_wait(asio::socket_base::wait_write,
                                   [self = this->shared_from_this()](const boost::system::error_code& ec) {
                                     self->writing_ = false;
                                     if (!ec) self->write_next();
                                   });
      return;
    }
  }
  write_next();  // the queue is empty: a close may be due
}

template <class Stream>
void LiveSocket<Stream>::write_through_beast() {
  // Several messages waiting (a batch, or a client that fell behind): the kernel holds the frames and sends
  // them in as few segments as they fill, instead of one segment, and one wake-up of the client, a frame.
  if (queue_.size() > 1) cork(true);
  writing_ = true;
  const OutgoingFrame frame = queue_.front();
  // Beast allocates each write's state with the handler's allocator: Asio's recycling one reuses the
  // thread's last blocks instead of a malloc and a free a frame. (A ping's completion has no byte count.)
  auto done =
      asio::bind_allocator(asio::recycling_allocator<void>(),
                           [self = this->shared_from_this(), frame](const beast::error_code& ec, auto...) {
                             self->writing_ = false;
                             if (ec) return;  // the reader sees the failure too, and ends the socket
                             // A lagging client's queue may have been emptied meanwhile.
                             if (!self->queue_.empty() && self->queue_.front().text == frame.text) {
                               self->queued_bytes_ -= frame.payload_bytes();
                               self->queue_.pop_front();
                             }
                             if (self->replaying_) self->room_.cancel();  // a replay waits for room
                             self->write_next();
                           });
  if (frame.ping())
    ws_.async_ping({}, std::move(done));
  else
    ws_.async_write(asio::buffer(*frame.text), std::move(done));
}

template <class Stream>
void LiveSocket<Stream>::cork(bool on) {
#ifdef TCP_CORK
  if (corked_ == on) return;
  corked_ = on;
  // Uncorking sends what the kernel holds at once.
  boost::system::error_code ignored;
  lowest().socket().set_option(asio::detail::socket_option::boolean<IPPROTO_TCP, TCP_CORK>(on), ignored);
#else
  (void)on;
#endif
}

template <class Stream>
asio::awaitable<void> LiveSocket<Stream>::heartbeat_loop(std::shared_ptr<LiveSocket> self) {
  // A ping each interval; a peer that has sent nothing since the last one is dead, and dropped.
  while (!self->finished_) {
    self->heartbeat_.expires_after(self->endpoint_.limits().heartbeat);
    auto [ec] = co_await self->heartbeat_.async_wait(kTuple);
    if (ec || self->finished_) break;
    if (self->awaiting_pong_) {
      self->lowest().close();
      break;
    }
    if (self->closing_) continue;  // the close handshake has its own deadline
    self->awaiting_pong_ = true;
    self->queue_.push_back(OutgoingFrame{});  // outside the bound: a ping is two bytes
    self->write_next();
  }
}

template <class Stream>
asio::awaitable<void> LiveSocket<Stream>::recheck_loop(std::shared_ptr<LiveSocket> self) {
  while (!self->finished_) {
    self->recheck_.expires_after(jittered(self->endpoint_.limits().recheck));
    auto [ec] = co_await self->recheck_.async_wait(kTuple);
    if (ec || self->finished_) break;
    if (!co_await self->endpoint_.still_valid(self->credentials_, self->caller_.principal)) {
      self->close_with(kCloseAccessEnded, "access ended: sign in again");
      break;
    }
  }
}

template <class Stream>
asio::awaitable<void> LiveSocket<Stream>::handle(const std::string& text) {
  const auto message = nlohmann::json::parse(text, nullptr, false);
  if (message.is_discarded() || !message.is_object()) {
    strike("bad-json", "each message is one JSON object");
    co_return;
  }
  const auto op = message.find("op");
  if (op == message.end() || !op->is_string()) {
    strike("bad-message", "/op: subscribe, unsubscribe or ping");
    co_return;
  }
  if (*op == "ping") {
    send_json({{"op", "pong"}});
    co_return;
  }
  if (*op != "subscribe" && *op != "unsubscribe") {
    strike("bad-message", "/op: subscribe, unsubscribe or ping");
    co_return;
  }
  const auto topics = message.find("topics");
  if (topics == message.end() || !topics->is_array() || topics->empty() ||
      !std::all_of(topics->begin(), topics->end(), [](const auto& t) { return t.is_string(); })) {
    strike("bad-message", "/topics: a non-empty list of topics, e.g. [\"cohort:7\"]");
    co_return;
  }
  auto names = topics->get<std::vector<std::string>>();
  if (*op == "unsubscribe") {
    unsubscribe(names);
    send_json({{"op", "unsubscribed"}, {"topics", names}});
    co_return;
  }
  std::optional<std::int64_t> since;
  if (const auto s = message.find("since"); s != message.end() && !s->is_null()) {
    if (!s->is_number_integer() || s->get<std::int64_t>() < 0) {
      strike("bad-message", "/since: the sequence number of the last event you have, or absent");
      co_return;
    }
    since = s->get<std::int64_t>();
  }
  co_await subscribe(std::move(names), since);
}

template <class Stream>
asio::awaitable<void> LiveSocket<Stream>::subscribe(std::vector<std::string> topics,
                                                    std::optional<std::int64_t> since) {
  const LiveLimits& limits = endpoint_.limits();
  std::sort(topics.begin(), topics.end());
  topics.erase(std::unique(topics.begin(), topics.end()), topics.end());
  std::vector<std::string> added;
  for (const auto& t : topics)
    if (!topics_.count(t)) added.push_back(t);
  if (topics_.size() + added.size() > limits.max_topics) {
    send_json(error_message("too-many-topics", "/topics: at most " + std::to_string(limits.max_topics) +
                                                   " topics per connection"));
    co_return;
  }
  auto& access = endpoint_.access();
  auto verdict = co_await access.check_topics(caller_.principal, topics, new_request_id());
  if (!verdict) {
    send_json(error_message("unavailable", "the subscription cannot be checked now; try again shortly"));
    co_return;
  }
  if (!verdict->refused.empty()) {
    auto refusal = error_message("forbidden", "/topics: you may not follow these topics");
    refusal["topics"] = verdict->refused;
    send_json(refusal);
    co_return;
  }
  if (since) {
    auto resumable = co_await access.resumable(*since);
    if (!resumable) {
      send_json(error_message("unavailable", "the resume point cannot be checked now; try again shortly"));
      co_return;
    }
    if (!*resumable) {
      send_json({{"op", "reset"},
                 {"reason", "events after " + std::to_string(*since) +
                                " are no longer kept: reload the snapshot and subscribe from its as_of"}});
      co_return;
    }
  }
  if (finished_ || closing_) co_return;

  // From `position` on, the hub delivers the new topics' events; the replay covers (since, position].
  auto self = this->shared_from_this();
  const std::int64_t position =
      co_await asio::async_initiate<decltype(asio::use_awaitable), void(std::int64_t)>(
          [&](auto handler) {
            auto shared = std::make_shared<decltype(handler)>(std::move(handler));
            endpoint_.hub().subscribe(self, added, since.value_or(0), [shared](std::int64_t at) {
              auto executor = asio::get_associated_executor(*shared);
              asio::post(executor, [shared, at] { std::move (*shared)(at); });
            });
          },
          asio::use_awaitable);
  std::unordered_map<std::string, std::int64_t> before = topics_;
  const std::int64_t as_of = std::max(position, since.value_or(0));
  for (const auto& t : added) topics_[t] = as_of;

  if (since && *since < position && !added.empty()) {
    replaying_ = true;
    std::int64_t after = *since;
    const std::set<std::string> fresh(added.begin(), added.end());
    while (after < position && !finished_ && !closing_) {
      // Room first: a long replay waits for the client rather than overflowing its queue.
      while (!finished_ && !closing_ &&
             (queue_.size() + static_cast<std::size_t>(limits.replay_page) > limits.queue_messages ||
              queued_bytes_ > limits.queue_bytes / 2)) {
        // Woken by the writer as each message leaves the queue (or by the end of the socket).
        room_.expires_at(std::chrono::steady_clock::time_point::max());
        co_await room_.async_wait(kTuple);
      }
      auto page = co_await access.replay(caller_.principal, after, position, limits.replay_page);
      if (!page) {
        close_with(static_cast<std::uint16_t>(websocket::close_code::try_again_later),
                   "the replay failed: reconnect and resume");
        break;
      }
      for (const auto& event : *page) {
        after = event.seq;
        bool new_topic = false, delivered_live = false;
        std::vector<std::string> matched;
        for (const auto& t : event.topics) {
          if (fresh.count(t)) {
            new_topic = true;
            matched.push_back(t);
          } else if (auto it = before.find(t); it != before.end()) {
            matched.push_back(t);
            if (it->second < event.seq) delivered_live = true;
          }
        }
        if (new_topic && !delivered_live && live::may_receive(caller_.principal, event))
          push(live::event_message(event, matched));
      }
      if (static_cast<int>(page->size()) < limits.replay_page) break;
    }
    replaying_ = false;
  }
  if (finished_ || closing_) co_return;
  send_json({{"op", "subscribed"}, {"topics", topics}, {"as_of", as_of}});
  auto held = std::move(held_);
  held_.clear();
  for (auto& message : held) push(std::move(message));
}

template <class Stream>
void LiveSocket<Stream>::unsubscribe(const std::vector<std::string>& topics) {
  for (const auto& t : topics) topics_.erase(t);
  endpoint_.hub().unsubscribe(this->shared_from_this(), topics);
}

template <class Stream>
void LiveSocket<Stream>::strike(const std::string& code, const std::string& message) {
  send_json(error_message(code, message));
  if (++strikes_ >= endpoint_.limits().strikes)
    close_with(static_cast<std::uint16_t>(websocket::close_code::policy_error), "too many bad messages");
}

template <class Stream>
void LiveSocket<Stream>::accept_event(live::Message message, std::int64_t) {
  if (finished_ || closing_) return;
  if (replaying_) {
    held_.push_back(std::move(message));
    if (held_.size() > 4 * endpoint_.limits().queue_messages) lag();
    return;
  }
  enqueue(std::move(message));  // written by the caller, once for a whole batch
}

template <class Stream>
void LiveSocket<Stream>::send_json(const nlohmann::json& message) {
  push(std::make_shared<const std::string>(message.dump()));
}

template <class Stream>
void LiveSocket<Stream>::push(live::Message message) {
  if (enqueue(std::move(message))) write_next();
}

template <class Stream>
bool LiveSocket<Stream>::enqueue(live::Message message) {
  if (finished_ || closing_) return false;
  const LiveLimits& limits = endpoint_.limits();
  if (queue_.size() >= limits.queue_messages || queued_bytes_ + message->size() > limits.queue_bytes) {
    lag();
    return false;
  }
  queued_bytes_ += message->size();
  queue_.push_back(OutgoingFrame{std::move(message)});
  return true;
}

template <class Stream>
void LiveSocket<Stream>::lag() {
  // Behind by more than the bound: what waits is dropped, and the client resumes from its last seq. A frame
  // partly written is finished first, so that the close that follows is read as one.
  const bool partly_written = front_written_ > 0 && !queue_.empty();
  while (queue_.size() > (partly_written ? 1u : 0u)) queue_.pop_back();
  queued_bytes_ = partly_written ? queue_.front().payload_bytes() : 0;
  held_.clear();
  log::info("live client lagging", {{"user_id", caller_.principal.user_id}});
  close_with(kCloseLagging, "lagging behind: resume from your last sequence number");
}

template <class Stream>
void LiveSocket<Stream>::close_with(std::uint16_t code, std::string reason) {
  if (closing_ || finished_) return;
  websocket::close_reason why;
  why.code = code;
  why.reason = reason;
  closing_ = why;
  room_.cancel();
  write_next();
  // A peer that does not answer the close (or does not read at all) is cut off shortly.
  force_.expires_after(std::chrono::seconds(2));
  force_.async_wait([self = this->shared_from_this()](const boost::system::error_code& ec) {
    if (!ec) self->lowest().close();
  });
}

template class LiveSocket<beast::tcp_stream>;
template class LiveSocket<beast::ssl_stream<beast::tcp_stream>>;

}  // namespace rudi::http
