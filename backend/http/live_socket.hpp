// One live websocket: reads the client's JSON messages (subscribe, unsubscribe, ping) one at a time, checks
// each subscription with the access policy, replays what the client missed from the events table, and
// sends the events the hub delivers, through a bounded queue with one write in flight. A client that falls
// behind the bound is closed (4000) and resumes from its last sequence number; a client that keeps sending
// bad messages is closed (1008); a dead peer is dropped by the heartbeat (a ping each interval; no answer by
// the next one: dropped); a credential that ends (sign-out, disabled user) closes the socket (4001). All of
// its state lives on the connection's strand.
//
// Frames leave through Beast on TLS. On plain TCP (behind a TLS-terminating proxy, or local) the queued
// frames are written straight to the socket, several in one system call (http/frame_sender.hpp), which
// is most of the fan-out's cost saved; Beast still reads, answers the client's pings and closes. Beast's
// own writes (a pong, the close) cannot interleave with a frame of ours except while one is partly written
// — the client's receive window full — and the client pings: then that client alone reads a broken
// stream, fails, and resumes from its last sequence number.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <deque>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "http/caller.hpp"
#include "http/connection.hpp"
#include "http/frame_sender.hpp"
#include "http/live_endpoint.hpp"
#include "live/hub.hpp"

namespace rudi::http {

class Server;

template <class Stream>
class LiveSocket : public ConnectionBase,
                   public live::Subscriber,
                   public std::enable_shared_from_this<LiveSocket<Stream>> {
 public:
  LiveSocket(Stream stream, LiveEndpoint& endpoint, Server& server, Caller caller, const Request& upgrade);
  ~LiveSocket() override;

  void start(Request upgrade);

  void close_if_idle() override;
  void close_now() override;

  const auth::Principal& principal() const override { return caller_.principal; }
  const std::string& session_tag() const override { return session_tag_; }
  void deliver(std::vector<live::Outgoing> events) override;
  void access_ended() override;

 private:
  static boost::asio::awaitable<void> run(std::shared_ptr<LiveSocket> self, Request upgrade);
  static boost::asio::awaitable<void> recheck_loop(std::shared_ptr<LiveSocket> self);
  static boost::asio::awaitable<void> heartbeat_loop(std::shared_ptr<LiveSocket> self);
  boost::asio::awaitable<void> handle(const std::string& text);
  boost::asio::awaitable<void> subscribe(std::vector<std::string> topics, std::optional<std::int64_t> since);
  void unsubscribe(const std::vector<std::string>& topics);
  // A bad message: an error, and after too many, a close.
  void strike(const std::string& code, const std::string& message);

  void accept_event(live::Message message, std::int64_t seq);
  void send_json(const nlohmann::json& message);
  void push(live::Message message);
  bool enqueue(live::Message message);  // false: over the bound, and closing
  void write_next();
  void write_direct();
  void write_through_beast();
  void cork(bool on);
  void lag();
  void close_with(std::uint16_t code, std::string reason);
  boost::beast::tcp_stream& lowest() { return boost::beast::get_lowest_layer(ws_); }

  boost::beast::websocket::stream<Stream> ws_;
  LiveEndpoint& endpoint_;
  Server& server_;
  Caller caller_;
  std::string session_tag_;
  Request credentials_;  // the upgrade's Cookie and Authorization, to check again
  boost::beast::flat_buffer buffer_;
  boost::asio::steady_timer recheck_;  // the next check of the credential
  boost::asio::steady_timer force_;    // ends the TCP connection when a close handshake does not
  boost::asio::steady_timer room_;     // a replay waits on it for room in the queue
  boost::asio::steady_timer heartbeat_;
  bool awaiting_pong_ = false;  // a ping went out and nothing has come back since
  std::deque<OutgoingFrame> queue_;
  std::size_t front_written_ = 0;  // bytes of the front frame already written (direct writes)
  std::size_t queued_bytes_ = 0;
  // While a subscription's replay runs, live events wait here, so that the stream stays in order.
  bool replaying_ = false;
  std::vector<live::Message> held_;
  std::unordered_map<std::string, std::int64_t> topics_;  // followed topic -> position it was followed from
  std::optional<boost::beast::websocket::close_reason> closing_;
  bool finished_ = false;
  bool writing_ = false;  // a write (or the close) is in flight
  bool close_sent_ = false;
  bool corked_ = false;  // TCP_CORK set while a queue of several messages is written out (Beast's writes)
  // Plain TCP: frames are written straight to the socket.
  static constexpr bool kDirectWrites = std::is_same_v<Stream, boost::beast::tcp_stream>;
  int strikes_ = 0;
};

using PlainLiveSocket = LiveSocket<boost::beast::tcp_stream>;
using TlsLiveSocket = LiveSocket<boost::beast::ssl_stream<boost::beast::tcp_stream>>;

}  // namespace rudi::http
