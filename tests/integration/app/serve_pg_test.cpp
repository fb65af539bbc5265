// `rudi serve` as a real process against the real database: it refuses a schema that is behind, reports
// readiness, logs one line per request without personal data, and shuts down gracefully.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <signal.h>

#include <future>
#include <memory>

#include "support/child_process.hpp"
#include "support/http_client.hpp"
#include "support/scratch_database.hpp"

namespace rudi {
namespace {
using namespace std::chrono_literals;
using test::http_request;
using test::ScratchDatabase;

class ServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!test::database_available()) GTEST_FAIL() << "no test database: run the tests through ./ops/test";
  }
};

TEST_F(ServeTest, RefusesToStartWhenMigrationsAreBehindAndSaysWhatToRun) {
  ScratchDatabase db(false);
  auto serve = test::start_serve(db.app_url());
  EXPECT_EQ(serve.port, 0) << "the server started on an unmigrated database";
  EXPECT_EQ(serve.process->wait_exit(60s), 1);
  EXPECT_NE(serve.process->output().find("run `rudi migrate`"), std::string::npos) << serve.process->output();
}

TEST_F(ServeTest, RefusesToStartWhenTheDatabaseIsUnreachable) {
  auto serve = test::start_serve("postgresql://rudi_app:wrong@127.0.0.1:1/rudi");
  EXPECT_EQ(serve.port, 0);
  EXPECT_EQ(serve.process->wait_exit(60s), 1);
  EXPECT_NE(serve.process->output().find("cannot open the database"), std::string::npos);
}

TEST_F(ServeTest, IsReadyOnAMigratedDatabase) {
  ScratchDatabase db;
  auto serve = test::start_serve(db.app_url());
  ASSERT_NE(serve.port, 0) << serve.process->output();
  EXPECT_EQ(http_request(serve.port, "GET", "/healthz").status, 200u);
  auto ready = http_request(serve.port, "GET", "/readyz");
  EXPECT_EQ(ready.status, 200u) << ready.body;
  EXPECT_EQ(ready.json()["status"], "ready");
}

TEST_F(ServeTest, LogsOneJsonLinePerRequestWithTheRoutePatternAndNoQuery) {
  ScratchDatabase db;
  auto serve = test::start_serve(db.app_url());
  ASSERT_NE(serve.port, 0) << serve.process->output();
  auto reply = http_request(serve.port, "GET", "/healthz?given_name=Zawadi");
  http_request(serve.port, "GET", "/api/v1/nowhere/Zawadi-Achieng");
  const std::string id = reply.header("x-request-id");
  auto line = serve.process->wait_for_log("request", 10s,
                                          [&](const nlohmann::json& j) { return j["request_id"] == id; });
  ASSERT_TRUE(line) << serve.process->output();
  EXPECT_EQ((*line)["method"], "GET");
  EXPECT_EQ((*line)["route"], "/healthz");
  EXPECT_EQ((*line)["status"], 200);
  EXPECT_TRUE((*line)["duration_ms"].is_number());
  EXPECT_TRUE((*line)["time"].is_string());
  ASSERT_TRUE(serve.process->wait_for_log("request", 10s,
                                          [](const nlohmann::json& j) { return j["status"] == 404; }));
  EXPECT_EQ(serve.process->output().find("Zawadi"), std::string::npos) << "personal data reached the log";
}

TEST_F(ServeTest, MetricsReportTheDatabasePool) {
  ScratchDatabase db;
  auto serve = test::start_serve(db.app_url(), {"--db-pool-size", "3"});
  ASSERT_NE(serve.port, 0) << serve.process->output();
  http_request(serve.port, "GET", "/readyz");
  auto metrics = http_request(serve.port, "GET", "/metrics");
  EXPECT_EQ(metrics.status, 200u);
  EXPECT_NE(metrics.body.find("rudi_db_pool_size 3"), std::string::npos) << metrics.body;
  EXPECT_NE(metrics.body.find("rudi_db_pool_in_use"), std::string::npos);
  EXPECT_NE(metrics.body.find("rudi_db_pool_waiting"), std::string::npos);
  EXPECT_NE(metrics.body.find(R"(route="/readyz",status="200")"), std::string::npos);
}

// A request held in the database (behind a lock the test owns) is in flight when SIGTERM arrives: the
// server stops accepting, waits for it, answers it, and exits 0.
TEST_F(ServeTest, GracefulShutdownCompletesARequestInFlight) {
  ScratchDatabase db;
  auto serve = test::start_serve(db.app_url());
  ASSERT_NE(serve.port, 0) << serve.process->output();

  std::unique_ptr<PGconn, decltype(&PQfinish)> locker(PQconnectdb(db.owner_url().c_str()), &PQfinish);
  ASSERT_EQ(PQstatus(locker.get()), CONNECTION_OK);
  PQclear(PQexec(locker.get(), "BEGIN"));
  PQclear(PQexec(locker.get(), "LOCK TABLE schema_migrations IN ACCESS EXCLUSIVE MODE"));

  auto slow =
      std::async(std::launch::async, [&] { return http_request(serve.port, "GET", "/readyz", "", {}, 60s); });
  // Wait until the server's query is blocked on the lock: then the request is surely in flight.
  // (pg_locks, not pg_stat_activity: only the latter hides other roles' sessions.)
  const std::string blocked =
      "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'schema_migrations'::regclass";
  bool waiting = false;
  for (int i = 0; i < 600 && !waiting; ++i) {
    waiting = test::query(db.owner_url(), blocked) != "0";
    if (!waiting) std::this_thread::sleep_for(50ms);  // a bounded poll of the database's own state
  }
  ASSERT_TRUE(waiting) << "the request never reached the database";

  serve.process->send_signal(SIGTERM);
  ASSERT_TRUE(serve.process->wait_for_log("shutting down", 10s)) << serve.process->output();
  EXPECT_THROW(http_request(serve.port, "GET", "/healthz", "", {}, 5s), std::exception) << "still accepting";

  PQclear(PQexec(locker.get(), "COMMIT"));
  auto reply = slow.get();
  EXPECT_EQ(reply.status, 200u) << reply.body;
  EXPECT_EQ(serve.process->wait_exit(30s), 0) << serve.process->output();
  EXPECT_TRUE(serve.process->wait_for_log("stopped", 1s));
}

}  // namespace
}  // namespace rudi
