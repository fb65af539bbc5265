// The prosecution's side over the real API: cases and their prosecutors, suspects and recruiters, linking
// victims only with their consent, what a prosecutor sees of a victim (and what not), the prosecution
// track, "who else named this recruiter" with counts beyond the caller's scope, and every refusal by role.
#include <gtest/gtest.h>

#include <set>

#include "support/records.hpp"
#include "support/server_test.hpp"

namespace rudi {
namespace {
using test::ApiClient;

class CasesTest : public test::ServerTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(start_server());
    embassy_ = std::make_unique<ApiClient>(server_->signed_in("embassy.one"));
    ministry_ = std::make_unique<ApiClient>(server_->signed_in("ministry.one"));
    prosecutor_ = std::make_unique<ApiClient>(server_->signed_in("prosecutor.one"));
  }

  // A person of the Bangkok mission, with their prosecution consent granted or not.
  std::int64_t make_victim(const std::string& given, bool consents) {
    const std::int64_t id = test::make_person(*embassy_, std::nullopt,
                                              {{"given_name", given},
                                               {"family_name", "Wanjiru"},
                                               {"estimated_age", 24},
                                               {"phone", "+66812345678"},
                                               {"next_of_kin_name", "A relative"},
                                               {"home_county", "Kisumu"}});
    if (consents) set_consent(id, "granted");
    return id;
  }

  void set_consent(std::int64_t person, const std::string& status) {
    auto reply = ministry_->post("/api/v1/people/" + std::to_string(person) + "/consents",
                                 {{"purpose", "prosecution"}, {"status", status}, {"method", "written"}});
    ASSERT_EQ(reply.status, 201u) << reply.body;
  }

  std::int64_t make_case(ApiClient& c, const std::string& file_number) {
    auto reply = c.post("/api/v1/cases", {{"file_number", file_number},
                                          {"title", "Republic v. an invented recruiter"},
                                          {"court", "Milimani Law Courts"},
                                          {"charges", {"3(1)"}}});
    EXPECT_EQ(reply.status, 201u) << reply.body;
    return reply.json().value("id", std::int64_t{0});
  }

  test::HttpReply link(ApiClient& c, std::int64_t case_id, std::int64_t person,
                       const char* role = "complainant") {
    return c.post("/api/v1/cases/" + std::to_string(case_id) + "/victims",
                  {{"person_id", person}, {"role", role}});
  }

  std::string count(const std::string& sql) { return server_->db().owner_query(sql); }

  std::unique_ptr<ApiClient> embassy_, ministry_, prosecutor_;
};

TEST_F(CasesTest, AProsecutorOpensACaseThatOnlyItsProsecutorsAndTheMinistrySee) {
  const auto id = make_case(*prosecutor_, "ODPP/CTIP/2025/100");
  const std::string path = "/api/v1/cases/" + std::to_string(id);
  auto read = prosecutor_->get(path);
  ASSERT_EQ(read.status, 200u) << read.body;
  EXPECT_EQ(read.json()["prosecutors"], nlohmann::json::array({server_->prosecutor}));
  EXPECT_EQ(read.json()["status"], "investigation");
  EXPECT_EQ(read.header("etag"), "\"1\"");

  EXPECT_EQ(ministry_->get(path).status, 200u) << "the ministry reads every case";
  EXPECT_EQ(
      ministry_->send("PATCH", path, nlohmann::json{{"status", "charged"}}, {{"If-Match", "\"1\""}}).status,
      403u)
      << "but does not run them";
  EXPECT_EQ(embassy_->get(path).status, 404u);
  ApiClient other = server_->signed_in("prosecutor.two");
  EXPECT_EQ(other.get(path).status, 404u) << "another prosecutor's case is hidden";
  EXPECT_EQ(other.get("/api/v1/cases").json()["items"].size(), 0u);
  EXPECT_EQ(embassy_->get("/api/v1/cases").status, 403u);
  EXPECT_EQ(embassy_->post("/api/v1/cases", {{"file_number", "X/1"}, {"title", "t"}}).status, 403u);
  EXPECT_EQ(server_->signed_in("auditor.one").get(path).status, 404u);

  // Assigning a colleague lets them in; a stale version changes nothing.
  auto assigned = prosecutor_->send(
      "PATCH", path,
      nlohmann::json{{"status", "charged"}, {"prosecutors", {server_->prosecutor, server_->prosecutor_two}}},
      {{"If-Match", "\"1\""}});
  ASSERT_EQ(assigned.status, 200u) << assigned.body;
  EXPECT_EQ(assigned.header("etag"), "\"2\"");
  EXPECT_EQ(other.get(path).status, 200u);
  EXPECT_EQ(
      prosecutor_->send("PATCH", path, nlohmann::json{{"status", "trial"}}, {{"If-Match", "\"1\""}}).status,
      412u);
  EXPECT_EQ(prosecutor_->get(path).json()["status"], "charged");
  auto not_a_prosecutor = prosecutor_->send(
      "PATCH", path, nlohmann::json{{"prosecutors", {server_->embassy}}}, {{"If-Match", "\"2\""}});
  EXPECT_EQ(not_a_prosecutor.status, 422u);
  EXPECT_EQ(not_a_prosecutor.json()["errors"][0]["pointer"], "#/prosecutors");
  EXPECT_EQ(count("SELECT count(*) FROM events WHERE type LIKE 'case.%' AND topics = ARRAY['case:" +
                  std::to_string(id) + "']"),
            "2");
}

TEST_F(CasesTest, TheCaseListPagesNewestFirstWithoutGapsOrRepeats) {
  std::vector<std::int64_t> made;
  for (int i = 0; i < 5; ++i) made.push_back(make_case(*prosecutor_, "ODPP/CTIP/2025/2" + std::to_string(i)));
  std::vector<std::int64_t> seen;
  std::string path = "/api/v1/cases?limit=2";
  for (int page = 0; page < 5; ++page) {
    auto reply = ministry_->get(path);
    ASSERT_EQ(reply.status, 200u) << reply.body;
    const auto body = reply.json();
    for (const auto& item : body["items"]) seen.push_back(item["id"]);
    if (!body.contains("next")) break;
    path = "/api/v1/cases?limit=2&before=" + body["next"]["before"].dump();
  }
  EXPECT_EQ(seen, std::vector<std::int64_t>(made.rbegin(), made.rend()));
  EXPECT_EQ(ministry_->get("/api/v1/cases?limit=0").status, 422u);
  EXPECT_EQ(ministry_->get("/api/v1/cases?colour=red").status, 422u);
}

TEST_F(CasesTest, BadCasesNameTheirFieldsAndDuplicatesConflict) {
  auto bad = prosecutor_->post(
      "/api/v1/cases", {{"file_number", ""}, {"title", "x"}, {"status", "pending"}, {"charges", {"s.3"}}});
  ASSERT_EQ(bad.status, 422u);
  std::set<std::string> pointers;
  const auto problem = bad.json();
  for (const auto& e : problem["errors"]) pointers.insert(e["pointer"].get<std::string>());
  EXPECT_EQ(pointers, (std::set<std::string>{"#/file_number", "#/status", "#/charges/0"}));
  make_case(*prosecutor_, "ODPP/CTIP/2025/101");
  EXPECT_EQ(
      prosecutor_->post("/api/v1/cases", {{"file_number", "ODPP/CTIP/2025/101"}, {"title", "again"}}).status,
      409u);
  EXPECT_EQ(count("SELECT count(*) FROM cases"), "1");
}

TEST_F(CasesTest, AVictimIsLinkedOnlyWithConsentAndThenSeenWithoutContactDetails) {
  const auto case_id = make_case(*prosecutor_, "ODPP/CTIP/2025/102");
  const auto refusing = make_victim("Amani", false);
  const auto consenting = make_victim("Zawadi", true);

  auto refused = link(*prosecutor_, case_id, refusing);
  ASSERT_EQ(refused.status, 422u) << refused.body;
  EXPECT_EQ(refused.json()["errors"][0]["pointer"], "#/person_id");
  EXPECT_NE(refused.json()["detail"].get<std::string>().find("consent"), std::string::npos);
  EXPECT_EQ(link(*prosecutor_, case_id, 999999).status, 422u) << "an unknown id answers the same";
  EXPECT_EQ(prosecutor_->get("/api/v1/people/" + std::to_string(refusing)).status, 404u);
  EXPECT_EQ(count("SELECT count(*) FROM victim_links"), "0");
  EXPECT_EQ(link(*ministry_, case_id, consenting).status, 403u) << "linking is the prosecution's";

  const std::string person_path = "/api/v1/people/" + std::to_string(consenting);
  EXPECT_EQ(prosecutor_->get(person_path).status, 404u) << "consent alone does not show a victim";
  auto linked = link(*prosecutor_, case_id, consenting);
  ASSERT_EQ(linked.status, 201u) << linked.body;
  EXPECT_EQ(link(*prosecutor_, case_id, consenting).status, 409u);

  auto seen = prosecutor_->get(person_path);
  ASSERT_EQ(seen.status, 200u) << seen.body;
  const auto person = seen.json();
  EXPECT_EQ(person["given_name"], "Zawadi");
  for (const char* hidden :
       {"phone", "next_of_kin_name", "next_of_kin_phone", "home_county", "current_location"})
    EXPECT_FALSE(person.contains(hidden)) << hidden << " is not the prosecution's to see";
  EXPECT_EQ(person["cases"][0]["case_id"], case_id);
  EXPECT_EQ(person["cases"][0]["role"], "complainant");
  EXPECT_EQ(ministry_->get(person_path).json()["phone"], "+66812345678") << "the ministry still sees it all";
  EXPECT_EQ(prosecutor_->get(person_path + "/timeline").status, 200u);
  EXPECT_EQ(prosecutor_->post(person_path + "/transitions", {{"to", "verified"}}).status, 404u)
      << "prosecutors read; the embassy and the ministry move people";
  auto listed = prosecutor_->get("/api/v1/people");
  ASSERT_EQ(listed.status, 200u);
  ASSERT_EQ(listed.json()["items"].size(), 1u);
  EXPECT_EQ(listed.json()["items"][0]["id"], consenting);
  EXPECT_EQ(server_->signed_in("prosecutor.two").get(person_path).status, 404u)
      << "a victim is seen only by the prosecutors of their cases";

  // Withdrawal takes effect at once: the victim disappears from the case and from every read.
  set_consent(consenting, "withdrawn");
  EXPECT_EQ(prosecutor_->get(person_path).status, 404u);
  EXPECT_EQ(prosecutor_->get("/api/v1/cases/" + std::to_string(case_id)).json()["victims"].size(), 0u);
  EXPECT_EQ(prosecutor_->get("/api/v1/people").json()["items"].size(), 0u);
  set_consent(consenting, "granted");
  EXPECT_EQ(prosecutor_->get(person_path).status, 200u);

  // Unlinking ends the prosecutor's view too, and keeps the link's history.
  const std::string victim =
      "/api/v1/cases/" + std::to_string(case_id) + "/victims/" + std::to_string(consenting);
  EXPECT_EQ(prosecutor_->post(victim + "/unlink", nlohmann::json::object()).status, 422u)
      << "a reason is required";
  ASSERT_EQ(prosecutor_->post(victim + "/unlink", {{"reason", "joined as a witness in another case"}}).status,
            200u);
  EXPECT_EQ(prosecutor_->get(person_path).status, 404u);
  EXPECT_EQ(prosecutor_->get(victim + "/track").status, 404u) << "the track ends with the link";
  EXPECT_EQ(count("SELECT count(*) FROM victim_links WHERE unlinked_at IS NOT NULL"), "1");
  EXPECT_EQ(count("SELECT count(*) FROM events WHERE type IN ('victim.linked', 'victim.unlinked')"), "2");
}

TEST_F(CasesTest, TheProsecutionTrackFollowsItsRules) {
  const auto case_id = make_case(*prosecutor_, "ODPP/CTIP/2025/103");
  const auto victim = make_victim("Subira", true);
  ASSERT_EQ(link(*prosecutor_, case_id, victim, "witness").status, 201u);
  const std::string track =
      "/api/v1/cases/" + std::to_string(case_id) + "/victims/" + std::to_string(victim) + "/track";
  auto first = prosecutor_->get(track);
  ASSERT_EQ(first.status, 200u);
  EXPECT_EQ(first.json()["items"][0]["step"], "linked");

  EXPECT_EQ(prosecutor_->post(track, {{"step", "testified"}, {"occurred_at", "2025-05-02T09:00:00Z"}}).status,
            201u);
  auto backwards = prosecutor_->post(track, {{"step", "witness_prepared"}});
  EXPECT_EQ(backwards.status, 422u);
  EXPECT_EQ(backwards.json()["errors"][0]["pointer"], "#/step");
  EXPECT_EQ(prosecutor_->post(track, {{"step", "statement_recorded"}}).status, 201u)
      << "the statement any time";
  auto no_outcome = prosecutor_->post(track, {{"step", "concluded"}});
  EXPECT_EQ(no_outcome.status, 422u);
  EXPECT_EQ(no_outcome.json()["errors"][0]["pointer"], "#/outcome");
  EXPECT_EQ(
      prosecutor_
          ->post(track,
                 {{"step", "concluded"}, {"occurred_at", "2999-01-01T00:00:00Z"}, {"outcome", "conviction"}})
          .status,
      422u)
      << "not in the future";
  auto done = prosecutor_->post(track, {{"step", "concluded"}, {"outcome", "conviction"}});
  ASSERT_EQ(done.status, 201u) << done.body;
  EXPECT_EQ(done.json()["items"].size(), 4u);
  EXPECT_EQ(prosecutor_->post(track, {{"step", "testified"}}).status, 422u);
  EXPECT_EQ(server_->signed_in("prosecutor.two").get(track).status, 404u);
  EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'prosecution.step'"), "3");
}

TEST_F(CasesTest, WhoElseNamedThisRecruiterShowsOnlyWhatTheCallerMaySee) {
  // Two prosecutors' cases; the same recruiter under other names, with the same phone and agency.
  const auto mine = make_case(*prosecutor_, "ODPP/CTIP/2025/104");
  ApiClient other = server_->signed_in("prosecutor.two");
  const auto theirs = make_case(other, "ODPP/CTIP/2025/105");
  const auto a = make_victim("Imani", true), b = make_victim("Tumaini", true),
             c = make_victim("Upendo", true);
  ASSERT_EQ(link(*prosecutor_, mine, a).status, 201u);
  ASSERT_EQ(link(other, theirs, b).status, 201u);
  ASSERT_EQ(link(other, theirs, c, "witness").status, 201u);

  auto named = prosecutor_->post("/api/v1/cases/" + std::to_string(mine) + "/suspects",
                                 {{"name", "Boss Tembo"},
                                  {"phones", {"+254700000202"}},
                                  {"agencies", {"Bright Future Jobs Ltd."}},
                                  {"roles", {"RecruiterOrIntermediary"}},
                                  {"named_by", {a}}});
  ASSERT_EQ(named.status, 201u) << named.body;
  EXPECT_EQ(named.json()["recruiter"], true);
  auto bad =
      prosecutor_->post("/api/v1/cases/" + std::to_string(mine) + "/suspects",
                        {{"name", "X"}, {"roles", {"Recruiter"}}, {"phones", {"0700"}}, {"named_by", {b}}});
  ASSERT_EQ(bad.status, 422u);
  std::set<std::string> pointers;
  const auto problem = bad.json();
  for (const auto& e : problem["errors"]) pointers.insert(e["pointer"].get<std::string>());
  EXPECT_EQ(pointers, (std::set<std::string>{"#/roles/0", "#/phones/0"}));
  auto not_linked = prosecutor_->post("/api/v1/cases/" + std::to_string(mine) + "/suspects",
                                      {{"name", "Someone"}, {"roles", {"Transporter"}}, {"named_by", {b}}});
  EXPECT_EQ(not_linked.status, 422u) << "only victims linked to the case name its suspects";
  ASSERT_EQ(other
                .post("/api/v1/cases/" + std::to_string(theirs) + "/suspects",
                      {{"name", "Mr. T"},
                       {"phones", {"+254700000202"}},
                       {"agencies", {"bright future jobs ltd"}},
                       {"roles", {"BrokerTravelAgent"}},
                       {"named_by", {b, c}}})
                .status,
            201u);

  const std::string path = "/api/v1/suspects/" + named.json()["id"].dump() + "/also-named";
  auto mine_view = prosecutor_->get(path);
  ASSERT_EQ(mine_view.status, 200u) << mine_view.body;
  EXPECT_EQ(mine_view.json()["matches"].size(), 0u) << "the other case is not this prosecutor's";
  EXPECT_EQ(mine_view.json()["victims"], (nlohmann::json{{"visible", 1}, {"beyond_your_scope", 2}}));
  EXPECT_EQ(mine_view.json()["cases"], (nlohmann::json{{"visible", 1}, {"beyond_your_scope", 1}}));
  EXPECT_EQ(mine_view.json().size(), 4u) << "suspect, matches and two counts: no ids beyond scope";

  auto nation = ministry_->get(path);
  ASSERT_EQ(nation.status, 200u);
  ASSERT_EQ(nation.json()["matches"].size(), 1u);
  EXPECT_EQ(nation.json()["matches"][0]["case_id"], theirs);
  EXPECT_EQ(nation.json()["matches"][0]["matched_on"], (nlohmann::json{"agency", "phone"}));
  EXPECT_EQ(nation.json()["victims"], (nlohmann::json{{"visible", 3}, {"beyond_your_scope", 0}}));
  EXPECT_EQ(embassy_->get(path).status, 404u);

  // A victim who withdraws consent disappears from the suspect's record and from the counts the prosecutor
  // sees, and cannot be named again; the naming itself stays on file.
  set_consent(a, "withdrawn");
  const std::string suspect_path = "/api/v1/suspects/" + named.json()["id"].dump();
  EXPECT_EQ(prosecutor_->get(suspect_path).json()["named_by"], nlohmann::json::array());
  auto after = prosecutor_->get(path);
  EXPECT_EQ(after.json()["victims"], (nlohmann::json{{"visible", 0}, {"beyond_your_scope", 3}}));
  EXPECT_EQ(prosecutor_
                ->post("/api/v1/cases/" + std::to_string(mine) + "/suspects",
                       {{"name", "Another"}, {"roles", {"Transporter"}}, {"named_by", {a}}})
                .status,
            422u);
  EXPECT_EQ(count("SELECT count(*) FROM suspect_namings WHERE person_id = " + std::to_string(a)), "1");
  set_consent(a, "granted");

  // Updating a suspect needs its current version.
  const std::string suspect = "/api/v1/suspects/" + named.json()["id"].dump();
  EXPECT_EQ(prosecutor_->send("PATCH", suspect, nlohmann::json{{"aliases", {"BT"}}}, {{"If-Match", "\"1\""}})
                .status,
            200u);
  EXPECT_EQ(
      prosecutor_->send("PATCH", suspect, nlohmann::json{{"aliases", {"B"}}}, {{"If-Match", "\"1\""}}).status,
      412u);
  EXPECT_EQ(prosecutor_->get(suspect).json()["aliases"], nlohmann::json{"BT"});
}

TEST_F(CasesTest, RetriedCreatesAndLinksGetTheFirstAnswerAndDoTheWorkOnce) {
  const nlohmann::json body = {{"file_number", "ODPP/CTIP/2025/106"},
                               {"title", "Republic v. a retried request"}};
  auto first = prosecutor_->send("POST", "/api/v1/cases", body, {{"Idempotency-Key", "case-106"}});
  ASSERT_EQ(first.status, 201u) << first.body;
  auto retry = prosecutor_->send("POST", "/api/v1/cases", body, {{"Idempotency-Key", "case-106"}});
  EXPECT_EQ(retry.status, 201u) << "the first answer, not a 409 for the file number";
  EXPECT_EQ(retry.json()["id"], first.json()["id"]);
  EXPECT_EQ(retry.header("idempotent-replayed"), "true");

  const auto victim = make_victim("Baraka", true);
  const std::string links = "/api/v1/cases/" + first.json()["id"].dump() + "/victims";
  const nlohmann::json link_body = {{"person_id", victim}, {"role", "witness"}};
  EXPECT_EQ(prosecutor_->send("POST", links, link_body, {{"Idempotency-Key", "link-1"}}).status, 201u);
  EXPECT_EQ(prosecutor_->send("POST", links, link_body, {{"Idempotency-Key", "link-1"}}).status, 201u);
  EXPECT_EQ(count("SELECT count(*) FROM victim_links"), "1");
  EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'victim.linked'"), "1");
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'case.link_victim' AND outcome = 'allowed'"),
            "1");
}

TEST_F(CasesTest, AdministratorsAndAuditorsSeeNoCaseAndEveryRefusalIsAudited) {
  const auto id = make_case(*prosecutor_, "ODPP/CTIP/2025/107");
  const std::string path = "/api/v1/cases/" + std::to_string(id);
  ApiClient admin = server_->client();
  ASSERT_EQ(admin.sign_in("admin.one", test::kTestPassword).status, 201u);
  EXPECT_EQ(admin.get(path).status, 404u);
  EXPECT_EQ(admin.get("/api/v1/cases").status, 403u);
  ApiClient auditor = server_->signed_in("auditor.one");
  EXPECT_EQ(auditor.get("/api/v1/cases").status, 403u);
  EXPECT_EQ(auditor.post(path + "/suspects", {{"name", "X"}, {"roles", {"Other"}}}).status, 404u);
  EXPECT_EQ(embassy_->get(path + "/victims/1/track").status, 404u);
  EXPECT_NE(count("SELECT count(*) FROM audit_log WHERE entity = 'case' AND outcome = 'refused'"), "0");
}

TEST_F(CasesTest, EveryWriteRouteRefusesTheWrongRole) {
  const auto id = make_case(*prosecutor_, "ODPP/CTIP/2025/109");
  const std::string path = "/api/v1/cases/" + std::to_string(id);
  const auto victim = make_victim("Rehema", true);
  ASSERT_EQ(link(*prosecutor_, id, victim).status, 201u);
  auto added = prosecutor_->post(path + "/suspects",
                                 {{"name", "Boss Kifaru"}, {"roles", {"RecruiterOrIntermediary"}}});
  ASSERT_EQ(added.status, 201u);
  const std::string suspect = "/api/v1/suspects/" + added.json()["id"].dump();
  const std::string victim_path = path + "/victims/" + std::to_string(victim);
  ApiClient other = server_->signed_in("prosecutor.two");

  EXPECT_EQ(ministry_->send("PATCH", suspect, nlohmann::json{{"notes", "x"}}, {{"If-Match", "\"1\""}}).status,
            403u);
  EXPECT_EQ(other.send("PATCH", suspect, nlohmann::json{{"notes", "x"}}, {{"If-Match", "\"1\""}}).status,
            404u);
  EXPECT_EQ(embassy_->get(suspect).status, 404u);
  EXPECT_EQ(ministry_->post(path + "/suspects", {{"name", "X"}, {"roles", {"Other"}}}).status, 403u);
  EXPECT_EQ(ministry_->post(victim_path + "/unlink", {{"reason", "x"}}).status, 403u);
  EXPECT_EQ(other.post(victim_path + "/unlink", {{"reason", "x"}}).status, 404u);
  EXPECT_EQ(ministry_->post(victim_path + "/track", {{"step", "testified"}}).status, 403u);
  EXPECT_EQ(other.post(victim_path + "/track", {{"step", "testified"}}).status, 404u);
  EXPECT_EQ(ministry_->get(victim_path + "/track").status, 200u) << "the ministry reads the track";
  EXPECT_EQ(count("SELECT count(*) FROM victim_links WHERE unlinked_at IS NULL"), "1") << "nothing changed";
  EXPECT_EQ(server_->db().nation_query("SELECT count(*) FROM prosecution_steps"), "1")
      << "only the link's own step";
}

TEST_F(CasesTest, TheDatabaseItselfRefusesLinksAndAssignmentsFromOutsideTheCase) {
  const auto id = std::to_string(make_case(*prosecutor_, "ODPP/CTIP/2025/108"));
  const auto victim = std::to_string(make_victim("Neema", true));
  auto as = [&](const std::string& role, std::int64_t user, const std::string& statement) {
    return "BEGIN; SELECT set_config('rudi.role', '" + role + "', true), set_config('rudi.user_id', '" +
           std::to_string(user) + "', true); " + statement + "; COMMIT;";
  };
  const std::string app = server_->db().app_url();
  EXPECT_THROW(test::query(app, as("ministry_officer", server_->ministry,
                                   "INSERT INTO victim_links (case_id, person_id, role) VALUES (" + id +
                                       ", " + victim + ", 'witness')")),
               std::runtime_error)
      << "row-level security, not only the service, keeps links to the case's prosecutors";
  EXPECT_THROW(test::query(app, as("prosecutor", server_->prosecutor_two,
                                   "INSERT INTO case_prosecutors (case_id, user_id) VALUES (" + id + ", " +
                                       std::to_string(server_->prosecutor_two) + ")")),
               std::runtime_error)
      << "a prosecutor cannot assign themselves to another's case";
  EXPECT_NO_THROW(test::query(app, as("prosecutor", server_->prosecutor,
                                      "INSERT INTO victim_links (case_id, person_id, role) VALUES (" + id +
                                          ", " + victim + ", 'witness')")));
  EXPECT_EQ(count("SELECT count(*) FROM case_prosecutors WHERE case_id = " + id), "1");
}

}  // namespace
}  // namespace rudi
