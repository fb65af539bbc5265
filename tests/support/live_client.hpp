// A client of the live websocket for tests: connects with the given headers (a session cookie and Origin,
// or a bearer token), sends JSON messages, and hands over what the server sends, in order, with a deadline
// on every wait. A thread of its own reads all the time, so the server never sees a slow reader unless a
// test asks for one (`pause_reading`).
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>

#include "support/http_client.hpp"

namespace rudi::test {

class LiveClient {
 public:
  // Connects and upgrades; `refused_status()` is the HTTP status when the upgrade was refused.
  // `receive_buffer` (bytes, 0: the system's) makes a slow reader's socket fill up quickly.
  LiveClient(unsigned short port, const Headers& headers, bool start_reading = true, int receive_buffer = 0);
  ~LiveClient();
  LiveClient(const LiveClient&) = delete;
  LiveClient& operator=(const LiveClient&) = delete;

  bool connected() const { return connected_; }
  unsigned refused_status() const { return refused_status_; }

  void send(const nlohmann::json& message);
  void send_text(const std::string& text);
  // The next message, or nullopt when none came within `timeout` or the socket closed.
  std::optional<nlohmann::json> next(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // The next message with this op, skipping others (kept in `skipped()`), or nullopt.
  std::optional<nlohmann::json> next_op(const std::string& op,
                                        std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // The next message whose op is one of `ops` (events before it go to `events()`), or nullopt.
  std::optional<nlohmann::json> next_of(const std::vector<std::string>& ops,
                                        std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // Subscribes and returns the `subscribed` reply's as_of (collecting events that came before it into
  // `events()`), or nullopt with the error or reset in `last_refusal()`.
  std::optional<std::int64_t> subscribe(const std::vector<std::string>& topics,
                                        std::optional<std::int64_t> since = std::nullopt,
                                        std::chrono::milliseconds timeout = std::chrono::seconds(30));
  // The close code the server sent, once the socket closed (0 while open or without a code).
  std::optional<unsigned> wait_closed(std::chrono::milliseconds timeout = std::chrono::seconds(10));

  std::vector<nlohmann::json>& events() { return events_; }
  const nlohmann::json& last_refusal() const { return last_refusal_; }
  void start_reading();

 private:
  void read_loop();

  struct Impl;
  std::unique_ptr<Impl> impl_;
  bool connected_ = false;
  unsigned refused_status_ = 0;
  std::thread reader_;
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::deque<nlohmann::json> inbox_;
  bool closed_ = false;
  unsigned close_code_ = 0;
  std::vector<nlohmann::json> events_;
  nlohmann::json last_refusal_;
};

}  // namespace rudi::test
