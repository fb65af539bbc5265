// Which receiver addresses are accepted, which events a subscription takes, and how the waits between
// tries grow.
#include "domain/webhook_subscription.hpp"

#include <gtest/gtest.h>

namespace rudi {
namespace {
using namespace std::chrono_literals;

std::string reason(std::string_view url, bool allow_http = false) {
  auto parsed = parse_webhook_url(url, allow_http);
  if (parsed) return "";
  return parsed.error().fields.at(0).reason;
}

TEST(WebhookUrl, HttpsAddressesAreTakenApart) {
  auto url = parse_webhook_url("https://Partner.example.org:8443/intake/rudi?x=1", false);
  ASSERT_TRUE(url);
  EXPECT_TRUE(url->tls);
  EXPECT_EQ(url->host, "partner.example.org");
  EXPECT_EQ(url->port, "8443");
  EXPECT_EQ(url->target, "/intake/rudi?x=1");
  url = parse_webhook_url("https://sms.example.org", false);
  ASSERT_TRUE(url);
  EXPECT_EQ(url->port, "443");
  EXPECT_EQ(url->target, "/");
  url = parse_webhook_url("http://[::1]:9000/hook", true);
  ASSERT_TRUE(url);
  EXPECT_EQ(url->host, "::1");
  EXPECT_FALSE(url->tls);
}

TEST(WebhookUrl, UnsafeOrMalformedAddressesAreRefusedWithAReason) {
  EXPECT_NE(reason("http://sms.example.org/"), "");           // plain http
  EXPECT_NE(reason("http://sms.example.org/", true), "");     // plain http, not loopback
  EXPECT_EQ(reason("http://127.0.0.1:8080/hook", true), "");  // tests
  EXPECT_NE(reason("http://127.0.0.1:8080/hook", false), "");
  EXPECT_NE(reason("ftp://sms.example.org/"), "");
  EXPECT_NE(reason("https://user:secret@sms.example.org/"), "");  // credentials
  EXPECT_NE(reason("https://sms.example.org/#part"), "");
  EXPECT_NE(reason("https://sms.example.org:0/"), "");
  EXPECT_NE(reason("https://sms.example.org:99999/"), "");
  EXPECT_NE(reason("https:///path"), "");
  EXPECT_NE(reason("https://sms example.org/"), "");
  EXPECT_NE(reason("https://sms.example.org/\n"), "");
  EXPECT_NE(reason("https://sms.example.org/" + std::string(2048, 'a')), "");
}

TEST(WebhookFilter, TakesDeliverableEventsOfItsTypesTopicsAndMission) {
  const std::vector<std::string> topics = {"person:7", "mission:2", "nation", "cohort:3"};
  EXPECT_TRUE(webhook_takes({}, "person.created", topics, 2));
  EXPECT_FALSE(webhook_takes({}, "user.access_ended", {}, std::nullopt));  // never leaves
  EXPECT_FALSE(webhook_takes({}, "case.updated", {"case:1"}, std::nullopt));
  EXPECT_FALSE(webhook_takes({{"consent.recorded"}, {}, {}}, "person.created", topics, 2));
  EXPECT_TRUE(webhook_takes({{}, {"cohort:3"}, {}}, "person.created", topics, 2));
  EXPECT_FALSE(webhook_takes({{}, {"cohort:4"}, {}}, "person.created", topics, 2));
  EXPECT_TRUE(webhook_takes({{}, {}, 2}, "person.created", topics, 2));
  EXPECT_FALSE(webhook_takes({{}, {}, 1}, "person.created", topics, 2));
}

TEST(WebhookFilter, NamesEachBadTypeAndTopic) {
  auto errors =
      check_webhook_filter({{"person.created", "session.created"}, {"nation", "mission:x", "cohort:01"}, {}});
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].field, "/event_types/1");
  EXPECT_EQ(errors[1].field, "/topics/1");
  EXPECT_EQ(errors[2].field, "/topics/2");
}

TEST(WebhookRetry, WaitsGrowExponentiallyUpToTheCapWithHalfJittered) {
  EXPECT_EQ(webhook_retry_delay(2, 1000ms, 60000ms, 1.0), 1000ms);
  EXPECT_EQ(webhook_retry_delay(2, 1000ms, 60000ms, 0.0), 500ms);
  EXPECT_EQ(webhook_retry_delay(3, 1000ms, 60000ms, 1.0), 2000ms);
  EXPECT_EQ(webhook_retry_delay(5, 1000ms, 60000ms, 1.0), 8000ms);
  EXPECT_EQ(webhook_retry_delay(30, 1000ms, 60000ms, 1.0), 60000ms);
  EXPECT_EQ(webhook_retry_delay(1000, 1000ms, 60000ms, 0.5), 45000ms);
}

TEST(WebhookConsent, EachPurposeGetsItsOwnFieldsAndStatisticsNone) {
  EXPECT_TRUE(personal_fields_for("statistics").empty());
  const auto& family = personal_fields_for("family_contact");
  EXPECT_NE(std::find(family.begin(), family.end(), "next_of_kin_phone"), family.end());
  EXPECT_EQ(std::find(family.begin(), family.end(), "exploitation_types"), family.end());
  EXPECT_TRUE(personal_fields_for("marketing").empty());
}

}  // namespace
}  // namespace rudi
