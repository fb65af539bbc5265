// Who receives which event: the access policy asked with the scope the event carries.
#include "live/event_filter.hpp"

#include <gtest/gtest.h>

#include "service/live_access.hpp"
#include "unit/live/signed_in.hpp"

namespace rudi::live {
namespace {

using test::signed_in;

store::EventRecord person_event(std::int64_t mission, std::vector<std::int64_t> prosecutors, bool consent) {
  store::EventRecord e;
  e.seq = 1;
  e.type = "person.transitioned";
  e.mission_id = mission;
  e.person_id = 9;
  e.prosecutor_ids = std::move(prosecutors);
  e.prosecution_consent = consent;
  return e;
}

const auto embassy = signed_in(auth::Role::embassy_officer, 1, 10);
const auto other_embassy = signed_in(auth::Role::embassy_officer, 2, 20);
const auto ministry = signed_in(auth::Role::ministry_officer, 3);
const auto prosecutor = signed_in(auth::Role::prosecutor, 4);
const auto other_prosecutor = signed_in(auth::Role::prosecutor, 5);
const auto administrator = signed_in(auth::Role::administrator, 6);
const auto auditor = signed_in(auth::Role::auditor, 7);

TEST(EventFilter, APersonsEventGoesToTheirMissionTheMinistryAndConsentingLinkedProsecutorsOnly) {
  const auto e = person_event(10, {4}, true);
  EXPECT_TRUE(may_receive(embassy, e));
  EXPECT_FALSE(may_receive(other_embassy, e));
  EXPECT_TRUE(may_receive(ministry, e));
  EXPECT_TRUE(may_receive(prosecutor, e));
  EXPECT_FALSE(may_receive(other_prosecutor, e));
  EXPECT_FALSE(may_receive(administrator, e));
  EXPECT_FALSE(may_receive(auditor, e));
  EXPECT_FALSE(may_receive(prosecutor, person_event(10, {4}, false))) << "no consent, no event";
}

TEST(EventFilter, ARosterImportsBatchEventGoesToTheCohortsMissionAndTheMinistryOnly) {
  store::EventRecord e;
  e.seq = 1;
  e.type = "cohort.imported";
  e.mission_id = 10;
  e.cohort_id = 3;
  EXPECT_TRUE(may_receive(embassy, e));
  EXPECT_FALSE(may_receive(other_embassy, e));
  EXPECT_TRUE(may_receive(ministry, e));
  EXPECT_FALSE(may_receive(prosecutor, e)) << "the people it names are not linked to any case yet";
  EXPECT_FALSE(may_receive(administrator, e));
  EXPECT_FALSE(may_receive(auditor, e));
}

TEST(EventFilter, ACasesEventGoesToItsProsecutorsAndTheMinistry) {
  store::EventRecord e;
  e.type = "victim.linked";
  e.mission_id = 10;  // a person's mission does not open a case's event to the embassy
  e.prosecutor_ids = {4};
  e.case_ids = {2};
  EXPECT_TRUE(may_receive(prosecutor, e));
  EXPECT_TRUE(may_receive(ministry, e));
  EXPECT_FALSE(may_receive(other_prosecutor, e));
  EXPECT_FALSE(may_receive(embassy, e));
}

TEST(EventFilter, UnknownAndAccessEventsGoToNobodyNorDoesAnEventWithoutItsMission) {
  store::EventRecord e = person_event(10, {}, false);
  e.type = "access.user_ended";
  EXPECT_TRUE(is_access_event(e));
  EXPECT_FALSE(may_receive(ministry, e));
  e.type = "something.new";
  EXPECT_FALSE(may_receive(ministry, e));
  auto orphan = person_event(10, {}, false);
  orphan.mission_id.reset();
  EXPECT_FALSE(may_receive(embassy, orphan));
  auto inactive = ministry;
  inactive.active = false;
  EXPECT_FALSE(may_receive(inactive, person_event(10, {}, false)));
}

TEST(EventFilter, TopicsParseStrictly) {
  using service::parse_topic;
  EXPECT_TRUE(parse_topic("nation"));
  EXPECT_EQ(parse_topic("cohort:7")->id, 7);
  EXPECT_EQ(parse_topic("case:12")->kind, service::Topic::Kind::case_file);
  for (const char* bad : {"", "cohort:", "cohort:0", "cohort:-1", "cohort:7x", "Cohort:7", "people:1",
                          "nation:1", "cohort:99999999999999999999"})
    EXPECT_FALSE(parse_topic(bad)) << bad;
}

}  // namespace
}  // namespace rudi::live
