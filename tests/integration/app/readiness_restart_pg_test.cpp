// /readyz follows the database: 503 while PostgreSQL is down, 200 again once it is back, and the server
// stays up throughout. This stops and starts the test cluster, so it runs alone (RUN_SERIAL).
#include <gtest/gtest.h>

#include <cstdlib>

#include "support/child_process.hpp"
#include "support/http_client.hpp"
#include "support/scratch_database.hpp"

namespace rudi {
namespace {
using namespace std::chrono_literals;
using test::http_request;

TEST(ReadinessRestart, ReadyzTurns503WhileTheDatabaseIsDownAndRecoversWithoutARestart) {
  if (!test::database_available() || std::getenv("RUDI_TEST_DB_CONTROL") == nullptr) {
    GTEST_SKIP() << "needs the private test cluster that ./ops/test starts";
  }
  test::ScratchDatabase db;
  const int pool_size = 2;
  auto serve = test::start_serve(db.app_url(), {"--db-pool-size", std::to_string(pool_size)});
  ASSERT_NE(serve.port, 0) << serve.process->output();
  ASSERT_EQ(http_request(serve.port, "GET", "/readyz").status, 200u);

  ASSERT_EQ(test::control_database("stop"), 0);
  auto down = http_request(serve.port, "GET", "/readyz");
  EXPECT_EQ(down.status, 503u);
  EXPECT_EQ(down.json()["type"], "urn:rudi:problem:unavailable");
  EXPECT_EQ(http_request(serve.port, "GET", "/healthz").status, 200u) << "the process must keep answering";

  ASSERT_EQ(test::control_database("start"), 0);
  // Each pooled session finds out on its next use that its connection was lost and reconnects; within
  // one use per session, readiness is back.
  unsigned status = 0;
  for (int attempt = 0; attempt <= pool_size && status != 200u; ++attempt) {
    status = http_request(serve.port, "GET", "/readyz").status;
  }
  EXPECT_EQ(status, 200u) << serve.process->output();
  EXPECT_FALSE(serve.process->wait_exit(0ms)) << "the server exited";
}

}  // namespace
}  // namespace rudi
