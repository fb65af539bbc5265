// The signature receivers check, and what a delivery's body carries with and without consent.
#include <gtest/gtest.h>

#include "integrations/webhooks/payload.hpp"
#include "integrations/webhooks/signature.hpp"

namespace rudi::webhooks {
namespace {

TEST(WebhookSignature, IsHmacSha256OfTimestampDotBody) {
  // The value `printf '1700000000.{"seq":1}' | openssl dgst -sha256 -hmac whsec_test` prints, as a
  // receiver would compute it (docs/webhooks.md).
  EXPECT_EQ(signature_header("whsec_test", 1700000000, R"({"seq":1})"),
            "t=1700000000,v1=926c3c48823e4dc937cdb0992313bcbbc472579d779ab54f0d4e09e4049838aa");
  EXPECT_NE(sign("whsec_test", 1700000000, "a"), sign("whsec_test", 1700000001, "a"));
  EXPECT_NE(sign("whsec_test", 1700000000, "a"), sign("whsec_tesu", 1700000000, "a"));
}

service::WebhookDelivery person_event() {
  service::WebhookDelivery d;
  d.event.seq = 42;
  d.event.type = "person.transitioned";
  d.event.topics = {"person:7", "mission:2", "nation"};
  d.event.person_id = 7;
  d.event.mission_id = 2;
  d.event.committed_at = "2025-03-01T08:00:00.000000Z";
  d.event.payload = {{"id", 7},
                     {"stage", "arrived"},
                     {"from", "departed"},
                     {"kind", "forward"},
                     {"mission_id", 2},
                     {"name", "should never be here"},
                     {"given_name", "Neema"}};
  return d;
}

TEST(WebhookPayload, WithoutConsentOnlyIdsAndStagesLeave) {
  auto d = person_event();
  d.consent_granted = false;
  const auto body = nlohmann::json::parse(delivery_body(d, "family_contact"));
  EXPECT_EQ(body["seq"], 42);
  EXPECT_EQ(body["type"], "person.transitioned");
  EXPECT_EQ(body["committed_at"], "2025-03-01T08:00:00.000000Z");
  EXPECT_EQ(body["data"]["stage"], "arrived");
  EXPECT_EQ(body["data"]["id"], 7);
  EXPECT_FALSE(body["data"].contains("name"));
  EXPECT_FALSE(body["data"].contains("given_name"));
  EXPECT_FALSE(body["data"].contains("person"));
  EXPECT_EQ(body["data"]["consent"], nlohmann::json({{"purpose", "family_contact"}, {"granted", false}}));
}

TEST(WebhookPayload, WithConsentThePurposesFieldsLeave) {
  auto d = person_event();
  d.consent_granted = true;
  d.person = {{"given_name", "Neema"}, {"next_of_kin_phone", "+254700000123"}};
  const auto body = nlohmann::json::parse(delivery_body(d, "family_contact"));
  EXPECT_EQ(body["data"]["person"]["given_name"], "Neema");
  EXPECT_EQ(body["data"]["consent"]["granted"], true);
}

TEST(WebhookPayload, ACohortsNameIsNoPersonalData) {
  service::WebhookDelivery d;
  d.event.seq = 3;
  d.event.type = "cohort.created";
  d.event.payload = {{"id", 1}, {"name", "Myawaddy release"}, {"mission_id", 2}};
  const auto body = nlohmann::json::parse(delivery_body(d, "statistics"));
  EXPECT_EQ(body["data"]["name"], "Myawaddy release");
  EXPECT_FALSE(body["data"].contains("consent"));
}

}  // namespace
}  // namespace rudi::webhooks
