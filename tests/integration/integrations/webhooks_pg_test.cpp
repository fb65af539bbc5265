// Outbound webhooks over real servers: a real `rudi serve` on PostgreSQL delivers to a real HTTP receiver
// that the test starts and tells to fail, hang or be slow. Signatures verify; failures and timeouts are
// retried in order; an event that is never taken is dead-lettered and a replay delivers it; a hanging
// receiver holds no other subscription; consent decides what personal data leaves; only administrators
// manage subscriptions. Short timeouts and back-offs keep each test quick; waits are on what the receiver
// records, never on the clock.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <iostream>
#include <set>

#include "support/records.hpp"
#include "support/server_test.hpp"
#include "support/test_certificate.hpp"
#include "support/webhook_receiver.hpp"

namespace rudi {
namespace {
using namespace std::chrono_literals;
using test::Answer;
using test::ApiClient;
using test::make_cohort;

const std::vector<std::string> kQuickDelivery = {"--webhook-allow-http",
                                                 "--webhook-max-attempts",
                                                 "3",
                                                 "--webhook-backoff-ms",
                                                 "20",
                                                 "--webhook-backoff-cap-ms",
                                                 "50",
                                                 "--webhook-connect-timeout-ms",
                                                 "500",
                                                 "--webhook-response-timeout-ms",
                                                 "400",
                                                 "--webhook-lease-ms",
                                                 "900",
                                                 "--webhook-poll-ms",
                                                 "100"};

// What a receiver does to check a delivery (docs/webhooks.md shows the same in other languages).
std::string expected_signature(const std::string& secret, const std::string& timestamp,
                               const std::string& body) {
  const std::string message = timestamp + "." + body;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &length);
  std::string hex;
  static constexpr char kHex[] = "0123456789abcdef";
  for (unsigned i = 0; i < length; ++i) {
    hex.push_back(kHex[mac[i] >> 4]);
    hex.push_back(kHex[mac[i] & 0xf]);
  }
  return "t=" + timestamp + ",v1=" + hex;
}

std::int64_t seq_of(const test::ReceivedRequest& r) {
  return std::stoll(r.headers.at("rudi-event-seq"));
}

class WebhooksTest : public test::ServerTest {
 protected:
  // Each test starts its server with the delivery flags it needs.
  void SetUp() override { require_database(); }
  void start(std::vector<std::string> flags = kQuickDelivery) { start_server(std::move(flags)); }

  // Subscribes `path` of the receiver; returns {id, secret}.
  std::pair<std::int64_t, std::string> subscribe(const std::string& path, nlohmann::json extra = {}) {
    ApiClient admin = server_->signed_in("admin.one");
    nlohmann::json body = {{"name", "receiver " + path},
                           {"url", receiver_.url(path)},
                           {"purpose", "family_contact"},
                           {"event_types", {"person.created", "person.transitioned", "consent.recorded"}}};
    if (extra.is_object()) body.update(extra);
    auto reply = admin.post("/api/v1/webhooks", body);
    EXPECT_EQ(reply.status, 201u) << reply.body;
    return {reply.json().value("id", std::int64_t{0}), reply.json().value("secret", std::string())};
  }

  // A person with their next of kin on record: what the payload tests look for.
  std::int64_t make_person(ApiClient& c, std::int64_t cohort, const std::string& given_name) {
    return test::make_person(c, cohort,
                             {{"given_name", given_name},
                              {"next_of_kin_name", "Baraka Wafula"},
                              {"next_of_kin_phone", "+254700000123"}});
  }

  void record_consent(ApiClient& c, std::int64_t person, const std::string& status) {
    auto reply = c.post("/api/v1/people/" + std::to_string(person) + "/consents",
                        {{"purpose", "family_contact"}, {"status", status}, {"method", "verbal"}});
    ASSERT_EQ(reply.status, 201u) << reply.body;
  }

  test::WebhookReceiver receiver_;
};

TEST_F(WebhooksTest, EachEventArrivesSignedWithItsSequenceNumber) {
  start();
  auto [id, secret] = subscribe("/hook");
  ASSERT_TRUE(secret.starts_with("whsec_")) << secret;
  ApiClient embassy = server_->signed_in("embassy.one");
  const auto person = make_person(embassy, make_cohort(embassy), "Neema");

  ASSERT_TRUE(receiver_.wait_for("/hook", 1, 10s));
  const auto got = receiver_.requests("/hook").front();
  const auto body = got.json();
  EXPECT_EQ(body["type"], "person.created");
  EXPECT_EQ(body["data"]["id"], person);
  EXPECT_EQ(std::to_string(body["seq"].get<std::int64_t>()), got.headers.at("rudi-event-seq"));
  EXPECT_EQ(got.headers.at("rudi-event-type"), "person.created");
  EXPECT_EQ(got.headers.at("rudi-webhook-id"), std::to_string(id));
  EXPECT_TRUE(body.contains("committed_at") && body["committed_at"].is_string());
  EXPECT_TRUE(body["topics"].is_array());
  EXPECT_EQ(got.headers.at("content-type"), "application/json");
  // The signature is HMAC-SHA256 over "timestamp.body" with the secret the administrator was shown.
  const std::string timestamp = got.headers.at("rudi-timestamp");
  EXPECT_EQ(got.headers.at("rudi-signature"), expected_signature(secret, timestamp, got.body));
  EXPECT_NE(got.headers.at("rudi-signature"), expected_signature(secret + "x", timestamp, got.body));
  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  EXPECT_LE(std::abs(now - std::stoll(timestamp)), 60);
  // From the change's commit to the receiver, for the record (the feed's doorbell wakes the delivery).
  const double committed = std::stod(server_->db().owner_query(
      "SELECT extract(epoch FROM committed_at) FROM events WHERE seq = " + got.headers.at("rudi-event-seq")));
  const double received = std::chrono::duration<double>(got.received_at.time_since_epoch()).count();
  std::cout << "webhook delivery after commit: " << (received - committed) * 1000 << " ms\n";
  // The secret is kept sealed: neither the list nor the table shows it.
  ApiClient admin = server_->signed_in("admin.one");
  EXPECT_EQ(admin.get("/api/v1/webhooks").body.find(secret), std::string::npos);
  EXPECT_EQ(server_->db().owner_query("SELECT count(*) FROM webhooks WHERE position('" + secret +
                                      "' IN encode(secret_ciphertext, 'escape')) > 0"),
            "0");
}

TEST_F(WebhooksTest, AnHttpsReceiverIsReachedWhenItsAuthorityIsTrusted) {
  const auto certificate = test::make_test_certificate();
  test::WebhookReceiver secure(certificate.cert.string(), certificate.key.string());
  auto flags = kQuickDelivery;
  flags.insert(flags.end(), {"--webhook-ca-file", certificate.cert.string()});
  start(flags);
  auto [id, secret] = subscribe("/secure", {{"url", secure.url("/secure")}});
  ApiClient embassy = server_->signed_in("embassy.one");
  make_person(embassy, make_cohort(embassy), "Neema");
  ASSERT_TRUE(secure.wait_for("/secure", 1, 10s));
  const auto got = secure.requests("/secure").front();
  EXPECT_EQ(got.headers.at("rudi-signature"),
            expected_signature(secret, got.headers.at("rudi-timestamp"), got.body));
  std::filesystem::remove_all(certificate.dir);
}

TEST_F(WebhooksTest, AnHttpsReceiverWithAnUntrustedCertificateGetsNothing) {
  const auto certificate = test::make_test_certificate();
  test::WebhookReceiver impostor(certificate.cert.string(), certificate.key.string());
  start();  // trusts the system's authorities only
  auto [id, secret] = subscribe("/untrusted", {{"url", impostor.url("/untrusted")}});
  ApiClient embassy = server_->signed_in("embassy.one");
  make_person(embassy, make_cohort(embassy), "Neema");
  ASSERT_TRUE(server_->serve().process->wait_for_log("webhook event dead-lettered", 15s));
  EXPECT_TRUE(impostor.requests("/untrusted").empty())
      << "no request may be sent before the peer is verified";
  ApiClient admin = server_->signed_in("admin.one");
  auto dead = admin.get("/api/v1/webhooks/" + std::to_string(id) + "/dead-letters");
  ASSERT_EQ(dead.json()["items"].size(), 1u) << dead.body;
  EXPECT_NE(dead.json()["items"][0]["last_error"].get<std::string>().find("TLS handshake"), std::string::npos)
      << dead.body;
  std::filesystem::remove_all(certificate.dir);
}

TEST_F(WebhooksTest, FailuresAndTimeoutsAreRetriedAndTheOrderIsKept) {
  start();
  subscribe("/hook");
  // The first event: a 500, then no answer in time, then taken. Later events wait for it.
  receiver_.script("/hook", {Answer::fail, Answer::hang});
  ApiClient embassy = server_->signed_in("embassy.one");
  const auto cohort = make_cohort(embassy);
  std::vector<std::int64_t> people;
  for (const char* name : {"Neema", "Akinyi", "Wanjiru"})
    people.push_back(make_person(embassy, cohort, name));

  ASSERT_TRUE(receiver_.wait_for("/hook", 5, 15s));  // three tries of the first, then one of each other
  const auto got = receiver_.requests("/hook");
  std::vector<std::int64_t> seqs;
  for (const auto& r : got) seqs.push_back(seq_of(r));
  EXPECT_EQ(seqs[0], seqs[1]);
  EXPECT_EQ(seqs[1], seqs[2]);
  EXPECT_TRUE(std::is_sorted(seqs.begin(), seqs.end())) << "a later event went before an earlier one";
  EXPECT_EQ(std::set<std::int64_t>(seqs.begin(), seqs.end()).size(), 3u);
  std::vector<std::int64_t> ids;
  for (std::size_t i = 2; i < got.size(); ++i) ids.push_back(got[i].json()["data"]["id"]);
  EXPECT_EQ(ids, people);
  receiver_.release_hanging();
}

TEST_F(WebhooksTest, AnEventNeverTakenIsDeadLetteredAndAReplayDeliversIt) {
  start();
  auto [id, secret] = subscribe("/hook");
  receiver_.script("/hook", {Answer::fail, Answer::fail, Answer::fail});
  ApiClient embassy = server_->signed_in("embassy.one");
  const auto cohort = make_cohort(embassy);
  const auto first = make_person(embassy, cohort, "Neema");
  const auto second = make_person(embassy, cohort, "Akinyi");

  // Three tries of the first event, then the second: the first was dead-lettered before the second went.
  ASSERT_TRUE(receiver_.wait_for("/hook", 4, 15s));
  auto got = receiver_.requests("/hook");
  const auto dead_seq = seq_of(got[0]);
  EXPECT_EQ(got[3].json()["data"]["id"], second);
  ApiClient admin = server_->signed_in("admin.one");
  const std::string base = "/api/v1/webhooks/" + std::to_string(id);
  auto dead = admin.get(base + "/dead-letters");
  ASSERT_EQ(dead.status, 200u) << dead.body;
  ASSERT_EQ(dead.json()["items"].size(), 1u) << dead.body;
  const auto letter = dead.json()["items"][0];
  EXPECT_EQ(letter["seq"], dead_seq);
  EXPECT_EQ(letter["attempts"], 3);
  EXPECT_EQ(letter["state"], "dead");
  EXPECT_EQ(letter["event_type"], "person.created");
  EXPECT_EQ(letter["last_error"], "answered 500");
  EXPECT_EQ(admin.get(base).json()["dead_letters"], 1);
  const auto metrics = server_->client().get("/metrics").body;
  EXPECT_NE(metrics.find("rudi_webhook_dead_lettered 1"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("rudi_webhook_failed_tries 3"), std::string::npos) << metrics;

  auto replay = admin.post(base + "/replay", {{"dead_letter_id", letter["id"]}});
  ASSERT_EQ(replay.status, 202u) << replay.body;
  EXPECT_EQ(replay.json()["replaying"], 1);
  ASSERT_TRUE(receiver_.wait_for("/hook", 5, 10s));
  got = receiver_.requests("/hook");
  EXPECT_EQ(seq_of(got[4]), dead_seq);
  EXPECT_EQ(got[4].json()["data"]["id"], first);
  // The next event goes after the replay was recorded: the dead letter shows as delivered by then.
  make_person(embassy, cohort, "Wanjiru");
  ASSERT_TRUE(receiver_.wait_for("/hook", 6, 10s));
  dead = admin.get(base + "/dead-letters");
  EXPECT_EQ(dead.json()["items"][0]["state"], "delivered") << dead.body;
  EXPECT_EQ(admin.post(base + "/replay", {{"dead_letter_id", letter["id"]}}).status, 404u);
}

TEST_F(WebhooksTest, AHangingReceiverDoesNotDelayAnotherSubscription) {
  // A long answer timeout: the hanging receiver holds its delivery for the whole test.
  auto flags = kQuickDelivery;
  *(std::find(flags.begin(), flags.end(), "--webhook-response-timeout-ms") + 1) = "30000";
  start(flags);
  subscribe("/hanging");
  subscribe("/healthy");
  receiver_.answer_always("/hanging", Answer::hang);
  ApiClient embassy = server_->signed_in("embassy.one");
  const auto cohort = make_cohort(embassy);
  make_person(embassy, cohort, "Neema");
  ASSERT_TRUE(receiver_.wait_for("/hanging", 1, 10s));
  make_person(embassy, cohort, "Akinyi");
  // The healthy receiver gets both events while the first delivery to the other still waits.
  ASSERT_TRUE(receiver_.wait_for("/healthy", 2, 10s));
  EXPECT_EQ(receiver_.requests("/hanging").size(), 1u);
  // The API answers meanwhile, too.
  EXPECT_EQ(embassy.get("/api/v1/people?cohort_id=" + std::to_string(cohort)).status, 200u);
  receiver_.release_hanging();
  ASSERT_TRUE(receiver_.wait_for("/hanging", 2, 10s));
}

TEST_F(WebhooksTest, ASlowReceiverWithinTheTimeLimitGetsEachEventOnce) {
  start();  // answers within 400 ms count
  subscribe("/slow");
  receiver_.set_slow_delay(std::chrono::milliseconds(150));
  receiver_.answer_always("/slow", Answer::slow);
  ApiClient embassy = server_->signed_in("embassy.one");
  const auto cohort = make_cohort(embassy);
  for (const char* name : {"Neema", "Akinyi", "Wanjiru"}) make_person(embassy, cohort, name);
  ASSERT_TRUE(receiver_.wait_for("/slow", 3, 10s));
  // A fourth event: had any of the three been tried again, it would have arrived before this one.
  make_person(embassy, cohort, "Chebet");
  ASSERT_TRUE(receiver_.wait_for("/slow", 4, 10s));
  std::vector<std::int64_t> seqs;
  for (const auto& r : receiver_.requests("/slow")) seqs.push_back(seq_of(r));
  EXPECT_EQ(std::set<std::int64_t>(seqs.begin(), seqs.end()).size(), 4u);
  EXPECT_TRUE(std::is_sorted(seqs.begin(), seqs.end()));
}

TEST_F(WebhooksTest, PersonalDataLeavesOnlyWithConsentForTheSubscriptionsPurpose) {
  start();
  subscribe("/family", {{"purpose", "family_contact"}});
  subscribe("/statistics", {{"purpose", "statistics"}});
  ApiClient embassy = server_->signed_in("embassy.one");
  const auto cohort = make_cohort(embassy);
  const auto consenting = make_person(embassy, cohort, "Neema");
  const auto not_asked = make_person(embassy, cohort, "Akinyi");
  // Another purpose's consent is not delivered (had it been, it would arrive before the grant below).
  ASSERT_EQ(embassy
                .post("/api/v1/people/" + std::to_string(not_asked) + "/consents",
                      {{"purpose", "prosecution"}, {"status", "granted"}, {"method", "written"}})
                .status,
            201u);
  record_consent(embassy, consenting, "granted");
  // Two person.created and the grant: the grant is delivered while the consent is in force.
  ASSERT_TRUE(receiver_.wait_for("/family", 3, 10s));
  const auto granted = receiver_.requests("/family")[2].json();
  EXPECT_EQ(granted["type"], "consent.recorded");
  EXPECT_EQ(granted["data"]["person"]["given_name"], "Neema") << granted.dump();
  record_consent(embassy, consenting, "withdrawn");
  ASSERT_TRUE(receiver_.wait_for("/family", 4, 10s));
  ASSERT_TRUE(receiver_.wait_for("/statistics", 2, 10s));  // the two people; no consent of its purpose

  // Consent is read when an event is delivered: find the consent events and what they carried.
  int with_person = 0;
  for (const auto& r : receiver_.requests("/family")) {
    const auto body = r.json();
    const auto& data = body["data"];
    ASSERT_TRUE(data.contains("consent")) << r.body;
    EXPECT_EQ(data["consent"]["purpose"], "family_contact");
    EXPECT_NE(data.value("purpose", std::string()), "prosecution") << r.body;
    if (data["id"] == not_asked) {
      EXPECT_FALSE(data.contains("person")) << r.body;
      EXPECT_EQ(r.body.find("Akinyi"), std::string::npos);
      EXPECT_EQ(data["consent"]["granted"], false);
    }
    if (data.contains("person")) {
      ++with_person;
      EXPECT_EQ(data["id"], consenting);
      EXPECT_EQ(data["consent"]["granted"], true);
      EXPECT_EQ(data["person"]["given_name"], "Neema");
      EXPECT_EQ(data["person"]["next_of_kin_phone"], "+254700000123");
      EXPECT_FALSE(data["person"].contains("date_of_birth")) << "not a family liaison's business";
    }
    EXPECT_TRUE(data.contains("stage")) << r.body;
  }
  // The withdrawal's own event carries nothing personal, and the grant's did unless the withdrawal was
  // already in force when it went: at most the events before the withdrawal carry the person.
  const auto family = receiver_.requests("/family");
  EXPECT_FALSE(family.back().json()["data"].contains("person")) << family.back().body;
  EXPECT_GE(with_person, 1);
  EXPECT_LE(with_person, 2);
  // Statistics never get personal fields, consent or not.
  for (const auto& r : receiver_.requests("/statistics")) {
    EXPECT_FALSE(r.json()["data"].contains("person")) << r.body;
    EXPECT_EQ(r.body.find("Neema"), std::string::npos);
  }
  // A disclosure is audited, with the person's id and the subscription's purpose.
  EXPECT_EQ(server_->db().owner_query("SELECT count(*) FROM audit_log WHERE action = 'webhook.deliver' AND "
                                      "entity_id = '" +
                                      std::to_string(consenting) + "'"),
            std::to_string(with_person));
}

TEST_F(WebhooksTest, AMissionScopedSubscriptionGetsOnlyItsMissionsEvents) {
  start();
  subscribe("/pretoria", {{"mission_id", server_->pretoria}});
  subscribe("/nation");
  ApiClient bangkok = server_->signed_in("embassy.one");
  ApiClient pretoria = server_->signed_in("embassy.two");
  make_person(bangkok, make_cohort(bangkok), "Neema");
  const auto theirs = make_person(pretoria, make_cohort(pretoria), "Akinyi");
  ASSERT_TRUE(receiver_.wait_for("/nation", 2, 10s));
  ASSERT_TRUE(receiver_.wait_for("/pretoria", 1, 10s));
  // The Pretoria subscription's cursor passed the Bangkok event without delivering it.
  const auto got = receiver_.requests("/pretoria");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].json()["data"]["id"], theirs);
}

TEST_F(WebhooksTest, OnlyAdministratorsManageWebhooksAndBadInputIsNamed) {
  start();
  const nlohmann::json good = {
      {"name", "SMS gateway"}, {"url", "https://sms.example.org/rudi"}, {"purpose", "family_contact"}};
  for (const char* who : {"embassy.one", "ministry.one", "prosecutor.one", "auditor.one"}) {
    ApiClient c = server_->signed_in(who);
    EXPECT_EQ(c.get("/api/v1/webhooks").status, 403u) << who;
    EXPECT_EQ(c.post("/api/v1/webhooks", good).status, 403u) << who;
    EXPECT_EQ(c.get("/api/v1/webhooks/1/dead-letters").status, 403u) << who;
    EXPECT_EQ(c.post("/api/v1/webhooks/1/replay", nlohmann::json::object()).status, 403u) << who;
    EXPECT_EQ(c.del("/api/v1/webhooks/1").status, 403u) << who;
  }
  EXPECT_EQ(server_->client().get("/api/v1/webhooks").status, 401u);
  EXPECT_EQ(server_->db().owner_query(
                "SELECT count(*) FROM audit_log WHERE entity = 'webhook' AND outcome = 'refused'"),
            "20");

  ApiClient admin = server_->signed_in("admin.one");
  auto check = [&](nlohmann::json change, const std::string& pointer) {
    nlohmann::json body = good;
    body.update(change);
    auto reply = admin.post("/api/v1/webhooks", body);
    EXPECT_EQ(reply.status, 422u) << reply.body;
    EXPECT_EQ(reply.header("content-type"), "application/problem+json");
    bool named = false;
    for (const auto& e : reply.json().value("errors", nlohmann::json::array()))
      named = named || e["pointer"] == "#" + pointer;
    EXPECT_TRUE(named) << pointer << ": " << reply.body;
  };
  check({{"url", "ftp://sms.example.org/"}}, "/url");
  check({{"url", "https://user:pw@sms.example.org/"}}, "/url");
  check({{"url", "http://sms.example.org/"}}, "/url");  // http only to loopback, even in tests
  check({{"url", "https://sms.example.org/" + std::string(2100, 'a')}}, "/url");
  check({{"purpose", "marketing"}}, "/purpose");
  check({{"event_types", {"session.created"}}}, "/event_types/0");
  check({{"topics", {"everything"}}}, "/topics/0");
  check({{"mission_id", 999999}}, "/mission_id");
  EXPECT_EQ(server_->db().owner_query("SELECT count(*) FROM webhooks"), "0");

  auto created = admin.post("/api/v1/webhooks", good);
  ASSERT_EQ(created.status, 201u) << created.body;
  const auto id = created.json()["id"].get<std::int64_t>();
  EXPECT_EQ(created.json()["scope"], "nation");
  auto listed = admin.get("/api/v1/webhooks");
  ASSERT_EQ(listed.json()["items"].size(), 1u);
  EXPECT_FALSE(listed.json()["items"][0].contains("secret"));
  EXPECT_EQ(admin.get("/api/v1/webhooks/" + std::to_string(id)).json()["url"],
            "https://sms.example.org/rudi");
  EXPECT_EQ(admin.del("/api/v1/webhooks/" + std::to_string(id)).status, 204u);
  EXPECT_EQ(admin.get("/api/v1/webhooks/" + std::to_string(id)).status, 404u);
  EXPECT_EQ(server_->db().owner_query("SELECT count(*) FROM audit_log WHERE entity = 'webhook' AND action IN "
                                      "('webhook.create', 'webhook.delete') AND outcome = 'allowed'"),
            "2");
}

TEST_F(WebhooksTest, TheCommandLineAddsListsAndRemovesSubscriptions) {
  start();
  const std::map<std::string, std::string> env = {{"RUDI_DATABASE_URL", server_->db().app_url()}};
  test::ChildProcess add(
      {test::rudi_binary(), "webhook", "add", "--name", "Shelter intake", "--url", receiver_.url("/cli"),
       "--purpose", "partner_referral", "--event-type", "person.created", "--webhook-allow-http"},
      env);
  ASSERT_EQ(add.wait_exit(20s), 0) << add.output();
  EXPECT_NE(add.output().find("whsec_"), std::string::npos);
  test::ChildProcess list({test::rudi_binary(), "webhook", "list"}, env);
  ASSERT_EQ(list.wait_exit(20s), 0) << list.output();
  EXPECT_NE(list.output().find("Shelter intake"), std::string::npos) << list.output();
  EXPECT_EQ(list.output().find("whsec_"), std::string::npos);

  // The server delivers what the command line subscribed.
  ApiClient embassy = server_->signed_in("embassy.one");
  make_person(embassy, make_cohort(embassy), "Neema");
  ASSERT_TRUE(receiver_.wait_for("/cli", 1, 10s));

  const auto id = server_->db().owner_query("SELECT id FROM webhooks");
  test::ChildProcess dead({test::rudi_binary(), "webhook", "dead-letters", "--id", id}, env);
  ASSERT_EQ(dead.wait_exit(20s), 0) << dead.output();
  test::ChildProcess remove({test::rudi_binary(), "webhook", "remove", "--id", id}, env);
  ASSERT_EQ(remove.wait_exit(20s), 0) << remove.output();
  EXPECT_EQ(server_->db().owner_query("SELECT count(*) FROM webhooks"), "0");
}

TEST_F(WebhooksTest, TwoNodesDeliverEachEventOnce) {
  start();
  auto second = server_->start_node(kQuickDelivery);
  ASSERT_NE(second.port, 0) << second.process->output();
  subscribe("/hook");
  ApiClient embassy = server_->signed_in("embassy.one");
  const auto cohort = make_cohort(embassy);
  for (const char* name : {"Neema", "Akinyi", "Wanjiru", "Chebet"}) make_person(embassy, cohort, name);
  ASSERT_TRUE(receiver_.wait_for("/hook", 4, 10s));
  // One more event after the four: by the time it arrives, any duplicate of the four would have too.
  make_person(embassy, cohort, "Njeri");
  ASSERT_TRUE(receiver_.wait_for("/hook", 5, 10s));
  std::vector<std::int64_t> seqs;
  for (const auto& r : receiver_.requests("/hook")) seqs.push_back(seq_of(r));
  EXPECT_EQ(seqs.size(), 5u);
  EXPECT_TRUE(std::is_sorted(seqs.begin(), seqs.end()));
  EXPECT_EQ(std::set<std::int64_t>(seqs.begin(), seqs.end()).size(), seqs.size());
  EXPECT_EQ(server_->db().owner_query("SELECT count(DISTINCT lease_owner) FROM webhooks"), "1");
}

}  // namespace
}  // namespace rudi
