#include "domain/prosecution_track.hpp"

#include <algorithm>
#include <array>

namespace rudi {
namespace {

struct TrackStepInfo {
  TrackStep step;
  std::string_view name;
  int order;           // steps of the same order may come in any order with each other
  bool by_linking;     // recorded only by linking the victim to the case
  bool takes_outcome;  // the step that ends the track
  bool any_time;       // may be recorded at any point before the end
};

// The track as data. A statement may be taken before linking or at any time after, until the end.
constexpr std::array<TrackStepInfo, 5> kTrack{{
    {TrackStep::statement_recorded, "statement_recorded", 0, false, false, true},
    {TrackStep::linked, "linked", 0, true, false, false},
    {TrackStep::witness_prepared, "witness_prepared", 1, false, false, false},
    {TrackStep::testified, "testified", 2, false, false, false},
    {TrackStep::concluded, "concluded", 3, false, true, false},
}};

const TrackStepInfo& info(TrackStep step) {
  return *std::find_if(kTrack.begin(), kTrack.end(), [&](const auto& i) { return i.step == step; });
}

Error refused(std::string field, std::string reason) {
  return Error::invalid("this step cannot be recorded now", {{std::move(field), std::move(reason)}});
}

}  // namespace

std::string_view to_string(TrackStep step) {
  return info(step).name;
}

std::optional<TrackStep> track_step_from(std::string_view name) {
  for (const auto& i : kTrack)
    if (i.name == name) return i.step;
  return std::nullopt;
}

const std::vector<std::string>& track_outcomes() {
  static const std::vector<std::string> kOutcomes{"conviction", "acquittal", "withdrawn", "discharged",
                                                  "other"};
  return kOutcomes;
}

Result<Unit> check_track_step(const std::vector<TrackStep>& done, TrackStep next,
                              const std::optional<std::string>& outcome) {
  const auto& wanted = info(next);
  if (wanted.by_linking) return refused("/step", "a victim is linked by linking them to the case");
  if (std::find(done.begin(), done.end(), TrackStep::concluded) != done.end())
    return refused("/step", "the case has concluded for this victim");
  if (std::find(done.begin(), done.end(), next) != done.end())
    return refused("/step", std::string(wanted.name) + " is recorded already");
  for (auto step : done) {
    if (!wanted.any_time && info(step).order > wanted.order)
      return refused("/step",
                     std::string(wanted.name) + " cannot come after " + std::string(info(step).name));
  }
  if (wanted.takes_outcome) {
    if (!outcome) return refused("/outcome", "say how the case ended for the victim");
    if (std::find(track_outcomes().begin(), track_outcomes().end(), *outcome) == track_outcomes().end())
      return refused("/outcome", "conviction, acquittal, withdrawn, discharged or other");
  } else if (outcome) {
    return refused("/outcome", "only the concluding step has an outcome");
  }
  return Unit{};
}

}  // namespace rudi
