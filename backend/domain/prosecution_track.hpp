// The prosecution track of a victim in a case, parallel to the journey and independent of it: a statement
// recorded, linked to the case, support for testimony arranged, testified, and concluded with an outcome.
// The steps and their order are data (kTrack in prosecution_track.cpp); the rules read them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace rudi {

enum class TrackStep { statement_recorded, linked, witness_prepared, testified, concluded };

std::string_view to_string(TrackStep step);
std::optional<TrackStep> track_step_from(std::string_view name);
const std::vector<std::string>& track_outcomes();  // how the case ended for the victim

// Whether `next` may be recorded for a victim who has `done` these steps in this case: each step once;
// `linked` only by linking; nothing after `concluded`; witness_prepared, testified and concluded in that
// order (any may be skipped); the statement at any time before the end; `concluded` needs an outcome and
// only it takes one. An invalid-input error names the field.
Result<Unit> check_track_step(const std::vector<TrackStep>& done, TrackStep next,
                              const std::optional<std::string>& outcome);

}  // namespace rudi
