// A node's reading of the event log: the events the sequencer has numbered, in sequence order, each once,
// handed to `deliver` in batches. One PostgreSQL connection of its own LISTENs on `rudi_events` (the
// sequencer rings it once per batch); Asio watches libpq's socket, so no thread waits on it; a short poll
// is the backstop for a lost notification; the queries run on a thread of the feed's own, so that a slow
// database never holds a network thread. When the connection is lost the feed reconnects by itself and
// carries on after the last event it delivered: nothing is missed and nothing is delivered twice.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "store/event_log.hpp"

struct pg_conn;

namespace rudi::live {

using FeedEvent = store::EventRecord;

struct FeedSettings {
  std::chrono::milliseconds backstop{250};  // read even without a notification, this often
  std::chrono::milliseconds retry{500};     // wait before reconnecting
  int batch = 1000;
  // A hand-over from the sequencer is taken only when the last delivery is at least this old: a lone change
  // goes out at once, while a stream of them is read from the table in batches that serve many at once (at
  // 200 changes a second, one delivery an event cost half the frames delivered; docs/benchmarks.md).
  std::chrono::milliseconds quiet{20};
};

class EventFeed : public std::enable_shared_from_this<EventFeed> {
 public:
  using Deliver = std::function<void(std::vector<FeedEvent>)>;

  // `deliver` runs on `executor`, one batch at a time, in sequence order.
  EventFeed(boost::asio::any_io_executor executor, std::string database_url, Deliver deliver,
            FeedSettings settings = {});
  ~EventFeed();

  // Starts after event `after_seq` (0: from the beginning).
  void start(std::int64_t after_seq);
  void stop();
  // Events this node's sequencer has just numbered and committed, in sequence order, from any thread: when
  // they follow on from the last event delivered and the feed is quiet (`FeedSettings::quiet`), they are
  // delivered now, without waiting for the doorbell and reading them back; otherwise they are ignored and
  // read from the table as usual. Either way each event is delivered once, in order.
  void offer(std::vector<FeedEvent> events);

 private:
  void connect();
  void arm();
  void read();
  void lost();
  void close_connection();

  boost::asio::strand<boost::asio::any_io_executor> strand_;
  boost::asio::thread_pool queries_{1};
  std::string url_;
  Deliver deliver_;
  FeedSettings settings_;
  pg_conn* conn_ = nullptr;
  std::unique_ptr<boost::asio::posix::stream_descriptor> socket_;
  boost::asio::steady_timer timer_;
  std::int64_t last_seq_ = 0;
  std::chrono::steady_clock::time_point last_delivery_{};
  bool stopped_ = false;
  bool reading_ = false;
};

}  // namespace rudi::live
