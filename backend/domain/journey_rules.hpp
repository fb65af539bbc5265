// The rules of moving a person along the journey: forward one stage at a time; skipping needs a reason
// and is recorded as a skip; moving back is a correction and needs a reason; a hold (with its reason)
// freezes the person until it is lifted back to the same stage; the side that owns a stage is the one
// that may move a person into it, and ministry officers may act on any stage.
#pragma once

#include <optional>
#include <string>

#include "domain/result.hpp"
#include "domain/stage.hpp"

namespace rudi {

enum class TransitionKind { forward, skip, correction, hold, release };
std::string_view to_string(TransitionKind kind);

struct JourneyPosition {
  Stage stage = Stage::reported;
  bool on_hold = false;
};

// What an officer asks for: a move to a stage, a hold, or lifting the hold.
struct TransitionRequest {
  enum class Kind { move, hold, release } kind = Kind::move;
  Stage to = Stage::reported;             // for a move
  std::optional<HoldReason> hold_reason;  // for a hold
  std::string reason;                     // why: needed for skips, corrections, closing and 'other' holds
};

// Who acts: the side an officer works on, and whether they may act on any stage (ministry officers).
struct Mover {
  Side side = Side::embassy;
  bool any_stage = false;
};

struct TransitionOutcome {
  TransitionKind kind;
  JourneyPosition after;
};

inline constexpr std::size_t kMaxReasonLength = 2000;

// The transition that the request makes from `current`, or why it may not be made (an invalid-input
// error that names the field, in words an officer can act on).
Result<TransitionOutcome> plan_transition(const JourneyPosition& current, const TransitionRequest& request,
                                          const Mover& mover);

}  // namespace rudi
