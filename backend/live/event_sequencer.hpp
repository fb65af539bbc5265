// Runs the sequencer's passes (store/sequencer.hpp) in every `rudi serve` node, on a thread and a database
// session of its own: at once again while a pass fills its batch, after `gather` while work trickles in,
// and less often while the log is quiet (from 1 ms up to `max_idle`). Every node runs one; the heads' locks
// let one pass work at a time, so a node that stops or dies leaves the work to the others.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "store/database.hpp"
#include "store/event_log.hpp"

namespace rudi::live {

struct SequencerSettings {
  int batch = 1000;
  std::chrono::milliseconds max_idle{10};
  std::chrono::milliseconds gather{2};  // the pause after a pass that found some work
};

class EventSequencer {
 public:
  // `database` is the sequencer's own pool of one session.
  EventSequencer(store::Database& database, SequencerSettings settings);
  ~EventSequencer();
  EventSequencer(const EventSequencer&) = delete;
  EventSequencer& operator=(const EventSequencer&) = delete;

  void start();
  void stop();  // finishes the pass under way
  // Runs the next pass now (a writer on this node has committed events): from any thread.
  void wake();
  // Each pass's numbered events, once committed, in sequence order, on the sequencer's thread: the node
  // hands them to its own feed, which need not wait for the doorbell and read them back (the other nodes
  // do). From any thread; replaces the previous handler.
  void on_numbered(std::function<void(std::vector<store::EventRecord>)> handler);

  std::int64_t events_numbered() const { return events_numbered_.load(); }

 private:
  void loop();
  // Waits for `pause` or until stopped; false when stopped.
  bool wait(std::chrono::milliseconds pause);

  store::Database& database_;
  SequencerSettings settings_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool rung_ = false;
  std::function<void(std::vector<store::EventRecord>)> numbered_;  // guarded by mutex_
  std::atomic<std::int64_t> events_numbered_{0};
};

}  // namespace rudi::live
