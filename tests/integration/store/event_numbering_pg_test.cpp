// The numbering of committed events (schema/011_number_events_in_one_call.sql) against the real database:
// in commit-timestamp order and in insertion order alike, gap-free after the head; nothing numbered while
// another pass holds the head's lock; only committed events numbered.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "store/database.hpp"
#include "store/event_log.hpp"
#include "support/scratch_database.hpp"

namespace rudi {
namespace {

std::int64_t append(soci::session& sql, const std::string& type) {
  store::NewEvent e;
  e.type = type;
  e.topics = {"nation"};
  return store::append_event(sql, e);
}

class EventNumberingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!test::database_available()) GTEST_FAIL() << "no test database: run the tests through ./ops/test";
    db_ = std::make_unique<test::ScratchDatabase>();
    auto database = store::Database::open({db_->app_url(), 2});
    ASSERT_TRUE(database);
    database_ = std::move(database.value());
  }
  // Runs `work` on a session of its own; the two sessions of the pool are independent connections.
  template <class T>
  T on_session(const std::function<T(soci::session&)>& work) {
    auto result = database_->run_here<T>([&](soci::session& sql) -> Result<T> { return work(sql); });
    EXPECT_TRUE(result);
    return result ? std::move(result.value()) : T{};
  }
  std::int64_t head() { return std::stoll(db_->owner_query("SELECT last_seq FROM events_head")); }

  std::unique_ptr<test::ScratchDatabase> db_;
  std::unique_ptr<store::Database> database_;
};

TEST_F(EventNumberingTest, NumbersCommittedEventsAfterTheHeadInOrderWithOrWithoutCommitTimes) {
  const auto start = head();
  for (const bool by_commit_time : {true, false}) {
    const auto before = head();
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 3; ++i)
      ids.push_back(on_session<std::int64_t>([&](soci::session& sql) { return append(sql, "test.event"); }));
    const auto numbered = on_session<std::vector<store::EventRecord>>(
        [&](soci::session& sql) { return store::number_committed_events(sql, 10, by_commit_time); });
    ASSERT_EQ(numbered.size(), 3u) << (by_commit_time ? "by commit time" : "by insertion");
    for (std::size_t i = 0; i < numbered.size(); ++i) {
      EXPECT_EQ(numbered[i].seq, before + 1 + static_cast<std::int64_t>(i));
      EXPECT_FALSE(numbered[i].committed_at.empty());
    }
    EXPECT_EQ(head(), before + 3);
    // In the order they committed (here, one after another: insertion order too).
    for (std::size_t i = 0; i < ids.size(); ++i)
      EXPECT_EQ(db_->owner_query("SELECT seq FROM events WHERE id = " + std::to_string(ids[i])),
                std::to_string(before + 1 + static_cast<std::int64_t>(i)));
  }
  EXPECT_EQ(head(), start + 6);
}

TEST_F(EventNumberingTest, NumbersNothingWhileAnotherPassHoldsTheHeadNorWhatIsNotCommitted) {
  using Events = std::vector<store::EventRecord>;
  auto number = [this] {
    return on_session<Events>(
        [](soci::session& sql) { return store::number_committed_events(sql, 10, true); });
  };
  on_session<std::int64_t>([](soci::session& sql) { return append(sql, "test.event"); });
  const auto before = head();
  // Another pass holds the head's lock (in an open transaction on the pool's other session).
  const auto while_held = on_session<Events>([&](soci::session& holder) {
    soci::transaction held(holder);
    holder << "SELECT 1 FROM events_head FOR UPDATE";
    auto numbered = number();
    held.rollback();
    return numbered;
  });
  EXPECT_TRUE(while_held.empty()) << "a second pass waits its turn, it does not number beside the first";
  EXPECT_EQ(head(), before);

  // An event appended in a transaction still open is left for a later pass.
  const auto beside_open = on_session<Events>([&](soci::session& writer) {
    soci::transaction open(writer);
    append(writer, "test.uncommitted");
    auto numbered = number();
    open.commit();
    return numbered;
  });
  ASSERT_EQ(beside_open.size(), 1u);
  EXPECT_EQ(beside_open[0].type, "test.event");
  EXPECT_EQ(beside_open[0].seq, before + 1);
  const auto later = number();
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].type, "test.uncommitted");
  EXPECT_EQ(later[0].seq, before + 2);
}

}  // namespace
}  // namespace rudi
