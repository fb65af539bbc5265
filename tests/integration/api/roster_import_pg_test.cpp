// Roster imports over the real API and the real command line, on the real database: a report of rejected
// rows by line and field, other nationalities counted and not kept, all or nothing unless partial, a dry
// run that changes nothing, a second import that creates nobody twice, roles that may not import, and one
// live event for a large import.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/child_process.hpp"
#include "support/live_client.hpp"
#include "support/records.hpp"
#include "support/server_test.hpp"

namespace rudi {
namespace {
using namespace std::chrono_literals;
using test::ApiClient;
using test::make_cohort;

// Invented people: three Kenyans, one Kenyan row with an impossible date, and three people of other
// nationalities, as a host authority's list of a release would have them (semicolons, CRLF, a BOM, and a
// note with a line break inside quotes).
const std::string kRoster =
    "\xEF\xBB\xBFSurname;First name;Sex;DOB;Citizenship;Passport No.;Stage;Remarks\r\n"
    "Otieno;Akinyi;F;12/02/1996;KEN;AK123456;located;\"arrived on foot,\r\nneeds shoes\"\r\n"
    "Mwangi;Baraka;M;03.07.1994;Kenya;AK654321;;\r\n"
    "Chebet;Imani;F;1999-11-30;KE;;reported;\r\n"
    "Somchai;Lek;M;01/01/1990;THA;T1234567;;\r\n"
    "Wanjiru;Neema;F;31/02/1995;KE;AK777777;;\r\n"
    "Nguyen;Van An;M;05/05/1992;Viet Nam;V998877;;\r\n"
    "Nakato;Aisha;F;06/06/1993;Ugandan;U112233;;\r\n";

class RosterImportTest : public test::ServerTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(start_server());
    embassy_ = std::make_unique<ApiClient>(server_->signed_in("embassy.one"));
    cohort_ = make_cohort(*embassy_);
  }

  test::HttpReply import(ApiClient& c, const std::string& csv, const std::string& query = "",
                         std::int64_t cohort = 0) {
    return c.send_raw("POST",
                      "/api/v1/cohorts/" + std::to_string(cohort ? cohort : cohort_) + "/imports" +
                          (query.empty() ? "" : "?" + query),
                      csv, "text/csv; charset=utf-8");
  }
  // As a ministry officer would see the tables (the schema owner is held to row-level security too).
  long long count(const std::string& sql) { return std::stoll(server_->db().nation_query(sql)); }
  long long people() { return count("SELECT count(*) FROM people"); }

  std::unique_ptr<ApiClient> embassy_;
  std::int64_t cohort_ = 0;
};

TEST_F(RosterImportTest, APartialImportTakesInNationalsAndReportsRejectedRowsAndOtherNationalities) {
  auto reply = import(*embassy_, kRoster, "partial=true");
  ASSERT_EQ(reply.status, 201u) << reply.body;
  const auto report = reply.json();
  EXPECT_EQ(report["committed"], true);
  EXPECT_EQ(report["rows"], 7);
  EXPECT_EQ(report["imported"], 3);
  EXPECT_EQ(report["existing_count"], 0);
  EXPECT_EQ(report["rejected_count"], 1);
  ASSERT_EQ(report["rejected"].size(), 1u);
  EXPECT_EQ(report["rejected"][0]["line"], 7) << "the rows before it span two lines";
  EXPECT_EQ(report["rejected"][0]["field"], "date_of_birth");
  EXPECT_EQ(report["other_nationalities"], (nlohmann::json{{"TH", 1}, {"UG", 1}, {"VN", 1}}));
  EXPECT_EQ(report["ignored_columns"], nlohmann::json::array({"Remarks"}));

  // Only the three Kenyans are on record, nobody else's data is; each entered the journey as the file says.
  EXPECT_EQ(people(), 3);
  EXPECT_EQ(count("SELECT count(*) FROM people WHERE nationality <> 'KE'"), 0);
  EXPECT_EQ(
      count("SELECT count(*) FROM people WHERE family_name IN ('Somchai', 'Nguyen', 'Nakato', 'Wanjiru')"),
      0);
  EXPECT_EQ(count("SELECT count(*) FROM people WHERE family_name = 'Otieno' AND stage = 'located'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM people WHERE family_name = 'Mwangi' AND stage = 'reported'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM journey_steps WHERE kind = 'entered'"), 3);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'person.create'"), 3);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'roster.import' AND outcome = 'allowed'"),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM roster_imports WHERE imported = 3 AND rejected = 1"), 1);

  // The board shows them, and a person's record reads like one entered by hand.
  auto board = embassy_->get("/api/v1/cohorts/" + std::to_string(cohort_) + "/board");
  ASSERT_EQ(board.status, 200u);
  EXPECT_EQ(board.json()["people"].size(), 3u);
  const auto id = report["person_ids"][0].get<std::int64_t>();
  auto person = embassy_->get("/api/v1/people/" + std::to_string(id));
  ASSERT_EQ(person.status, 200u) << person.body;
  EXPECT_EQ(person.json()["document_number"], "AK123456");
  EXPECT_EQ(person.json()["date_of_birth"], "1996-02-12");
}

TEST_F(RosterImportTest, AllOrNothingImportsNothingWhenARowIsRejected) {
  const auto events_before = count("SELECT count(*) FROM events");
  auto reply = import(*embassy_, kRoster);
  ASSERT_EQ(reply.status, 422u) << reply.body;
  const auto problem = reply.json();
  EXPECT_EQ(problem["type"], "urn:rudi:problem:roster-rejected");
  ASSERT_EQ(problem["errors"].size(), 1u);
  EXPECT_EQ(problem["errors"][0]["pointer"], "#/rows/7/date_of_birth");
  EXPECT_EQ(problem["report"]["committed"], false);
  EXPECT_EQ(problem["report"]["imported"], 3) << "the report says who would have been imported";
  EXPECT_EQ(people(), 0);
  EXPECT_EQ(count("SELECT count(*) FROM journey_steps"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM roster_imports"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM events"), events_before);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'roster.import'"), 1)
      << "the attempt is audited";
}

TEST_F(RosterImportTest, ADryRunReportsAndChangesNothing) {
  const auto events_before = count("SELECT count(*) FROM events");
  auto reply = import(*embassy_, kRoster, "dry_run=true&partial=true");
  ASSERT_EQ(reply.status, 200u) << reply.body;
  const auto report = reply.json();
  EXPECT_EQ(report["dry_run"], true);
  EXPECT_EQ(report["committed"], false);
  EXPECT_EQ(report["imported"], 3);
  EXPECT_EQ(report["rejected_count"], 1);
  EXPECT_TRUE(report["import_id"].is_null());
  EXPECT_EQ(people(), 0);
  EXPECT_EQ(count("SELECT count(*) FROM roster_imports"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM events"), events_before);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'roster.import_dry_run'"), 1);
}

TEST_F(RosterImportTest, ImportingTheSameFileAgainCreatesNobodyTwiceAndReportsWhoIsOnRecord) {
  // One of them was recorded by hand before the list came, with the same passport written differently.
  auto by_hand = embassy_->post("/api/v1/people", {{"cohort_id", cohort_},
                                                   {"given_name", "Baraka"},
                                                   {"family_name", "Mwangi"},
                                                   {"document_kind", "passport"},
                                                   {"document_number", "ak-654 321"}});
  ASSERT_EQ(by_hand.status, 201u) << by_hand.body;
  const auto known = by_hand.json()["id"].get<std::int64_t>();

  auto first = import(*embassy_, kRoster, "partial=true");
  ASSERT_EQ(first.status, 201u) << first.body;
  EXPECT_EQ(first.json()["imported"], 2);
  ASSERT_EQ(first.json()["existing"].size(), 1u);
  EXPECT_EQ(first.json()["existing"][0], (nlohmann::json{{"line", 4}, {"person_id", known}}));
  EXPECT_EQ(count("SELECT count(*) FROM people WHERE id = " + std::to_string(known) + " AND version = 1"), 1)
      << "a person on record is not overwritten";

  auto second = import(*embassy_, kRoster, "partial=true");
  ASSERT_EQ(second.status, 201u) << second.body;
  const auto report = second.json();
  EXPECT_EQ(report["imported"], 0);
  EXPECT_EQ(report["existing_count"], 3);
  std::set<std::int64_t> ids;
  for (const auto& e : report["existing"]) ids.insert(e["person_id"].get<std::int64_t>());
  std::set<std::int64_t> expected{known};
  const auto first_report = first.json();
  for (const auto& id : first_report["person_ids"]) expected.insert(id.get<std::int64_t>());
  EXPECT_EQ(ids, expected) << "matched on the document number, and on the row for Chebet who has none";
  EXPECT_EQ(people(), 3);
}

TEST_F(RosterImportTest, OnlyEmbassyOfficersOfTheCohortsMissionAndMinistryOfficersMayImport) {
  const std::string good = "Surname,Given name,Nationality\nOtieno,Akinyi,KE\n";
  auto other_mission = server_->signed_in("embassy.two");
  EXPECT_EQ(import(other_mission, good).status, 404u) << "another mission's cohort is not visible";
  for (const std::string user : {"prosecutor.one", "auditor.one", "admin.one"}) {
    auto client = server_->signed_in(user);
    auto reply = import(client, good);
    EXPECT_EQ(reply.status, 403u) << user << ": " << reply.body;
  }
  EXPECT_EQ(people(), 0);
  EXPECT_GE(count("SELECT count(*) FROM audit_log WHERE outcome = 'refused'"), 4);

  auto ministry = server_->signed_in("ministry.one");
  auto reply = import(ministry, good);
  EXPECT_EQ(reply.status, 201u) << reply.body;
  EXPECT_EQ(people(), 1);
}

TEST_F(RosterImportTest, BadRequestsAreRefusedWithTheirReason) {
  auto json = embassy_->post("/api/v1/cohorts/" + std::to_string(cohort_) + "/imports", {{"a", 1}});
  EXPECT_EQ(json.status, 415u);
  auto no_names = import(*embassy_, "Remarks,Age\nx,3\n");
  ASSERT_EQ(no_names.status, 422u);
  EXPECT_EQ(no_names.json()["errors"][0]["pointer"], "#/header");
  auto bad_mapping = import(*embassy_, kRoster, "mapping=%7B%22Surname%22%3A%22maiden%22%7D");
  ASSERT_EQ(bad_mapping.status, 422u);
  EXPECT_EQ(bad_mapping.json()["errors"][0]["pointer"], "#/mapping/Surname");
  EXPECT_EQ(import(*embassy_, "Surname\nx\n", "dry_run=perhaps").status, 422u);
  EXPECT_EQ(people(), 0);
}

TEST_F(RosterImportTest, AMappingOverrideReadsHeadersTheAliasesDoNotKnow) {
  // {"Apellido":"family_name","Nombre":"given_name"}, URL-encoded.
  auto reply = import(*embassy_, "Apellido,Nombre,Nacionalidad\nOtieno,Akinyi,KE\n",
                      "mapping=%7B%22Apellido%22%3A%22family_name%22%2C%22Nombre%22%3A%22given_name%22%7D");
  ASSERT_EQ(reply.status, 201u) << reply.body;
  EXPECT_EQ(reply.json()["imported"], 1);
  EXPECT_EQ(count("SELECT count(*) FROM people WHERE family_name = 'Otieno'"), 1);
}

TEST_F(RosterImportTest, ALiveSubscriberOfTheCohortHearsOfALargeImportAsOneEvent) {
  test::LiveClient live(server_->port(), {{"Cookie", "__Host-rudi_session=" + embassy_->session_cookie()},
                                          {"Origin", "http://127.0.0.1:" + std::to_string(server_->port())}});
  ASSERT_TRUE(live.connected());
  ASSERT_TRUE(live.subscribe({"cohort:" + std::to_string(cohort_)}));
  std::string csv = "Surname,Given name,Passport No.\n";
  for (int i = 0; i < 120; ++i)
    csv += "Kiprop,Pendo" + std::to_string(i) + ",KP" + std::to_string(100000 + i) + "\n";
  auto reply = import(*embassy_, csv);
  ASSERT_EQ(reply.status, 201u) << reply.body;
  ASSERT_EQ(reply.json()["imported"], 120);
  // A person recorded after the import marks the end: everything the import sent comes before it.
  auto marker = embassy_->post("/api/v1/people",
                               {{"cohort_id", cohort_}, {"given_name", "Rehema"}, {"family_name", "Zuberi"}});
  ASSERT_EQ(marker.status, 201u) << marker.body;
  const auto marker_id = marker.json()["id"].get<std::int64_t>();
  std::vector<nlohmann::json> events;
  for (;;) {
    auto message = live.next(20s);
    ASSERT_TRUE(message) << "the events did not arrive";
    if ((*message)["op"] != "event") continue;
    if ((*message)["type"] == "cohort.created") continue;  // numbered after the subscription began
    if ((*message)["type"] == "person.created" && (*message)["data"]["id"] == marker_id) break;
    events.push_back(*message);
  }
  ASSERT_EQ(events.size(), 1u) << nlohmann::json(events).dump();
  EXPECT_EQ(events[0]["type"], "cohort.imported");
  EXPECT_EQ(events[0]["data"]["imported"], 120);
  EXPECT_EQ(events[0]["data"]["person_ids"].size(), 120u);
}

TEST_F(RosterImportTest, ASmallImportSendsOneEventPerPersonAsCreatingThemWould) {
  test::LiveClient live(server_->port(), {{"Cookie", "__Host-rudi_session=" + embassy_->session_cookie()},
                                          {"Origin", "http://127.0.0.1:" + std::to_string(server_->port())}});
  ASSERT_TRUE(live.connected());
  ASSERT_TRUE(live.subscribe({"cohort:" + std::to_string(cohort_)}));
  auto reply = import(*embassy_, "Surname,Given name\nOtieno,Akinyi\nMwangi,Baraka\n");
  ASSERT_EQ(reply.status, 201u) << reply.body;
  std::set<std::int64_t> heard;
  while (heard.size() < 2) {
    auto message = live.next(20s);
    ASSERT_TRUE(message) << "the events did not arrive";
    if ((*message)["op"] != "event" || (*message)["type"] == "cohort.created") continue;
    EXPECT_EQ((*message)["type"], "person.created");
    heard.insert((*message)["data"]["id"].get<std::int64_t>());
  }
  EXPECT_EQ(heard, (std::set<std::int64_t>{reply.json()["person_ids"][0], reply.json()["person_ids"][1]}));
}

TEST_F(RosterImportTest, TheCommandLineStreamsAFileInAUsersName) {
  const auto path = std::filesystem::temp_directory_path() / ("roster-" + server_->db().name() + ".csv");
  {
    std::ofstream out(path, std::ios::binary);
    out << kRoster;
  }
  auto run = [&](std::vector<std::string> extra) {
    std::vector<std::string> argv{test::rudi_binary(),
                                  "import",
                                  "roster",
                                  path.string(),
                                  "--cohort",
                                  std::to_string(cohort_),
                                  "--database-url",
                                  server_->db().app_url()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    auto child = std::make_unique<test::ChildProcess>(argv);
    auto status = child->wait_exit(60s);
    EXPECT_TRUE(status);
    return std::make_pair(status.value_or(-1), child->output());
  };
  auto [refused, refused_output] = run({"--as", "prosecutor.one", "--partial"});
  EXPECT_EQ(refused, 2) << refused_output;
  auto [all_or_nothing, aon_output] = run({"--as", "embassy.one"});
  EXPECT_EQ(all_or_nothing, 3) << aon_output;
  auto [dry, dry_output] = run({"--as", "embassy.one", "--partial", "--dry-run"});
  EXPECT_EQ(dry, 0) << dry_output;
  EXPECT_EQ(people(), 0);
  auto [done, output] = run({"--as", "embassy.one", "--partial"});
  EXPECT_EQ(done, 0) << output;
  EXPECT_NE(output.find("\"imported\": 3"), std::string::npos) << output;
  EXPECT_EQ(people(), 3);
  EXPECT_EQ(
      count("SELECT count(*) FROM audit_log a JOIN users u ON u.id = a.actor_id "
            "WHERE a.action = 'person.create' AND a.actor_kind = 'system' AND u.username = 'embassy.one'"),
      3);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace rudi
