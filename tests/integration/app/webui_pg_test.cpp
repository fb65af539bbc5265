// The web UI end to end: webui/e2e/board.e2e.mjs drives Debian's Chromium (playwright-core) against this
// real server and database, and asks this test to act on the server side (a move through the API, a
// server restart) at the moments it needs them. Screenshots are left in webui/test-results/.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/seeded_server.hpp"

namespace rudi {
namespace {
using namespace std::chrono_literals;

TEST(WebUi, BoardsUpdateLiveAndTheIndicatorFollowsTheConnection) {
  if (!test::database_available()) GTEST_FAIL() << "no test database: run the tests through ./ops/test";
  const std::string ui = std::string(RUDI_SOURCE_DIR) + "/webui";
  ASSERT_TRUE(std::filesystem::exists(ui + "/dist/index.html"))
      << "the web UI is not built (ops/test builds it)";
  ASSERT_TRUE(std::filesystem::exists("/usr/bin/chromium")) << "Chromium is missing (ops/setup --browser)";

  test::SeededServer server;
  auto embassy = server.signed_in("embassy.one");
  auto cohort = embassy.post("/api/v1/cohorts", {{"name", "Myawaddy release, second group"},
                                                 {"released_on", "2025-02-19"},
                                                 {"country", "MM"},
                                                 {"mission_id", server.bangkok}});
  ASSERT_EQ(cohort.status, 201u) << cohort.body;
  auto person = embassy.post("/api/v1/people", {{"cohort_id", cohort.json()["id"]},
                                                {"given_name", "Wanjiku"},
                                                {"family_name", "Mwangi"},
                                                {"estimated_age", 23},
                                                {"stage", "located"}});
  ASSERT_EQ(person.status, 201u) << person.body;
  const std::string person_id = std::to_string(person.json()["id"].get<std::int64_t>());
  auto ministry = server.signed_in("ministry.one");

  test::ChildProcess browser({"/usr/bin/node", ui + "/e2e/board.e2e.mjs"},
                             {{"RUDI_E2E_URL", "http://127.0.0.1:" + std::to_string(server.port()) + "/"},
                              {"RUDI_E2E_AUDITOR", "auditor.one"},
                              {"RUDI_E2E_NEW_PROSECUTOR", "prosecutor.two"},
                              {"RUDI_E2E_PASSWORD", test::kTestPassword},
                              {"RUDI_E2E_MINISTRY_COOKIE", ministry.session_cookie()},
                              {"RUDI_E2E_COHORT_NAME", "Myawaddy release, second group"},
                              {"RUDI_E2E_PERSON", person_id}});
  auto asked = [&](const std::string& what) {
    return browser.wait_for_line([&](const std::string& line) { return line == "ask: " + what; }, 60s)
        .has_value();
  };
  ASSERT_TRUE(asked("move")) << browser.output();
  ASSERT_EQ(embassy.post("/api/v1/people/" + person_id + "/transitions", {{"to", "verified"}}).status, 201u);
  browser.write_line("done");
  ASSERT_TRUE(asked("stop-server")) << browser.output();
  server.stop();
  browser.write_line("done");
  ASSERT_TRUE(asked("start-server")) << browser.output();
  server.start_again();
  browser.write_line("done");
  EXPECT_EQ(browser.wait_exit(60s), 0) << browser.output();
}

}  // namespace
}  // namespace rudi
