#include "live/event_filter.hpp"

#include <string_view>

#include "auth/access_policy.hpp"

namespace rudi::live {
namespace {
using auth::Resource;

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// The kind of record an event is about, from its type; an unknown type is no kind, and is sent to nobody.
std::optional<Resource> resource_of(std::string_view type) {
  if (starts_with(type, "person.") || starts_with(type, "consent.")) return Resource::person;
  if (starts_with(type, "cohort.")) return Resource::cohort;
  if (starts_with(type, "case.") || starts_with(type, "suspect.") || starts_with(type, "victim.") ||
      starts_with(type, "prosecution."))
    return Resource::case_file;
  return std::nullopt;
}

}  // namespace

bool is_access_event(const store::EventRecord& event) {
  return starts_with(event.type, "access.");
}

bool may_receive(const auth::Principal& principal, const store::EventRecord& event) {
  const auto kind = resource_of(event.type);
  if (!kind) return false;
  auth::ResourceScope scope{*kind, std::nullopt, event.prosecutor_ids, event.prosecution_consent, false};
  if (*kind != Resource::case_file) {
    // A person's or cohort's event without a mission would read as a collection: never send it.
    if (!event.mission_id) return false;
    scope.mission_id = event.mission_id;
  }
  return auth::decide(principal, auth::Action::read, scope).allowed();
}

}  // namespace rudi::live
