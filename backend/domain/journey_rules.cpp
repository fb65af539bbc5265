#include "domain/journey_rules.hpp"

namespace rudi {
namespace {

Error refused(std::string field, std::string reason) {
  std::string detail = reason;
  return Error::invalid(std::move(detail), {{std::move(field), std::move(reason)}});
}

bool blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace

std::string_view to_string(TransitionKind kind) {
  switch (kind) {
    case TransitionKind::forward:
      return "forward";
    case TransitionKind::skip:
      return "skip";
    case TransitionKind::correction:
      return "correction";
    case TransitionKind::hold:
      return "hold";
    case TransitionKind::release:
      return "release";
  }
  return "forward";
}

Result<TransitionOutcome> plan_transition(const JourneyPosition& current, const TransitionRequest& request,
                                          const Mover& mover) {
  if (request.reason.size() > kMaxReasonLength) {
    return refused("/reason", "the reason is longer than " + std::to_string(kMaxReasonLength) + " bytes");
  }
  const auto& here = stage_info(current.stage);
  const bool may_act_here = mover.any_stage || here.side == mover.side;

  switch (request.kind) {
    case TransitionRequest::Kind::hold: {
      if (current.on_hold) return refused("/hold", "the person is on hold already");
      if (!may_act_here) {
        return refused("/hold", std::string(here.name) + " is the " + std::string(to_string(here.side)) +
                                    "'s stage; only they can put the person on hold there");
      }
      if (!request.hold_reason) return refused("/hold_reason", "say why the person is on hold");
      if (*request.hold_reason == HoldReason::other && blank(request.reason)) {
        return refused("/reason", "a hold for another reason needs the reason in words");
      }
      return TransitionOutcome{TransitionKind::hold, {current.stage, true}};
    }
    case TransitionRequest::Kind::release: {
      if (!current.on_hold) return refused("/release", "the person is not on hold");
      if (!may_act_here) {
        return refused("/release", "only the " + std::string(to_string(here.side)) + " can lift a hold at " +
                                       std::string(here.name));
      }
      return TransitionOutcome{TransitionKind::release, {current.stage, false}};
    }
    case TransitionRequest::Kind::move:
      break;
  }

  if (current.on_hold) return refused("/to", "the person is on hold; lift the hold first");
  const auto& target = stage_info(request.to);
  if (request.to == current.stage)
    return refused("/to", "the person is at " + std::string(target.name) + " already");
  if (!mover.any_stage && target.side != mover.side) {
    return refused("/to", std::string(target.name) + " is the " + std::string(to_string(target.side)) +
                              "'s stage; only they move people into it");
  }
  const int from = position_of(current.stage);
  const int to = position_of(request.to);
  TransitionKind kind = TransitionKind::forward;
  if (to < from) {
    kind = TransitionKind::correction;
    if (blank(request.reason)) return refused("/reason", "moving back is a correction and needs a reason");
  } else if (to > from + 1) {
    kind = TransitionKind::skip;
    if (blank(request.reason)) {
      return refused("/reason", "skipping from " + std::string(here.name) + " to " +
                                    std::string(target.name) + " needs a reason");
    }
  }
  if (target.needs_reason && blank(request.reason)) {
    return refused("/reason", "moving to " + std::string(target.name) + " needs a reason");
  }
  return TransitionOutcome{kind, {request.to, false}};
}

}  // namespace rudi
