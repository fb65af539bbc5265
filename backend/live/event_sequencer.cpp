#include "live/event_sequencer.hpp"

#include <algorithm>

#include "log/log.hpp"
#include "store/sequencer.hpp"

namespace rudi::live {

EventSequencer::EventSequencer(store::Database& database, SequencerSettings settings)
    : database_(database), settings_(settings) {}

EventSequencer::~EventSequencer() {
  stop();
}

void EventSequencer::start() {
  thread_ = std::thread([this] { loop(); });
}

void EventSequencer::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void EventSequencer::wake() {
  {
    std::lock_guard lock(mutex_);
    rung_ = true;
  }
  wake_.notify_one();
}

bool EventSequencer::wait(std::chrono::milliseconds pause) {
  std::unique_lock lock(mutex_);
  wake_.wait_for(lock, pause, [this] { return stopping_ || rung_; });
  rung_ = false;
  return !stopping_;
}

void EventSequencer::loop() {
  using std::chrono::milliseconds;
  std::optional<bool> by_commit_time;
  milliseconds idle{1};
  bool failing = false;
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    if (!by_commit_time) {
      auto known = database_.run_here<bool>(
          [](soci::session& sql) -> Result<bool> { return store::commit_times_known(sql); });
      if (known) by_commit_time = *known;
    }
    auto pass =
        database_.run_here<store::SequencerPass>([&](soci::session& sql) -> Result<store::SequencerPass> {
          return store::sequence_committed(sql, settings_.batch, by_commit_time.value_or(false));
        });
    if (!pass) {
      // The database is away: say so once, and try again at the slowest pace until it is back.
      if (!failing) log::warn("sequencer paused", {{"reason", pass.error().detail}});
      failing = true;
      if (!wait(settings_.max_idle * 10)) return;
      continue;
    }
    if (failing) log::info("sequencer resumed", {});
    failing = false;
    events_numbered_ += pass->events;
    if (pass->ran && (pass->events >= settings_.batch || pass->audit_rows >= settings_.batch)) continue;
    if (pass->ran && (pass->events > 0 || pass->audit_rows > 0)) {
      // Busy, not flooded: let a few more commits gather, so that a pass (and its commit) serves several.
      idle = milliseconds{1};
      if (!wait(settings_.gather)) return;
      continue;
    }
    if (!wait(idle)) return;
    idle = std::min(idle * 2, settings_.max_idle);
  }
}

}  // namespace rudi::live
