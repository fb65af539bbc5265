// POST /api/v1/mrz/parse over a real server: the ICAO specimen read into a person's fields, a Kenyan
// passport whose fields a new person can be created from, each defect as a field pointer under /mrz,
// the bound on the text, who may call it (whoever may create people) and who is refused, and that the
// zone is neither stored nor logged.
#include <gtest/gtest.h>

#include <set>

#include "support/server_test.hpp"

namespace rudi {
namespace {
using test::ApiClient;

const std::string kSpecimen =
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";
const std::string kKenyan =
    "P<KENWANJIRU<<AMANI<NJERI<<<<<<<<<<<<<<<<<<<\nAK01234565KEN9503043F3301177<<<<<<<<<<<<<<<8";

class MrzTest : public test::ServerTest {
 protected:
  std::set<std::string> pointers(const test::HttpReply& reply) {
    std::set<std::string> all;
    for (const auto& e : reply.json().value("errors", nlohmann::json::array())) all.insert(e["pointer"]);
    return all;
  }
};

TEST_F(MrzTest, ReadsTheSpecimenIntoAPersonsFieldsAndTheZonesOwn) {
  ApiClient embassy = server_->signed_in("embassy.one");
  const auto reply = embassy.post("/api/v1/mrz/parse", {{"mrz", kSpecimen}});
  ASSERT_EQ(reply.status, 200u) << reply.body;
  const auto body = reply.json();
  EXPECT_EQ(body["format"], "TD3");
  EXPECT_EQ(body["person"]["given_name"], "ANNA MARIA");
  EXPECT_EQ(body["person"]["family_name"], "ERIKSSON");
  EXPECT_EQ(body["person"]["date_of_birth"], "1974-08-12");
  EXPECT_EQ(body["person"]["sex"], "female");
  EXPECT_TRUE(body["person"]["nationality"].is_null()) << "Utopia has no ISO code";
  EXPECT_EQ(body["person"]["document_kind"], "passport");
  EXPECT_EQ(body["person"]["document_number"], "L898902C3");
  EXPECT_EQ(body["mrz"]["issuing_state"], "UTO");
  EXPECT_EQ(body["mrz"]["date_of_expiry"], "120415");
  EXPECT_EQ(body["mrz"]["expiry_date"], "2012-04-15");
  EXPECT_EQ(body["mrz"]["optional_data"], "ZE184226B");
  EXPECT_EQ(body["expired"], true);
  EXPECT_EQ(body["notes"].size(), 2u);
  EXPECT_EQ(reply.headers.at("cache-control"), "no-store");
}

TEST_F(MrzTest, AKenyanPassportsFieldsCreateAPerson) {
  ApiClient ministry = server_->signed_in("ministry.one");
  const auto read = ministry.post("/api/v1/mrz/parse", {{"mrz", kKenyan + "\n"}});
  ASSERT_EQ(read.status, 200u) << read.body;
  nlohmann::json person = read.json()["person"];
  EXPECT_EQ(person["nationality"], "KE");
  person["mission_id"] = server_->bangkok;
  person["stage"] = "located";
  const auto created = ministry.post("/api/v1/people", person);
  EXPECT_EQ(created.status, 201u) << created.body;
}

TEST_F(MrzTest, EachDefectIsAFieldPointerUnderMrz) {
  ApiClient embassy = server_->signed_in("embassy.one");
  std::string bad_birth_check = kSpecimen;
  bad_birth_check[45 + 19] = '3';  // the date of birth's check digit, 2 on the specimen
  auto reply = embassy.post("/api/v1/mrz/parse", {{"mrz", bad_birth_check}});
  ASSERT_EQ(reply.status, 422u) << reply.body;
  EXPECT_EQ(reply.json()["type"], "urn:rudi:problem:invalid-input");
  EXPECT_EQ(pointers(reply),
            (std::set<std::string>{"#/mrz/line2/date_of_birth_check", "#/mrz/line2/composite_check"}));
  EXPECT_NE(reply.json()["errors"][0]["detail"].get<std::string>().find("expected 2, found 3"),
            std::string::npos)
      << reply.body;

  reply = embassy.post("/api/v1/mrz/parse", {{"mrz", kSpecimen.substr(0, kSpecimen.size() - 1)}});
  ASSERT_EQ(reply.status, 422u);
  EXPECT_EQ(pointers(reply), (std::set<std::string>{"#/mrz/line2"}));

  reply = embassy.post("/api/v1/mrz/parse", {{"mrz", "P<UTOERIKSSON"}});
  ASSERT_EQ(reply.status, 422u);
  EXPECT_EQ(pointers(reply), (std::set<std::string>{"#/mrz"}));

  reply = embassy.post("/api/v1/mrz/parse", {{"mrz", std::string(201, '<')}});
  ASSERT_EQ(reply.status, 422u);
  EXPECT_EQ(pointers(reply), (std::set<std::string>{"#/mrz"}));

  reply = embassy.post("/api/v1/mrz/parse", {{"mrz", 44}, {"photo", "x"}});
  ASSERT_EQ(reply.status, 422u);
  EXPECT_EQ(pointers(reply), (std::set<std::string>{"#/mrz", "#/photo"}));
}

TEST_F(MrzTest, OnlyRolesThatCreatePeopleMayReadAZoneAndRefusalsAreAudited) {
  for (const char* user : {"embassy.one", "embassy.two", "ministry.one"}) {
    ApiClient client = server_->signed_in(user);
    EXPECT_EQ(client.post("/api/v1/mrz/parse", {{"mrz", kKenyan}}).status, 200u) << user;
  }
  for (const char* user : {"prosecutor.one", "admin.one", "auditor.one"}) {
    ApiClient client = server_->signed_in(user);
    const auto reply = client.post("/api/v1/mrz/parse", {{"mrz", kKenyan}});
    EXPECT_EQ(reply.status, 403u) << user << ": " << reply.body;
    EXPECT_EQ(reply.body.find("WANJIRU"), std::string::npos);
  }
  EXPECT_EQ(server_->client().post("/api/v1/mrz/parse", {{"mrz", kKenyan}}).status, 401u);
  EXPECT_EQ(
      server_->db().owner_query("SELECT count(*) FROM audit_log WHERE outcome = 'refused' AND action = "
                                "'person.create' AND entity = 'person' AND actor_id IN (" +
                                std::to_string(server_->prosecutor) + "," + std::to_string(server_->admin) +
                                "," + std::to_string(server_->auditor) + ")"),
      "3");
}

TEST_F(MrzTest, TheZoneIsNeitherStoredNorLogged) {
  ApiClient embassy = server_->signed_in("embassy.one");
  const std::string people_before = server_->db().owner_query("SELECT count(*) FROM people");
  const std::string audit_before = server_->db().owner_query("SELECT count(*) FROM audit_log");
  ASSERT_EQ(embassy.post("/api/v1/mrz/parse", {{"mrz", kKenyan}}).status, 200u);
  std::string damaged = kKenyan;
  damaged[45 + 9] = '0';
  ASSERT_EQ(embassy.post("/api/v1/mrz/parse", {{"mrz", damaged}}).status, 422u);
  EXPECT_EQ(server_->db().owner_query("SELECT count(*) FROM people"), people_before);
  EXPECT_EQ(server_->db().owner_query("SELECT count(*) FROM audit_log"), audit_before);
  EXPECT_EQ(server_->db().owner_query(
                "SELECT count(*) FROM idempotency_keys WHERE response_body LIKE '%AK0123456%'"),
            "0");
  const std::string log = server_->serve().process->output();
  for (const char* secret : {"WANJIRU", "AK0123456", "9503043"})
    EXPECT_EQ(log.find(secret), std::string::npos) << secret << " in the server's log";
}

}  // namespace
}  // namespace rudi
