// Every rule of the journey: forward one step, skip with a reason, correction with a reason, hold and
// release, the owning side, the ministry's reach over every stage, and a readable refusal of the rest.
#include "domain/journey_rules.hpp"

#include <gtest/gtest.h>

namespace rudi {
namespace {

const Mover kEmbassy{Side::embassy, false};
const Mover kMinistry{Side::ministry, true};

TransitionRequest move_to(Stage to, std::string reason = "") {
  TransitionRequest request;
  request.to = to;
  request.reason = std::move(reason);
  return request;
}

TransitionRequest hold(HoldReason why, std::string reason = "") {
  TransitionRequest request;
  request.kind = TransitionRequest::Kind::hold;
  request.hold_reason = why;
  request.reason = std::move(reason);
  return request;
}

TransitionRequest release() {
  TransitionRequest request;
  request.kind = TransitionRequest::Kind::release;
  return request;
}

std::string refusal(const Result<TransitionOutcome>& r) {
  return r ? std::string("(allowed)") : r.error().fields.at(0).field + ": " + r.error().detail;
}

TEST(StageTable, HasTheDefaultProcessInOrderWithItsSides) {
  const auto& table = stage_table();
  ASSERT_EQ(table.size(), 13u);
  EXPECT_EQ(table.front().stage, Stage::reported);
  EXPECT_EQ(table.back().stage, Stage::closed);
  for (const auto& info : table) {
    EXPECT_EQ(parse_stage(info.name), info.stage);
    EXPECT_EQ(info.side,
              position_of(info.stage) <= position_of(Stage::departed) ? Side::embassy : Side::ministry);
  }
  EXPECT_FALSE(parse_stage("on_hold"));
  EXPECT_TRUE(stage_info(Stage::closed).needs_reason);
}

TEST(JourneyRules, ForwardOneStageAtATime) {
  auto r = plan_transition({Stage::located}, move_to(Stage::verified), kEmbassy);
  ASSERT_TRUE(r) << refusal(r);
  EXPECT_EQ(r->kind, TransitionKind::forward);
  EXPECT_EQ(r->after.stage, Stage::verified);
  EXPECT_FALSE(r->after.on_hold);
}

TEST(JourneyRules, SkippingNeedsAReasonAndIsRecordedAsASkip) {
  auto without = plan_transition({Stage::reported}, move_to(Stage::verified), kEmbassy);
  ASSERT_FALSE(without);
  EXPECT_EQ(without.error().fields[0].field, "/reason");
  EXPECT_NE(without.error().detail.find("skipping from reported to verified"), std::string::npos);
  EXPECT_FALSE(plan_transition({Stage::reported}, move_to(Stage::verified, "   "), kEmbassy));
  auto with = plan_transition({Stage::reported}, move_to(Stage::verified, "found and verified on one visit"),
                              kEmbassy);
  ASSERT_TRUE(with) << refusal(with);
  EXPECT_EQ(with->kind, TransitionKind::skip);
}

TEST(JourneyRules, MovingBackIsACorrectionWithAReason) {
  EXPECT_FALSE(plan_transition({Stage::documented}, move_to(Stage::verified), kEmbassy));
  auto r =
      plan_transition({Stage::documented}, move_to(Stage::verified, "wrong person's document"), kEmbassy);
  ASSERT_TRUE(r) << refusal(r);
  EXPECT_EQ(r->kind, TransitionKind::correction);
}

TEST(JourneyRules, OnlyTheOwningSideMovesIntoAStage) {
  auto embassy_home = plan_transition({Stage::departed}, move_to(Stage::arrived), kEmbassy);
  ASSERT_FALSE(embassy_home);
  EXPECT_NE(embassy_home.error().detail.find("arrived is the ministry's stage"), std::string::npos);
  const Mover ministry_bound{Side::ministry, false};
  EXPECT_FALSE(plan_transition({Stage::reported}, move_to(Stage::located), ministry_bound));
  EXPECT_TRUE(plan_transition({Stage::departed}, move_to(Stage::arrived), ministry_bound));
}

TEST(JourneyRules, MinistryOfficersMayActOnAnyStage) {
  EXPECT_TRUE(plan_transition({Stage::reported}, move_to(Stage::located), kMinistry));
  EXPECT_TRUE(plan_transition({Stage::cleared}, move_to(Stage::departed), kMinistry));
  EXPECT_TRUE(plan_transition({Stage::located}, hold(HoldReason::hospitalised), kMinistry));
}

TEST(JourneyRules, HoldAndReleaseReturnToTheSameStage) {
  auto held = plan_transition({Stage::cleared}, hold(HoldReason::in_detention_abroad), kEmbassy);
  ASSERT_TRUE(held) << refusal(held);
  EXPECT_EQ(held->kind, TransitionKind::hold);
  EXPECT_TRUE(held->after.on_hold);
  EXPECT_EQ(held->after.stage, Stage::cleared);
  auto moved = plan_transition(held->after, move_to(Stage::departed), kEmbassy);
  ASSERT_FALSE(moved);
  EXPECT_NE(moved.error().detail.find("lift the hold first"), std::string::npos);
  EXPECT_FALSE(plan_transition(held->after, hold(HoldReason::deceased), kEmbassy));
  auto released = plan_transition(held->after, release(), kEmbassy);
  ASSERT_TRUE(released) << refusal(released);
  EXPECT_EQ(released->kind, TransitionKind::release);
  EXPECT_EQ(released->after.stage, Stage::cleared);
  EXPECT_FALSE(released->after.on_hold);
  EXPECT_FALSE(plan_transition(released->after, release(), kEmbassy));
}

TEST(JourneyRules, AHoldNeedsItsReason) {
  TransitionRequest no_reason;
  no_reason.kind = TransitionRequest::Kind::hold;
  EXPECT_EQ(plan_transition({Stage::located}, no_reason, kEmbassy).error().fields[0].field, "/hold_reason");
  EXPECT_FALSE(plan_transition({Stage::located}, hold(HoldReason::other), kEmbassy));
  EXPECT_TRUE(
      plan_transition({Stage::located}, hold(HoldReason::other, "awaiting a court date abroad"), kEmbassy));
}

TEST(JourneyRules, TheEmbassyCannotHoldOrReleaseAtHomeStages) {
  EXPECT_FALSE(plan_transition({Stage::received}, hold(HoldReason::hospitalised), kEmbassy));
  EXPECT_FALSE(plan_transition({Stage::received, true}, release(), kEmbassy));
}

TEST(JourneyRules, ClosingNeedsAReason) {
  EXPECT_FALSE(plan_transition({Stage::reintegrating}, move_to(Stage::closed), kMinistry));
  EXPECT_TRUE(
      plan_transition({Stage::reintegrating}, move_to(Stage::closed, "care plan completed"), kMinistry));
}

TEST(JourneyRules, RefusesStayingPutAndOverlongReasons) {
  auto same = plan_transition({Stage::located}, move_to(Stage::located), kEmbassy);
  ASSERT_FALSE(same);
  EXPECT_NE(same.error().detail.find("already"), std::string::npos);
  EXPECT_FALSE(plan_transition({Stage::located},
                               move_to(Stage::verified, std::string(kMaxReasonLength + 1, 'x')), kEmbassy));
}

}  // namespace
}  // namespace rudi
