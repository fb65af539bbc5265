// The access policy: one pure function that decides whether a principal may do an action to a resource.
// Handlers, the live hub and exports ask it; nothing re-implements it. The resource carries the scope the
// decision needs (its mission, the prosecutors of the cases it is linked to, its consent), so the
// decision needs no query.
#pragma once

#include <string>
#include <vector>

#include "auth/principal.hpp"

namespace rudi::auth {

enum class Action {
  read,
  list,
  create,
  update,
  transition,
  link,
  record_consent,
  export_records,
  administer
};
// `statistics`: the anonymised tables of consenting people, and exports built from them.
enum class Resource {
  person,
  cohort,
  case_file,
  consent,
  audit,
  user,
  mission,
  duplicate_flag,
  webhook,
  statistics
};

std::string_view to_string(Action action);
std::string_view to_string(Resource resource);

struct ResourceScope {
  Resource kind = Resource::person;
  // The mission a person or cohort belongs to; empty for a new record of no mission yet, or for a
  // collection (then the decision is whether the principal may act on such records at all).
  std::optional<MissionId> mission_id;
  // For a person: the prosecutors assigned to any case the person is linked to. For a case: its
  // assigned prosecutors.
  std::vector<UserId> prosecutors;
  // For a person: whether their consent to share with the prosecution is granted now.
  bool prosecution_consent = false;
  // The record is a collection or a new record, not one existing record.
  bool collection = false;
};

enum class Outcome {
  allowed,
  refused,       // 403: the principal may know the record exists, but not do this
  hidden,        // 404: even the record's existence is hidden from the principal
  second_factor  // 403: allowed once the session has passed the second factor
};

struct Decision {
  Outcome outcome = Outcome::refused;
  std::string reason;  // for the audit log and the problem's detail; never personal data

  bool allowed() const { return outcome == Outcome::allowed; }
};

Decision decide(const Principal& principal, Action action, const ResourceScope& resource);

}  // namespace rudi::auth
