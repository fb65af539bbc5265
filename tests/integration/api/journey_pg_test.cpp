// Journey records over the real API: cohorts, people, transitions by the rules, the board and the
// timeline; scope by mission; validation with field errors and nothing half-written; duplicates; one
// event per change in a gap-free sequence; audited reads.
#include <gtest/gtest.h>

#include <future>
#include <set>
#include <thread>

#include "support/records.hpp"
#include "support/server_test.hpp"

namespace rudi {
namespace {
using test::ApiClient;
using test::make_cohort;
using test::make_person;

class JourneyTest : public test::ServerTest {
 protected:
  test::HttpReply move(ApiClient& c, std::int64_t person, nlohmann::json body) {
    return c.post("/api/v1/people/" + std::to_string(person) + "/transitions", body);
  }

  // People are behind row-level security; events and the audit log are not.
  std::string people_query(const std::string& sql) { return server_->db().nation_query(sql); }
  std::string count(const std::string& sql) { return server_->db().owner_query(sql); }
};

TEST_F(JourneyTest, AnEmbassyOfficerRecordsAndMovesTheirMissionsPeople) {
  ApiClient embassy = server_->signed_in("embassy.one");
  const auto cohort = make_cohort(embassy);
  const auto person =
      make_person(embassy, cohort, {{"document_kind", "passport"}, {"document_number", "ak 123-4567"}});
  auto read = embassy.get("/api/v1/people/" + std::to_string(person));
  ASSERT_EQ(read.status, 200u);
  EXPECT_EQ(read.json()["mission_id"], server_->bangkok);
  EXPECT_EQ(read.json()["document_number"], "AK1234567");
  EXPECT_EQ(read.json()["stage"], "located");
  EXPECT_EQ(read.header("cache-control"), "no-store");
  EXPECT_EQ(
      people_query("SELECT count(*) FROM people WHERE encode(document_sealed, 'escape') LIKE '%AK1234567%'"),
      "0")
      << "the document number is sealed at rest";

  auto moved =
      move(embassy, person, {{"to", "verified"}, {"note", "nationality confirmed by phone with family"}});
  ASSERT_EQ(moved.status, 201u) << moved.body;
  EXPECT_EQ(moved.json()["kind"], "forward");
  auto timeline = embassy.get("/api/v1/people/" + std::to_string(person) + "/timeline");
  ASSERT_EQ(timeline.status, 200u);
  const nlohmann::json steps = timeline.json()["items"];
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0]["kind"], "entered");
  EXPECT_EQ(steps[1]["from"], "located");
  EXPECT_EQ(steps[1]["to"], "verified");
  EXPECT_EQ(steps[1]["actor_id"], server_->embassy);
  EXPECT_EQ(steps[1]["note"], "nationality confirmed by phone with family");

  // The board is as of the newest numbered event: once the sequencer has numbered the move, its number.
  ASSERT_TRUE(server_->db().wait_until_sequenced());
  auto board = embassy.get("/api/v1/cohorts/" + std::to_string(cohort) + "/board");
  ASSERT_EQ(board.status, 200u);
  EXPECT_EQ(board.json()["counts"]["verified"], 1);
  EXPECT_EQ(board.json()["people"].size(), 1u);
  EXPECT_EQ(board.json()["as_of"].dump(), count("SELECT max(seq) FROM events"));
  EXPECT_EQ(
      count("SELECT seq = (SELECT max(seq) FROM events) FROM events WHERE type = 'person.transitioned'"), "t")
      << "the move is the newest event";
}

TEST_F(JourneyTest, AnotherMissionsPeopleAreHiddenAndProbesAreAudited) {
  ApiClient bangkok = server_->signed_in("embassy.one");
  const auto person = make_person(bangkok, make_cohort(bangkok));
  ApiClient pretoria = server_->signed_in("embassy.two");
  const std::string path = "/api/v1/people/" + std::to_string(person);
  EXPECT_EQ(pretoria.get(path).status, 404u);
  EXPECT_EQ(pretoria.get(path + "/timeline").status, 404u);
  EXPECT_EQ(move(pretoria, person, {{"to", "verified"}}).status, 404u);
  EXPECT_EQ(pretoria.get("/api/v1/people").json()["items"].size(), 0u);
  EXPECT_EQ(people_query("SELECT stage FROM people WHERE id = " + std::to_string(person)), "located");
  EXPECT_EQ(
      count("SELECT count(*) FROM audit_log WHERE outcome = 'refused' AND entity = 'person' AND actor_id = " +
            std::to_string(server_->embassy_pretoria)),
      "3");
  // Other roles: the administrator and the auditor see no survivor, the ministry sees every one.
  ApiClient admin = server_->client();
  ASSERT_EQ(admin.sign_in("admin.one", test::kTestPassword).status, 201u);
  EXPECT_EQ(admin.get(path).status, 404u);
  EXPECT_EQ(admin.get("/api/v1/people").status, 403u);
  ApiClient auditor = server_->client();
  ASSERT_EQ(auditor.sign_in("auditor.one", test::kTestPassword).status, 201u);
  EXPECT_EQ(auditor.get(path).status, 404u);
  ApiClient ministry = server_->signed_in("ministry.one");
  EXPECT_EQ(ministry.get(path).status, 200u);
  ApiClient prosecutor = server_->signed_in("prosecutor.one");
  EXPECT_EQ(prosecutor.get(path).status, 404u) << "not linked to the prosecutor's cases";
}

TEST_F(JourneyTest, TheRulesOfTheJourneyHoldOverTheApi) {
  ApiClient embassy = server_->signed_in("embassy.one");
  const auto person = make_person(embassy, make_cohort(embassy));
  auto skip = move(embassy, person, {{"to", "documented"}});
  ASSERT_EQ(skip.status, 422u);
  EXPECT_EQ(skip.json()["errors"][0]["pointer"], "#/reason");
  auto skipped =
      move(embassy, person, {{"to", "documented"}, {"reason", "passport returned by the host police"}});
  ASSERT_EQ(skipped.status, 201u) << skipped.body;
  EXPECT_EQ(skipped.json()["kind"], "skip");

  auto held = move(embassy, person, {{"hold", true}, {"hold_reason", "hospitalised"}});
  ASSERT_EQ(held.status, 201u) << held.body;
  EXPECT_EQ(held.json()["on_hold"], true);
  EXPECT_EQ(move(embassy, person, {{"to", "cleared"}}).status, 422u);
  EXPECT_EQ(move(embassy, person, {{"release", true}}).status, 201u);
  EXPECT_EQ(move(embassy, person, {{"to", "cleared"}}).status, 201u);
  EXPECT_EQ(move(embassy, person, {{"to", "departed"}}).status, 201u);

  auto home = move(embassy, person, {{"to", "arrived"}});
  ASSERT_EQ(home.status, 422u);
  EXPECT_NE(home.json()["detail"].get<std::string>().find("ministry"), std::string::npos);
  ApiClient ministry = server_->signed_in("ministry.one");
  EXPECT_EQ(move(ministry, person, {{"to", "arrived"}, {"occurred_at", "2025-02-20T06:40:00Z"}}).status,
            201u);
  auto back = move(ministry, person, {{"to", "departed"}});
  EXPECT_EQ(back.status, 422u);
  EXPECT_EQ(move(ministry, person, {{"to", "departed"}, {"reason", "recorded before the flight landed"}})
                .json()["kind"],
            "correction");
  EXPECT_EQ(move(embassy, person, {{"to", "verified"}, {"hold", true}}).status, 422u)
      << "one kind of change at a time";
  EXPECT_EQ(move(ministry, person, {{"to", "arrived"}, {"occurred_at", "2999-01-01T00:00:00Z"}}).status,
            422u);
}

TEST_F(JourneyTest, InvalidRecordsNameTheirFieldsAndWriteNothing) {
  ApiClient embassy = server_->signed_in("embassy.one");
  const auto cohort = make_cohort(embassy);
  const std::string before = people_query("SELECT count(*) FROM people");
  const nlohmann::json invalid = {{"cohort_id", cohort},
                                  {"given_name", ""},
                                  {"family_name", "Otieno"},
                                  {"date_of_birth", "2999-01-01"},
                                  {"nationality", "XX"},
                                  {"phone", "0712345678"},
                                  {"vulnerabilities", {"minor", "tall"}},
                                  {"trafficking_status", "Victim"}};
  nlohmann::json with_unknown = invalid;
  with_unknown["colour"] = "blue";
  auto bad = embassy.post("/api/v1/people", with_unknown);
  ASSERT_EQ(bad.status, 422u) << bad.body;
  EXPECT_EQ(bad.header("content-type"), "application/problem+json");
  std::set<std::string> pointers;
  nlohmann::json problem = bad.json();
  for (const auto& e : problem["errors"]) pointers.insert(e["pointer"].get<std::string>());
  EXPECT_TRUE(pointers.count("#/colour")) << bad.body;  // unknown fields are refused, not ignored
  bad = embassy.post("/api/v1/people", invalid);
  ASSERT_EQ(bad.status, 422u) << bad.body;
  pointers.clear();
  problem = bad.json();
  for (const auto& e : problem["errors"]) pointers.insert(e["pointer"].get<std::string>());
  for (const char* field : {"#/given_name", "#/date_of_birth", "#/nationality", "#/phone",
                            "#/vulnerabilities/1", "#/trafficking_status"}) {
    EXPECT_TRUE(pointers.count(field)) << field << " in " << bad.body;
  }
  auto age = embassy.post("/api/v1/people", {{"given_name", "Imani"},
                                             {"family_name", "Kerubo"},
                                             {"date_of_birth", "2000-01-01"},
                                             {"estimated_age", 40}});
  EXPECT_EQ(age.status, 422u);
  EXPECT_EQ(people_query("SELECT count(*) FROM people"), before);
}

TEST_F(JourneyTest, ADuplicateDocumentIsNamedOnlyToThoseWhoMaySeeIt) {
  ApiClient bangkok = server_->signed_in("embassy.one");
  const auto cohort = make_cohort(bangkok);
  const auto first =
      make_person(bangkok, cohort, {{"document_kind", "passport"}, {"document_number", "BK7654321"}});
  auto again = bangkok.post("/api/v1/people", {{"given_name", "A"},
                                               {"family_name", "B"},
                                               {"document_kind", "passport"},
                                               {"document_number", "bk-7654321"}});
  ASSERT_EQ(again.status, 409u);
  EXPECT_NE(again.json()["detail"].get<std::string>().find(std::to_string(first)), std::string::npos);
  ApiClient pretoria = server_->signed_in("embassy.two");
  auto elsewhere = pretoria.post("/api/v1/people", {{"given_name", "A"},
                                                    {"family_name", "B"},
                                                    {"document_kind", "passport"},
                                                    {"document_number", "BK7654321"}});
  ASSERT_EQ(elsewhere.status, 409u);
  EXPECT_EQ(elsewhere.json()["detail"].get<std::string>().find(std::to_string(first)), std::string::npos);
  EXPECT_NE(elsewhere.json()["detail"].get<std::string>().find("outside your scope"), std::string::npos);
  EXPECT_EQ(again.json()["related_ids"], nlohmann::json::array({first}));
  EXPECT_FALSE(elsewhere.json().contains("related_ids"));

  // The pair goes to the ministry desk, which alone sees it and resolves it.
  EXPECT_EQ(pretoria.get("/api/v1/duplicate-flags").status, 403u);
  ApiClient ministry = server_->signed_in("ministry.one");
  auto flags = ministry.get("/api/v1/duplicate-flags");
  ASSERT_EQ(flags.status, 200u) << flags.body;
  const auto items = flags.json()["items"];
  ASSERT_EQ(items.size(), 1u) << "a duplicate the officer could see raises no flag";
  EXPECT_EQ(items[0]["existing_person_id"], first);
  EXPECT_EQ(items[0]["reporting_mission"], server_->pretoria);
  EXPECT_EQ(items[0]["attempted"]["family_name"], "B");
  const std::string resolve = "/api/v1/duplicate-flags/" + items[0]["id"].dump() + "/resolve";
  EXPECT_EQ(pretoria.post(resolve, {{"note", "x"}}).status, 403u);
  EXPECT_EQ(ministry.post(resolve, nlohmann::json::object()).status, 422u);
  ASSERT_EQ(
      ministry.post(resolve, {{"note", "the same person; Pretoria told to use the record on file"}}).status,
      200u);
  EXPECT_EQ(ministry.get("/api/v1/duplicate-flags").json()["items"].size(), 0u);
  EXPECT_EQ(ministry.post(resolve, {{"note", "again"}}).status, 404u);
}

TEST_F(JourneyTest, ASimilarNameWithTheSameBirthDateIsShownBeforeANewRecordIsMade) {
  ApiClient bangkok = server_->signed_in("embassy.one");
  const auto cohort = make_cohort(bangkok);
  const auto first = make_person(bangkok, cohort,
                                 {{"given_name", "Wanjiku"},
                                  {"family_name", "Kamau"},
                                  {"date_of_birth", "1998-04-02"},
                                  {"estimated_age", nullptr}});
  const nlohmann::json similar = {{"cohort_id", cohort},
                                  {"given_name", "Wanjiko"},
                                  {"family_name", "Kamau"},
                                  {"date_of_birth", "1998-04-02"}};
  auto close = bangkok.post("/api/v1/people", similar);
  ASSERT_EQ(close.status, 409u) << close.body;
  EXPECT_EQ(close.json()["type"], "urn:rudi:problem:possible-duplicate");
  EXPECT_EQ(close.json()["candidate_ids"], nlohmann::json::array({first}));
  EXPECT_EQ(people_query("SELECT count(*) FROM people"), "1") << "nothing written";

  auto elsewhere =
      server_->signed_in("embassy.two")
          .post("/api/v1/people",
                {{"given_name", "Wanjiko"}, {"family_name", "Kamau"}, {"date_of_birth", "1998-04-02"}});
  EXPECT_EQ(elsewhere.status, 201u)
      << "candidates outside the caller's scope are neither shown nor in the way";
  auto other_birthday = bangkok.post("/api/v1/people", {{"cohort_id", cohort},
                                                        {"given_name", "Wanjiko"},
                                                        {"family_name", "Kamau"},
                                                        {"date_of_birth", "1999-04-02"}});
  EXPECT_EQ(other_birthday.status, 201u) << other_birthday.body;
  auto decided = bangkok.post("/api/v1/people?allow_similar=true", similar);
  EXPECT_EQ(decided.status, 201u) << "the officer checked and it is someone else";
}

TEST_F(JourneyTest, EveryChangeHasOneEventInAGapFreeSequenceUnderConcurrency) {
  ApiClient ministry = server_->signed_in("ministry.one");
  const auto cohort = make_cohort(
      ministry, {{"mission_id", server_->bangkok}, {"name", "Second group"}, {"released_on", "2025-02-19"}});
  std::vector<std::int64_t> people;
  for (int i = 0; i < 16; ++i) people.push_back(make_person(ministry, cohort));
  // Sixteen clients move sixteen people through three stages each, at once.
  std::vector<std::future<int>> movers;
  for (auto person : people) {
    movers.push_back(std::async(std::launch::async, [&, person] {
      int accepted = 0;
      for (const char* stage : {"verified", "interviewed", "documented"}) {
        accepted += move(ministry, person, {{"to", stage}}).status == 201u;
      }
      return accepted;
    }));
  }
  int accepted = 0;
  for (auto& m : movers) accepted += m.get();
  EXPECT_EQ(accepted, 48);
  // 1 cohort + 16 people + 48 moves, numbered 1..65 without a gap once the sequencer has seen them.
  ASSERT_TRUE(server_->db().wait_until_sequenced());
  EXPECT_EQ(count("SELECT count(*) FROM events"), "65");
  EXPECT_EQ(count("SELECT max(seq) - min(seq) + 1 FROM events"), "65");
  EXPECT_EQ(count("SELECT min(seq) FROM events"), "1");
  EXPECT_EQ(count("SELECT last_seq FROM events_head"), "65");
  EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'person.transitioned'"), "48");
  EXPECT_EQ(people_query("SELECT count(*) FROM people WHERE stage = 'documented'"), "16");
  // Each person's last event says where they are.
  EXPECT_EQ(
      people_query("SELECT count(*) FROM people p WHERE p.stage <> (SELECT payload->>'stage' FROM events e "
                   "WHERE e.person_id = p.id ORDER BY seq DESC LIMIT 1)"),
      "0");
  EXPECT_EQ(
      count("SELECT count(*) FROM audit_log WHERE action = 'person.transition' AND outcome = 'allowed'"),
      "48");
}

TEST_F(JourneyTest, SixteenClientsRacingOnOnePersonMakeExactlyOneMove) {
  ApiClient ministry = server_->signed_in("ministry.one");
  const auto person =
      make_person(ministry, make_cohort(ministry, {{"mission_id", server_->bangkok}, {"name", "Race"}}));
  std::vector<std::future<unsigned>> racers;
  for (int i = 0; i < 16; ++i) {
    racers.push_back(std::async(std::launch::async, [&] {
      return move(ministry, person, {{"to", "verified"}}).status;
    }));
  }
  int moved = 0, refused = 0;
  for (auto& r : racers) {
    const unsigned status = r.get();
    moved += status == 201u;
    refused += status == 422u;
  }
  EXPECT_EQ(moved, 1);
  EXPECT_EQ(refused, 15) << "the others find the person at verified already";
  EXPECT_EQ(people_query("SELECT stage || ' ' || version FROM people WHERE id = " + std::to_string(person)),
            "verified 2");
  EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'person.transitioned' AND person_id = " +
                  std::to_string(person)),
            "1");
}

TEST_F(JourneyTest, ConsentIsRecordedPerPurposeWithItsHistoryAndWithdrawnAtOnce) {
  ApiClient embassy = server_->signed_in("embassy.one");
  const auto person = make_person(embassy, make_cohort(embassy));
  const std::string path = "/api/v1/people/" + std::to_string(person) + "/consents";
  auto granted = embassy.post(path, {{"purpose", "prosecution"},
                                     {"status", "granted"},
                                     {"method", "written"},
                                     {"note", "form signed at the shelter, with an interpreter"}});
  ASSERT_EQ(granted.status, 201u) << granted.body;
  EXPECT_EQ(granted.json()["in_force"]["prosecution"], "granted");
  EXPECT_EQ(embassy.get("/api/v1/people/" + std::to_string(person)).json()["consent"]["prosecution"],
            "granted");
  auto withdrawn =
      embassy.post(path, {{"purpose", "prosecution"}, {"status", "withdrawn"}, {"method", "verbal"}});
  ASSERT_EQ(withdrawn.status, 201u) << withdrawn.body;
  EXPECT_EQ(withdrawn.json()["in_force"]["prosecution"], "withdrawn");
  const nlohmann::json history = withdrawn.json()["history"];
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0]["recorded_by"], server_->embassy);
  EXPECT_EQ(history[1]["status"], "withdrawn");
  auto again =
      embassy.post(path, {{"purpose", "prosecution"}, {"status", "withdrawn"}, {"method", "verbal"}});
  EXPECT_EQ(again.status, 422u);
  EXPECT_EQ(embassy.post(path, {{"purpose", "gossip"}, {"status", "granted"}, {"method", "verbal"}}).status,
            422u);
  EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'consent.recorded' AND person_id = " +
                  std::to_string(person)),
            "2");
  EXPECT_EQ(server_->signed_in("embassy.two")
                .post(path, {{"purpose", "statistics"}, {"status", "granted"}, {"method", "verbal"}})
                .status,
            404u);
  EXPECT_EQ(server_->signed_in("prosecutor.one").get(path).status, 404u);
}

TEST_F(JourneyTest, UpdatesNeedTheCurrentVersionAndAStaleOneChangesNothing) {
  ApiClient embassy = server_->signed_in("embassy.one");
  const auto person = make_person(embassy, make_cohort(embassy), {{"phone", "+66812345678"}});
  const std::string path = "/api/v1/people/" + std::to_string(person);
  const std::string etag = embassy.get(path).header("etag");
  ASSERT_EQ(etag, "\"1\"");
  EXPECT_EQ(embassy.patch(path, {{"current_location", "Mae Sot shelter"}}).status, 428u)
      << "If-Match is required";
  auto updated = embassy.send("PATCH", path, nlohmann::json{{"current_location", "Mae Sot shelter"}},
                              {{"If-Match", etag}});
  ASSERT_EQ(updated.status, 200u) << updated.body;
  EXPECT_EQ(updated.json()["current_location"], "Mae Sot shelter");
  EXPECT_EQ(updated.json()["phone"], "+66812345678") << "fields not in the body are kept";
  EXPECT_EQ(updated.header("etag"), "\"2\"");
  auto stale =
      embassy.send("PATCH", path, nlohmann::json{{"current_location", "Bangkok"}}, {{"If-Match", etag}});
  EXPECT_EQ(stale.status, 412u);
  EXPECT_EQ(stale.json()["type"], "urn:rudi:problem:precondition-failed");
  EXPECT_EQ(embassy.get(path).json()["current_location"], "Mae Sot shelter");
  EXPECT_EQ(embassy.send("PATCH", path, nlohmann::json{{"stage", "cleared"}}, {{"If-Match", "\"2\""}}).status,
            422u);
  EXPECT_EQ(embassy.send("PATCH", path, nlohmann::json{{"phone", "12"}}, {{"If-Match", "\"2\""}}).status,
            422u);
  EXPECT_EQ(server_->signed_in("embassy.two")
                .send("PATCH", path, nlohmann::json{{"current_location", "x"}}, {{"If-Match", "\"2\""}})
                .status,
            404u);
}

TEST_F(JourneyTest, RetriesWithAnIdempotencyKeyGetTheFirstAnswerAndDoTheWorkOnce) {
  ApiClient embassy = server_->signed_in("embassy.one");
  const auto cohort = make_cohort(embassy);
  const nlohmann::json body = {{"cohort_id", cohort}, {"given_name", "Baraka"}, {"family_name", "Mwangi"}};
  auto first = embassy.send("POST", "/api/v1/people", body, {{"Idempotency-Key", "intake-0001"}});
  ASSERT_EQ(first.status, 201u) << first.body;
  auto retry = embassy.send("POST", "/api/v1/people", body, {{"Idempotency-Key", "intake-0001"}});
  EXPECT_EQ(retry.status, 201u);
  EXPECT_EQ(retry.json()["id"], first.json()["id"]);
  EXPECT_EQ(retry.header("idempotent-replayed"), "true");
  EXPECT_EQ(people_query("SELECT count(*) FROM people WHERE family_name = 'Mwangi'"), "1");
  auto other =
      embassy.send("POST", "/api/v1/people", nlohmann::json{{"given_name", "X"}, {"family_name", "Y"}},
                   {{"Idempotency-Key", "intake-0001"}});
  EXPECT_EQ(other.status, 422u) << "a key belongs to one request";

  const std::string path = "/api/v1/people/" + first.json()["id"].dump() + "/transitions";
  const nlohmann::json verify = {{"to", "located"}};
  EXPECT_EQ(embassy.send("POST", path, verify, {{"Idempotency-Key", "move-1"}}).status, 201u);
  EXPECT_EQ(embassy.send("POST", path, verify, {{"Idempotency-Key", "move-1"}}).status, 201u);
  EXPECT_EQ(people_query("SELECT count(*) FROM journey_steps WHERE person_id = " + first.json()["id"].dump()),
            "2")
      << "entered, then one move: the retry did not move again";
  EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'person.transitioned'"), "1");
}

TEST_F(JourneyTest, SearchToleratesTyposAndFindsDocumentsAndPagesWithoutGapsOrDuplicates) {
  ApiClient ministry = server_->signed_in("ministry.one");
  const auto c = make_cohort(ministry, {{"mission_id", server_->bangkok}, {"name", "Search group"}});
  make_person(ministry, c,
              {{"given_name", "Wanjiku"},
               {"family_name", "Kamau"},
               {"document_kind", "passport"},
               {"document_number", "AB9876543"},
               {"vulnerabilities", {"minor"}},
               {"estimated_age", 16}});
  make_person(ministry, c, {{"given_name", "Otieno"}, {"family_name", "Odhiambo"}});
  auto typo = ministry.get("/api/v1/people?q=Wanjku%20Kamua");
  ASSERT_EQ(typo.status, 200u) << typo.body;
  const nlohmann::json found = typo.json()["items"];
  ASSERT_GE(found.size(), 1u);
  EXPECT_EQ(found[0]["family_name"], "Kamau");
  auto by_document = ministry.get("/api/v1/people?q=ab-987-6543");
  ASSERT_EQ(by_document.json()["items"].size(), 1u);
  EXPECT_EQ(by_document.json()["items"][0]["given_name"], "Wanjiku");
  EXPECT_EQ(ministry.get("/api/v1/people?minor=true").json()["items"].size(), 1u);
  EXPECT_EQ(ministry.get("/api/v1/people?q=x").status, 422u);
  EXPECT_EQ(ministry.get("/api/v1/people?colour=red").status, 422u);

  // Pages of 3 by name while more people are added: every one seen once, none twice.
  for (int i = 0; i < 7; ++i) {
    make_person(ministry, c, {{"given_name", "Person" + std::to_string(i)}, {"family_name", "Test"}});
  }
  std::set<std::int64_t> seen;
  std::string query = "/api/v1/people?sort=name&limit=3&cohort_id=" + std::to_string(c);
  std::string next = query;
  for (int page = 0; page < 10; ++page) {
    auto reply = ministry.get(next);
    ASSERT_EQ(reply.status, 200u) << reply.body;
    const nlohmann::json body = reply.json();
    for (const auto& item : body["items"])
      EXPECT_TRUE(seen.insert(item["id"].get<std::int64_t>()).second) << "twice";
    if (page == 0) make_person(ministry, c, {{"given_name", "Zuhura"}, {"family_name", "Late"}});
    if (!body.contains("next")) break;
    next = query + "&after=" + body["next"]["after"].dump() +
           "&after_name=" + body["next"]["after_name"].get<std::string>();
    for (auto& ch : next) {
      if (ch == ' ') ch = '+';
    }
  }
  EXPECT_EQ(seen.size(), 10u) << "9 before the first page and one added after it, sorting after it";
}

TEST_F(JourneyTest, CohortsAreReadAndChangedWithTheirVersion) {
  ApiClient embassy = server_->signed_in("embassy.one");
  const auto cohort = make_cohort(embassy);
  const std::string path = "/api/v1/cohorts/" + std::to_string(cohort);
  auto read = embassy.get(path);
  ASSERT_EQ(read.status, 200u);
  EXPECT_EQ(read.json()["locality"], "Myawaddy → Mae Sot");
  EXPECT_EQ(embassy.patch(path, {{"notes", "x"}}).status, 428u);
  auto changed = embassy.send("PATCH", path, nlohmann::json{{"notes", "IOM present at the crossing"}},
                              {{"If-Match", read.header("etag")}});
  ASSERT_EQ(changed.status, 200u) << changed.body;
  EXPECT_EQ(changed.json()["notes"], "IOM present at the crossing");
  EXPECT_EQ(changed.json()["name"], "Myawaddy release") << "fields not in the body are kept";
  EXPECT_EQ(
      embassy.send("PATCH", path, nlohmann::json{{"notes", "y"}}, {{"If-Match", read.header("etag")}}).status,
      412u);
  EXPECT_EQ(embassy
                .send("PATCH", path, nlohmann::json{{"released_on", "2999-01-01"}},
                      {{"If-Match", changed.header("etag")}})
                .status,
            422u);
  EXPECT_EQ(server_->signed_in("embassy.two").get(path).status, 404u);
  EXPECT_EQ(count("SELECT count(*) FROM events WHERE type = 'cohort.updated'"), "1");
}

TEST_F(JourneyTest, ReadsOfAPersonAreAudited) {
  ApiClient ministry = server_->signed_in("ministry.one");
  const auto cohort = make_cohort(ministry, {{"mission_id", server_->bangkok},
                                             {"name", "Walk-ins"},
                                             {"released_on", "2025-03-01"},
                                             {"country", "TH"},
                                             {"locality", nullptr}});
  const auto person = make_person(ministry, cohort);
  ministry.get("/api/v1/people/" + std::to_string(person));
  ministry.get("/api/v1/people/" + std::to_string(person));
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'person.read' AND entity_id = '" +
                  std::to_string(person) + "' AND actor_id = " + std::to_string(server_->ministry)),
            "2");
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE details::text LIKE '%Neema%'"), "0")
      << "no personal data in the audit log";
}

}  // namespace
}  // namespace rudi
