// The web UI end to end: the scripts in webui/e2e/ drive Debian's Chromium (playwright-core) against this
// real server and database, and ask this test to act on the server side (a move through the API, an edit
// behind the user's back, a consent withdrawn, a server restart) at the moments they need them.
// Screenshots of each screen are left in webui/test-results/.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <map>

#include "support/records.hpp"
#include "support/server_test.hpp"

namespace rudi {
namespace {
using namespace std::chrono_literals;
using test::ApiClient;
using test::make_cohort;
using test::make_person;

const std::string kBangkokCohort = "Myawaddy release, second group";
const std::string kPretoriaCohort = "Johannesburg referral, March";

class WebUi : public test::ServerTest {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(ui_ + "/dist/index.html"))
        << "the web UI is not built (ops/test builds it)";
    ASSERT_TRUE(std::filesystem::exists("/usr/bin/chromium")) << "Chromium is missing (ops/setup --browser)";
    ASSERT_NO_FATAL_FAILURE(start_server());
    embassy_ = std::make_unique<ApiClient>(server_->signed_in("embassy.one"));
    ministry_ = std::make_unique<ApiClient>(server_->signed_in("ministry.one"));
    bangkok_cohort_ = make_cohort(*embassy_, {{"name", kBangkokCohort}, {"released_on", "2025-02-19"}});
    person_ = make_person(*embassy_, bangkok_cohort_,
                          {{"given_name", "Wanjiku"}, {"family_name", "Mwangi"}, {"estimated_age", 23}});
  }

  void consent(std::int64_t who, const std::string& status) {
    auto reply = ministry_->post("/api/v1/people/" + std::to_string(who) + "/consents",
                                 {{"purpose", "prosecution"}, {"status", status}, {"method", "written"}});
    ASSERT_EQ(reply.status, 201u) << reply.body;
  }

  // Runs a script, answering its requests with `act`; the script's exit status is the verdict.
  void run(const std::string& script, std::map<std::string, std::string> env,
           const std::map<std::string, std::function<void()>>& act) {
    env["RUDI_E2E_URL"] = "http://127.0.0.1:" + std::to_string(server_->port()) + "/";
    env["RUDI_E2E_PASSWORD"] = test::kTestPassword;
    env["RUDI_E2E_COHORT_NAME"] = kBangkokCohort;
    env["RUDI_E2E_PERSON"] = std::to_string(person_);
    env["RUDI_E2E_MINISTRY_COOKIE"] = ministry_->session_cookie();
    env["RUDI_E2E_EMBASSY_COOKIE"] = embassy_->session_cookie();
    test::ChildProcess browser({"/usr/bin/node", ui_ + "/e2e/" + script}, env);
    // The script's output is read from its start on every wait: the n-th request is the n-th "ask:" line.
    for (std::size_t handled = 0;; ++handled) {
      std::size_t index = 0;
      auto asked = browser.wait_for_line(
          [&](const std::string& l) { return l.rfind("ask: ", 0) == 0 && index++ == handled; }, 90s);
      if (!asked) break;  // the script finished (or hung: its exit status says)
      const std::string request = asked->substr(5);
      auto what = act.find(request);
      ASSERT_NE(what, act.end()) << "the script asked for " << request << "\n" << browser.output();
      what->second();
      browser.write_line("done");
    }
    EXPECT_EQ(browser.wait_exit(60s), 0) << browser.output();
  }

  const std::string ui_ = std::string(RUDI_SOURCE_DIR) + "/webui";
  std::unique_ptr<ApiClient> embassy_, ministry_;
  std::int64_t bangkok_cohort_ = 0, person_ = 0;
};

TEST_F(WebUi, BoardsUpdateLiveFormsShowErrorsAtTheirFieldsAndTheIndicatorFollowsTheConnection) {
  const std::string id = std::to_string(person_);
  run("board.e2e.mjs",
      {{"RUDI_E2E_AUDITOR", "auditor.one"},
       {"RUDI_E2E_NEW_PROSECUTOR", "prosecutor.two"},
       {"RUDI_E2E_CHANGED_FAMILY_NAME", "Mwangi-Kariuki"}},
      {{"move",
        [&] {
          ASSERT_EQ(embassy_->post("/api/v1/people/" + id + "/transitions", {{"to", "verified"}}).status,
                    201u);
        }},
       {"edit-behind",
        [&] {
          const auto version = ministry_->get("/api/v1/people/" + id).json()["version"].get<std::int64_t>();
          auto reply = ministry_->send("PATCH", "/api/v1/people/" + id,
                                       nlohmann::json{{"family_name", "Mwangi-Kariuki"}},
                                       {{"If-Match", "\"" + std::to_string(version) + "\""}});
          ASSERT_EQ(reply.status, 200u) << reply.body;
        }},
       {"stop-server", [&] { server_->stop(); }},
       {"start-server", [&] { server_->start_again(); }},
       {"fill-column", [&] {
          for (char c = 'a'; c < 'a' + 25; ++c) {
            auto reply = embassy_->post("/api/v1/people?allow_similar=true",
                                        {{"cohort_id", bangkok_cohort_},
                                         {"given_name", "Tamsa"},
                                         {"family_name", std::string("Kelvor") + c},
                                         {"stage", "located"}});
            ASSERT_EQ(reply.status, 201u) << reply.body;
          }
        }}});
}

TEST_F(WebUi, EachRoleSeesOnlyItsScopeAndAWithdrawnVictimLeavesTheOpenCasePage) {
  ApiClient pretoria = server_->signed_in("embassy.two");
  const auto other_cohort = make_cohort(pretoria, {{"name", kPretoriaCohort}, {"released_on", "2025-02-19"}});
  const auto other =
      make_person(pretoria, other_cohort, {{"given_name", "Zawadi"}, {"family_name", "Kamau"}});
  const auto minor = make_person(*embassy_, bangkok_cohort_,
                                 {{"given_name", "Akinyi"},
                                  {"family_name", "Barasa"},
                                  {"estimated_age", 16},
                                  {"vulnerabilities", {"minor", "medical_need"}}});
  const auto victim =
      make_person(*embassy_, bangkok_cohort_,
                  {{"given_name", "Baraka"}, {"family_name", "Njoroge"}, {"estimated_age", 29}});
  const auto unconsenting =
      make_person(*embassy_, bangkok_cohort_,
                  {{"given_name", "Halima"}, {"family_name", "Chebet"}, {"estimated_age", 31}});
  consent(victim, "granted");

  ApiClient prosecutor = server_->signed_in("prosecutor.one");
  auto file = prosecutor.post("/api/v1/cases", {{"file_number", "ODPP/CTIP/2025/301"},
                                                {"title", "Republic v. an invented recruitment agency"},
                                                {"court", "Milimani Law Courts"},
                                                {"charges", {"3(1)"}}});
  ASSERT_EQ(file.status, 201u) << file.body;
  const std::string case_path = "/api/v1/cases/" + std::to_string(file.json()["id"].get<std::int64_t>());
  ASSERT_EQ(prosecutor.post(case_path + "/victims", {{"person_id", victim}, {"role", "complainant"}}).status,
            201u);
  auto suspect = prosecutor.post(case_path + "/suspects", {{"name", "Boss Tembo"},
                                                           {"phones", {"+254700000202"}},
                                                           {"roles", {"RecruiterOrIntermediary"}},
                                                           {"named_by", {victim}}});
  ASSERT_EQ(suspect.status, 201u) << suspect.body;
  ApiClient admin = server_->signed_in("admin.one");

  run("scopes.e2e.mjs",
      {{"RUDI_E2E_OTHER_COHORT_NAME", kPretoriaCohort},
       {"RUDI_E2E_OTHER_PERSON", std::to_string(other)},
       {"RUDI_E2E_OTHER_PERSON_NAME", "Zawadi Kamau"},
       {"RUDI_E2E_MINOR", std::to_string(minor)},
       {"RUDI_E2E_PROSECUTOR_COOKIE", prosecutor.session_cookie()},
       {"RUDI_E2E_ADMIN_COOKIE", admin.session_cookie()},
       {"RUDI_E2E_CASE_FILE", "ODPP/CTIP/2025/301"},
       {"RUDI_E2E_VICTIM", std::to_string(victim)},
       {"RUDI_E2E_UNCONSENTING", std::to_string(unconsenting)},
       {"RUDI_E2E_UNCONSENTING_NAME", "Halima Chebet"}},
      {{"withdraw", [&] { consent(victim, "withdrawn"); }}});
}

}  // namespace
}  // namespace rudi
