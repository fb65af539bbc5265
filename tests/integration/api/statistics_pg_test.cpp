// Anonymised statistics over a real server and the command line: only people consenting to statistics
// are counted, cells under k are shown as suppressed, k can be raised but not lowered, only ministry
// officers may read them (every read audited, every refusal too), and the differencing attacks — the
// total against a table, one table against another, an export at one k against one at another — give
// no suppressed cell away. `rudi export htcds`: case records of people consenting to partner referral,
// without identifiers unless asked.
#include <gtest/gtest.h>

#include <map>
#include <numeric>
#include <set>

#include "statistics/suppression.hpp"
#include "support/child_process.hpp"
#include "support/records.hpp"
#include "support/server_test.hpp"

namespace rudi {
namespace {
using namespace std::chrono_literals;
using test::ApiClient;

struct Invented {
  std::string given;
  std::string sex;
  int age;
  std::vector<std::string> purposes;  // consents granted
};

class StatisticsTest : public test::ServerTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(start_server());
    ministry_ = std::make_unique<ApiClient>(server_->signed_in("ministry.one"));
    cohort_ =
        test::make_cohort(*ministry_, {{"mission_id", server_->bangkok}, {"name", "Released near Myawaddy"}});
    // 13 consent to statistics: 9 women, 4 men; ages 25 (6), 31 (6) and 16 (1).
    const char* names[] = {"Achieng", "Chebet", "Esther", "Halima", "Kerubo", "Lulu", "Nafula",
                           "Pendo",   "Rehema", "Baraka", "Daudi",  "Faraji", "Omari"};
    for (int i = 0; i < 13; ++i) {
      std::vector<std::string> purposes = {"statistics"};
      if (i < 2) purposes.push_back("partner_referral");
      make({names[i], i < 9 ? "female" : "male", i == 0 ? 16 : (i % 2 ? 25 : 31), purposes});
    }
    refused_ = make({"Imani", "female", 28, {"partner_referral"}});  // partner referral, not statistics
    make({"Jabali", "male", 40, {}});                                // no consent at all
  }
  std::int64_t make(const Invented& who) {
    auto reply =
        ministry_->post("/api/v1/people", {{"mission_id", server_->bangkok},
                                           {"cohort_id", cohort_},
                                           {"given_name", who.given},
                                           {"family_name", "Wanjiru"},
                                           {"sex", who.sex},
                                           {"estimated_age", who.age},
                                           {"stage", "located"},
                                           {"phone", "+254712345678"},
                                           {"exploitation_types", {"ForcedLabour", "ForcedCriminality"}},
                                           {"control_methods", {"WithholdsDocuments"}}});
    EXPECT_EQ(reply.status, 201u) << reply.body;
    const std::int64_t id = reply.json().value("id", std::int64_t{0});
    for (const auto& purpose : who.purposes) consent(id, purpose, "granted");
    return id;
  }

  void consent(std::int64_t id, const std::string& purpose, const std::string& status) {
    auto reply = ministry_->post("/api/v1/people/" + std::to_string(id) + "/consents",
                                 {{"purpose", purpose}, {"status", status}, {"method", "verbal"}});
    ASSERT_EQ(reply.status, 201u) << reply.body;
  }

  static const nlohmann::json& table(const nlohmann::json& publication, const std::string& name) {
    for (const auto& t : publication["tables"])
      if (t["name"] == name) return t;
    throw std::runtime_error("no table " + name);
  }

  static std::map<std::string, nlohmann::json> cells(const nlohmann::json& t) {
    std::map<std::string, nlohmann::json> all;
    for (const auto& c : t["cells"]) all[c["value"]] = c["count"];
    return all;
  }

  std::unique_ptr<ApiClient> ministry_;
  std::int64_t cohort_ = 0;
  std::int64_t refused_ = 0;
};

TEST_F(StatisticsTest, CountsConsentingPeopleAndShowsSmallCellsAsSuppressed) {
  const auto reply = ministry_->get("/api/v1/statistics");
  ASSERT_EQ(reply.status, 200u) << reply.body;
  const auto body = reply.json();
  EXPECT_EQ(body["k"], 5);
  EXPECT_EQ(body["people"], 13) << "only statistics consent counts";
  auto gender = cells(table(body, "gender"));
  EXPECT_TRUE(gender["Masculine"].is_null()) << "4 men: under k";
  EXPECT_TRUE(gender["Feminine"].is_null()) << "9 women would be the total less the 4 men";
  EXPECT_EQ(gender["NonConforming"], 0) << "nobody: published";
  auto ages = cells(table(body, "ageBroad"));
  EXPECT_TRUE(ages["9--17"].is_null()) << "one minor";
  EXPECT_TRUE(ages["24--26"].is_null()) << "the next cell, taken with it";
  EXPECT_EQ(ages["30--38"], 6);
  EXPECT_EQ(cells(table(body, "CountryOfExploitation"))["MM"], 13) << "the cohort's country";
  EXPECT_EQ(cells(table(body, "typeOfExploit"))["ForcedCriminality"], 13);
  EXPECT_EQ(cells(table(body, "meansOfControl"))["WithholdsDocuments"], 13);
  EXPECT_EQ(cells(table(body, "stage"))["located"], 13);
  for (const auto& t : body["tables"]) {
    for (const auto& c : t["cells"]) {
      if (c["suppressed"] == true) {
        EXPECT_TRUE(c["count"].is_null());
      } else {
        const int count = c["count"];
        EXPECT_TRUE(count == 0 || count >= 5) << t["name"] << " " << c["value"];
      }
    }
  }
  EXPECT_EQ(
      server_->db().owner_query("SELECT details->>'people' FROM audit_log WHERE action = 'statistics.read' "
                                "AND outcome = 'allowed' AND actor_id = " +
                                std::to_string(server_->ministry)),
      "13");
}

TEST_F(StatisticsTest, NoSuppressedCellFollowsFromTheTotalAndAnotherTable) {
  // The attack: the total (published, or the sum of any complete table) less a table's published cells
  // is what its suppressed cells hold together. One suppressed cell alone would be that number; several
  // must each be left with more than one possible count, even to one who knows the suppression rule.
  const auto body = ministry_->get("/api/v1/statistics").json();
  const std::int64_t total = body["people"];
  for (const auto& t : body["tables"]) {
    if (t["partition"] != true) continue;
    std::int64_t published = 0;
    std::vector<std::size_t> hidden;
    for (std::size_t i = 0; i < t["cells"].size(); ++i) {
      if (t["cells"][i]["suppressed"] == true)
        hidden.push_back(i);
      else
        published += t["cells"][i]["count"].get<std::int64_t>();
    }
    if (hidden.empty()) {
      EXPECT_EQ(published, total) << t["name"];
      continue;
    }
    EXPECT_GE(hidden.size(), 2u) << t["name"] << ": one suppressed cell is the total less the others";
    const std::int64_t left = total - published;
    // Every way of filling the hidden cells that adds up and that the rule would suppress alike.
    std::vector<std::set<std::int64_t>> possible(hidden.size());
    std::vector<std::int64_t> counts;
    std::vector<bool> withheld;
    for (const auto& c : t["cells"]) {
      counts.push_back(c["suppressed"] == true ? 0 : c["count"].get<std::int64_t>());
      withheld.push_back(c["suppressed"] == true);
    }
    std::function<void(std::size_t, std::int64_t)> fill = [&](std::size_t at, std::int64_t remaining) {
      if (at + 1 == hidden.size()) {
        counts[hidden[at]] = remaining;
        if (remaining >= 1 && statistics::suppress_partition(counts, 5) == withheld)
          for (std::size_t j = 0; j < hidden.size(); ++j) possible[j].insert(counts[hidden[j]]);
        return;
      }
      for (std::int64_t v = 1; v <= remaining; ++v) {  // 0 would have been published
        counts[hidden[at]] = v;
        fill(at + 1, remaining - v);
      }
    };
    fill(0, left);
    for (std::size_t j = 0; j < hidden.size(); ++j)
      EXPECT_GE(possible[j].size(), 2u) << t["name"] << " " << t["cells"][hidden[j]]["value"] << " is known";
  }
}

TEST_F(StatisticsTest, KMayBeRaisedNotLoweredAndARaisedExportRevealsNothingNew) {
  const auto at5 = ministry_->get("/api/v1/statistics").json();
  const auto raised = ministry_->get("/api/v1/statistics?k=7");
  ASSERT_EQ(raised.status, 200u) << raised.body;
  const auto at7 = raised.json();
  EXPECT_EQ(at7["k"], 7);
  for (std::size_t t = 0; t < at5["tables"].size(); ++t) {
    const auto& cells5 = at5["tables"][t]["cells"];
    const auto& cells7 = at7["tables"][t]["cells"];
    ASSERT_EQ(cells5.size(), cells7.size());
    for (std::size_t i = 0; i < cells5.size(); ++i) {
      // Whatever k = 7 publishes, k = 5 published already, with the same count.
      if (cells7[i]["suppressed"] == false) {
        EXPECT_EQ(cells7[i]["count"], cells5[i]["count"]);
      }
      if (cells5[i]["suppressed"] == true) {
        EXPECT_EQ(cells7[i]["suppressed"], true);
      }
    }
  }
  EXPECT_TRUE(cells(table(at7, "ageBroad"))["30--38"].is_null()) << "6 is under 7";

  auto lowered = ministry_->get("/api/v1/statistics?k=4");
  EXPECT_EQ(lowered.status, 422u);
  EXPECT_EQ(lowered.json()["errors"][0]["pointer"], "#k");
  auto filtered = ministry_->get("/api/v1/statistics?nationality=KE");
  EXPECT_EQ(filtered.status, 422u) << "no filters: a filtered table less the whole would be a difference";
}

TEST_F(StatisticsTest, AWithdrawnConsentIsNoLongerCounted) {
  const auto before = ministry_->get("/api/v1/statistics").json();
  EXPECT_EQ(before["people"], 13);
  auto list = ministry_->get("/api/v1/people?limit=100").json();
  const std::int64_t someone = list["items"][0]["id"];
  consent(someone, "statistics", "withdrawn");
  EXPECT_EQ(ministry_->get("/api/v1/statistics").json()["people"], 12);
}

TEST_F(StatisticsTest, OnlyMinistryOfficersReadStatisticsAndRefusalsAreAudited) {
  for (const char* user : {"embassy.one", "prosecutor.one", "admin.one", "auditor.one"}) {
    ApiClient client = server_->signed_in(user);
    const auto reply = client.get("/api/v1/statistics");
    EXPECT_EQ(reply.status, 403u) << user << ": " << reply.body;
  }
  EXPECT_EQ(server_->client().get("/api/v1/statistics").status, 401u);
  EXPECT_EQ(server_->db().owner_query(
                "SELECT count(*) FROM audit_log WHERE action = 'statistics.read' AND outcome = 'refused'"),
            "4");
}

TEST_F(StatisticsTest, TheCommandLineExportsCsvAndJson) {
  const std::map<std::string, std::string> env = {{"RUDI_DATABASE_URL", server_->db().app_url()}};
  test::ChildProcess csv({test::rudi_binary(), "export", "statistics"}, env);
  ASSERT_EQ(csv.wait_exit(60s), 0) << csv.output();
  const auto lines = csv.lines();
  EXPECT_NE(std::find(lines.begin(), lines.end(), "table,value,count"), lines.end()) << csv.output();
  EXPECT_NE(std::find(lines.begin(), lines.end(), "people,total,13"), lines.end()) << csv.output();
  EXPECT_NE(std::find(lines.begin(), lines.end(), "ageBroad,30--38,6"), lines.end()) << csv.output();
  EXPECT_NE(std::find(lines.begin(), lines.end(), "gender,NonConforming,0"), lines.end()) << csv.output();
  EXPECT_NE(std::find(lines.begin(), lines.end(), "gender,Masculine,suppressed"), lines.end())
      << csv.output();

  test::ChildProcess raised({test::rudi_binary(), "export", "statistics", "--format", "json", "--k", "10"},
                            env);
  ASSERT_EQ(raised.wait_exit(60s), 0) << raised.output();
  EXPECT_NE(raised.output().find("\"k\": 10"), std::string::npos) << raised.output();

  test::ChildProcess lowered({test::rudi_binary(), "export", "statistics", "--k", "3"}, env);
  EXPECT_NE(lowered.wait_exit(60s), 0) << "k may not go under RUDI_STATISTICS_K";
  EXPECT_EQ(server_->db().owner_query("SELECT count(*) FROM audit_log WHERE action = 'statistics.read' AND "
                                      "actor_kind = 'system' AND outcome = 'allowed'"),
            "2");
}

std::vector<nlohmann::json> records_in(const test::ChildProcess& process) {
  std::vector<nlohmann::json> records;
  for (const auto& line : process.lines())
    if (line.find("\"Gender\"") != std::string::npos) records.push_back(nlohmann::json::parse(line));
  return records;
}

TEST_F(StatisticsTest, HtcdsRecordsOfPeopleConsentingToPartnerReferralWithoutIdentifiersUnlessAsked) {
  const std::map<std::string, std::string> env = {{"RUDI_DATABASE_URL", server_->db().app_url()}};
  test::ChildProcess plain({test::rudi_binary(), "export", "htcds"}, env);
  ASSERT_EQ(plain.wait_exit(60s), 0) << plain.output();
  const auto records = records_in(plain);
  ASSERT_EQ(records.size(), 3u) << plain.output();  // two with both consents, one with partner referral only
  for (const auto& r : records) {
    EXPECT_EQ(r["Citizenship"], nlohmann::json::array({"KE"}));
    EXPECT_EQ(r["CountryOfExploitation"], "MM");
    EXPECT_TRUE(r["Gender"] == "Feminine" || r["Gender"] == "Masculine") << r;
    EXPECT_TRUE(r["TypeOfExploitation"].is_array());
    for (const char* identifier : {"FirstName", "LastName", "Birthdate", "MobilePhone", "id"})
      EXPECT_FALSE(r.contains(identifier)) << identifier;
  }
  EXPECT_EQ(plain.output().find("Wanjiru"), std::string::npos);
  EXPECT_EQ(plain.output().find("+254712345678"), std::string::npos);

  test::ChildProcess identified({test::rudi_binary(), "export", "htcds", "--identified"}, env);
  ASSERT_EQ(identified.wait_exit(60s), 0) << identified.output();
  const auto named = records_in(identified);
  ASSERT_EQ(named.size(), 3u);
  std::set<std::string> first_names;
  for (const auto& r : named) first_names.insert(r["FirstName"]);
  EXPECT_EQ(first_names, (std::set<std::string>{"Achieng", "Chebet", "Imani"}));
  EXPECT_EQ(
      server_->db().owner_query("SELECT string_agg(details->>'identified', ',' ORDER BY id) FROM audit_log "
                                "WHERE action = 'htcds.export'"),
      "false,true");
  EXPECT_NE(server_->db()
                .owner_query("SELECT details->'person_ids' FROM audit_log WHERE action = 'htcds.export' "
                             "ORDER BY id LIMIT 1")
                .find(std::to_string(refused_)),
            std::string::npos)
      << "the audit row names whose records left";
}

}  // namespace
}  // namespace rudi
