#include "domain/prosecution_track.hpp"

#include <gtest/gtest.h>

namespace rudi {
namespace {

using enum TrackStep;

std::string refusal(const Result<Unit>& r) {
  return r ? "" : r.error().fields.at(0).field + ": " + r.error().fields.at(0).reason;
}

TEST(ProsecutionTrack, EveryStepHasAName) {
  for (auto step : {statement_recorded, linked, witness_prepared, testified, concluded})
    EXPECT_EQ(track_step_from(to_string(step)), step);
  EXPECT_FALSE(track_step_from("sentenced"));
}

TEST(ProsecutionTrack, StepsAfterLinkingGoForwardAndMaySkip) {
  EXPECT_TRUE(check_track_step({linked}, witness_prepared, std::nullopt));
  EXPECT_TRUE(check_track_step({linked, witness_prepared}, testified, std::nullopt));
  EXPECT_TRUE(check_track_step({linked}, testified, std::nullopt));  // no support was needed
  EXPECT_TRUE(check_track_step({linked, testified}, concluded, "conviction"));
}

TEST(ProsecutionTrack, TheStatementMayComeAtAnyTimeBeforeTheEnd) {
  EXPECT_TRUE(check_track_step({linked}, statement_recorded, std::nullopt));
  EXPECT_TRUE(check_track_step({linked, witness_prepared, testified}, statement_recorded, std::nullopt));
  EXPECT_EQ(refusal(check_track_step({linked, concluded}, statement_recorded, std::nullopt)),
            "/step: the case has concluded for this victim");
}

TEST(ProsecutionTrack, LinkedIsRecordedOnlyByLinking) {
  EXPECT_EQ(refusal(check_track_step({}, linked, std::nullopt)),
            "/step: a victim is linked by linking them to the case");
}

TEST(ProsecutionTrack, EachStepOnceAndNeverBackwards) {
  EXPECT_EQ(refusal(check_track_step({linked, testified}, testified, std::nullopt)),
            "/step: testified is recorded already");
  EXPECT_EQ(refusal(check_track_step({linked, testified}, witness_prepared, std::nullopt)),
            "/step: witness_prepared cannot come after testified");
}

TEST(ProsecutionTrack, OnlyTheConclusionHasAnOutcome) {
  EXPECT_EQ(refusal(check_track_step({linked}, concluded, std::nullopt)),
            "/outcome: say how the case ended for the victim");
  EXPECT_EQ(refusal(check_track_step({linked}, concluded, "pardoned")),
            "/outcome: conviction, acquittal, withdrawn, discharged or other");
  EXPECT_EQ(refusal(check_track_step({linked}, testified, "conviction")),
            "/outcome: only the concluding step has an outcome");
  EXPECT_EQ(refusal(check_track_step({linked, concluded}, testified, std::nullopt)),
            "/step: the case has concluded for this victim");
}

}  // namespace
}  // namespace rudi
