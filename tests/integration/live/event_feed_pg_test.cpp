// The node's event feed against the real database and a running sequencer: every numbered event once, in
// sequence order, while writers commit concurrently; a start after a given number; and a lost connection
// that the feed re-opens by itself without missing or repeating an event; and the events the node's own
// sequencer hands over (without the doorbell), each still delivered once and in order.
#include "live/event_feed.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <condition_variable>
#include <mutex>
#include <numeric>
#include <thread>

#include "live/event_sequencer.hpp"
#include "store/event_log.hpp"
#include "support/scratch_database.hpp"

namespace rudi {
namespace {
using namespace std::chrono_literals;

// Sequence numbers delivered by a feed, and a wait for a count of them.
class Collector {
 public:
  void add(const std::vector<live::FeedEvent>& batch) {
    std::lock_guard lock(mutex_);
    for (const auto& e : batch) seqs_.push_back(e.seq);
    changed_.notify_all();
  }
  std::vector<std::int64_t> wait_for(std::size_t count, std::chrono::seconds timeout = 60s) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, timeout, [&] { return seqs_.size() >= count; });
    return seqs_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::int64_t> seqs_;
};

class EventFeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!test::database_available()) GTEST_FAIL() << "no test database: run the tests through ./ops/test";
    db_ = std::make_unique<test::ScratchDatabase>();
    auto sequencer_db = store::Database::open({db_->app_url(), 1});
    auto writers_db = store::Database::open({db_->app_url(), 4});
    ASSERT_TRUE(sequencer_db && writers_db);
    sequencer_db_ = std::move(sequencer_db.value());
    writers_db_ = std::move(writers_db.value());
    sequencer_ = std::make_unique<live::EventSequencer>(*sequencer_db_, live::SequencerSettings{});
    sequencer_->start();
    runner_ = std::thread([this] { io_.run(); });
  }

  void TearDown() override {
    if (sequencer_) sequencer_->stop();  // no more hand-overs
    for (auto& feed : feeds_) feed->stop();
    guard_.reset();
    if (runner_.joinable()) runner_.join();  // the feeds' last handlers have run
    // A connection that completes after the stop posts one more handler: run it, so that no feed outlives
    // the io_context inside a handler (bounded: 5 s).
    const auto held = [this] {
      return std::any_of(feeds_.begin(), feeds_.end(), [](const auto& f) { return f.use_count() > 1; });
    };
    auto work = boost::asio::make_work_guard(io_);  // run_for waits for a handler, not returns at once
    for (int i = 0; i < 500 && held(); ++i) {
      io_.restart();
      io_.run_for(10ms);
    }
    feeds_.clear();
  }

  std::shared_ptr<live::EventFeed> feed(Collector& into, std::int64_t after,
                                        live::FeedSettings settings = {}) {
    auto f = std::make_shared<live::EventFeed>(
        io_.get_executor(), db_->app_url(), [&into](std::vector<live::FeedEvent> batch) { into.add(batch); },
        settings);
    f->start(after);
    feeds_.push_back(f);
    return f;
  }

  // `writers` threads each commit `each` events, one per transaction.
  void write(int writers, int each) {
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w) {
      threads.emplace_back([this, each] {
        for (int i = 0; i < each; ++i) {
          auto done = writers_db_->run_here<Unit>([](soci::session& sql) -> Result<Unit> {
            soci::transaction tx(sql);
            store::NewEvent e;
            e.type = "test.event";
            e.topics = {"nation"};
            store::append_event(sql, e);
            tx.commit();
            return Unit{};
          });
          EXPECT_TRUE(done);
        }
      });
    }
    for (auto& t : threads) t.join();
  }

  static std::vector<std::int64_t> from_to(std::int64_t first, std::int64_t last) {
    std::vector<std::int64_t> out(static_cast<std::size_t>(last - first + 1));
    std::iota(out.begin(), out.end(), first);
    return out;
  }

  std::unique_ptr<test::ScratchDatabase> db_;
  std::unique_ptr<store::Database> sequencer_db_, writers_db_;
  std::unique_ptr<live::EventSequencer> sequencer_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_{io_.get_executor()};
  std::thread runner_;
  std::vector<std::shared_ptr<live::EventFeed>> feeds_;
};

TEST_F(EventFeedTest, DeliversEveryNumberedEventOnceInOrderWhileWritersCommit) {
  Collector all;
  feed(all, 0);
  write(4, 250);
  EXPECT_EQ(all.wait_for(1000), from_to(1, 1000));

  Collector later;
  feed(later, 600);
  EXPECT_EQ(later.wait_for(400), from_to(601, 1000)) << "a feed started after 600 begins at 601";
}

TEST_F(EventFeedTest, ALostConnectionIsReopenedAndNothingIsMissedOrRepeated) {
  Collector all;
  feed(all, 0);
  write(2, 50);
  ASSERT_EQ(all.wait_for(100).size(), 100u);
  // The application's role may end its own sessions: end the feed's, as a failover or a restart would.
  const auto ended = test::query(db_->app_url(),
                                 "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                 "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                                 "AND query LIKE '%FROM events WHERE seq >%'");
  EXPECT_EQ(ended, "1");
  write(2, 50);
  EXPECT_EQ(all.wait_for(200), from_to(1, 200));
}

TEST_F(EventFeedTest, WhatTheSequencerHandsOverIsDeliveredOnceWhetherHandedOverOrRead) {
  Collector offered, read_only;
  auto fed = feed(offered, 0);
  feed(read_only, 0);
  sequencer_->on_numbered(
      [weak = std::weak_ptr<live::EventFeed>(fed)](std::vector<store::EventRecord> events) {
        if (auto f = weak.lock()) f->offer(std::move(events));
      });
  write(4, 250);
  EXPECT_EQ(offered.wait_for(1000), from_to(1, 1000)) << "handed over and read back, each once";
  EXPECT_EQ(read_only.wait_for(1000), from_to(1, 1000));
}

TEST_F(EventFeedTest, AHandOverThatDoesNotFollowOnIsIgnored) {
  Collector into;
  live::FeedSettings eager;
  eager.quiet = 0ms;  // every hand-over that follows on is taken
  auto f = feed(into, 1000, eager);
  const auto event = [](std::int64_t seq) {
    store::EventRecord e;
    e.seq = seq;
    e.type = "test.event";
    return e;
  };
  f->offer({event(1002)});  // 1001 missing: left to the table
  f->offer({event(1001)});
  f->offer({event(1001)});  // had it already
  f->offer({event(1002), event(1003)});
  EXPECT_EQ(into.wait_for(3), from_to(1001, 1003));
}

}  // namespace
}  // namespace rudi
