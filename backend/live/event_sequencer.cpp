#include "live/event_sequencer.hpp"

#include <algorithm>
#include <string>

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

void EventSequencer::on_numbered(std::function<void(std::vector<store::EventRecord>)> handler) {
  std::lock_guard lock(mutex_);
  numbered_ = std::move(handler);
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
    const bool ordered = by_commit_time.value_or(false);
    auto events = database_.run_here<store::EventsPass>([&](soci::session& sql) -> Result<store::EventsPass> {
      return store::number_events_pass(sql, settings_.batch, ordered);
    });
    int numbered = 0;
    if (events && !events->numbered.empty()) {
      numbered = static_cast<int>(events->numbered.size());
      events_numbered_ += numbered;
      // Handed over before the audit rows are chained: the live path does not wait for them.
      std::function<void(std::vector<store::EventRecord>)> handler;
      {
        std::lock_guard lock(mutex_);
        handler = numbered_;
      }
      if (handler) handler(std::move(events->numbered));
    }
    auto audit = database_.run_here<store::AuditPass>([&](soci::session& sql) -> Result<store::AuditPass> {
      return store::chain_audit_pass(sql, settings_.batch, ordered);
    });
    if (!events || !audit) {
      // The database is away: say so once, and try again at the slowest pace until it is back.
      const std::string reason = !events ? events.error().detail : audit.error().detail;
      if (!failing) log::warn("sequencer paused", {{"reason", reason}});
      failing = true;
      if (!wait(settings_.max_idle * 10)) return;
      continue;
    }
    if (failing) log::info("sequencer resumed", {});
    failing = false;
    const bool ran = numbered > 0 || audit->ran;
    if (ran && (numbered >= settings_.batch || audit->rows >= settings_.batch)) continue;
    if (ran && (numbered > 0 || audit->rows > 0)) {
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
