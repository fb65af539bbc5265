// The database restarted under an open live websocket: the node's listener reconnects by itself and the
// subscriber misses nothing. This stops and starts the test cluster, so it runs alone (RUN_SERIAL).
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>

#include "support/live_client.hpp"
#include "support/seeded_server.hpp"

namespace rudi {
namespace {
using namespace std::chrono_literals;

TEST(LiveRestart, TheListenerReconnectsAfterADatabaseRestartAndTheSubscriberMissesNothing) {
  if (!test::database_available() || std::getenv("RUDI_TEST_DB_CONTROL") == nullptr) {
    GTEST_SKIP() << "needs the private test cluster that ./ops/test starts";
  }
  test::SeededServer server({"--live-heartbeat-ms", "600000"});
  auto ministry = server.signed_in("ministry.one");
  test::LiveClient live(server.port(), {{"Cookie", "__Host-rudi_session=" + ministry.session_cookie()},
                                        {"Origin", "http://127.0.0.1:" + std::to_string(server.port())}});
  ASSERT_TRUE(live.connected());
  ASSERT_TRUE(live.subscribe({"nation"}));
  auto change = [&](const std::string& given) {
    unsigned status = 0;
    // The pool finds its lost connections on use: a few attempts after the restart.
    for (int attempt = 0; attempt < 20 && status != 201u; ++attempt) {
      status = ministry
                   .post("/api/v1/people", {{"given_name", given},
                                            {"family_name", "Otieno"},
                                            {"estimated_age", 30},
                                            {"stage", "located"},
                                            {"mission_id", server.bangkok}})
                   .status;
    }
    return status;
  };
  ASSERT_EQ(change("Before"), 201u);
  auto first = live.next_op("event", 20s);
  ASSERT_TRUE(first);
  ASSERT_EQ(test::control_database("stop"), 0);
  ASSERT_EQ(test::control_database("start"), 0);
  ASSERT_EQ(change("After"), 201u);
  ASSERT_EQ(change("Later"), 201u);
  auto second = live.next_op("event", 30s);
  auto third = live.next_op("event", 30s);
  if (!second || !third) {
    server.print_log();
    std::cerr << "unnumbered: " << server.db().owner_query("SELECT count(*) FROM events WHERE seq IS NULL")
              << " head: " << server.db().owner_query("SELECT last_seq FROM events_head") << "\n"
              << test::http_request(server.port(), "GET", "/metrics").body.substr(0, 3000) << "\n";
  }
  ASSERT_TRUE(second && third) << "the feed did not come back";
  EXPECT_EQ((*second)["seq"].get<std::int64_t>(), (*first)["seq"].get<std::int64_t>() + 1);
  EXPECT_EQ((*third)["seq"].get<std::int64_t>(), (*first)["seq"].get<std::int64_t>() + 2);
}

}  // namespace
}  // namespace rudi
