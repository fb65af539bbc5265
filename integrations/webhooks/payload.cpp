#include "integrations/webhooks/payload.hpp"

#include <array>
#include <string_view>

namespace rudi::webhooks {
namespace {

// What of an event's own payload may leave without consent: ids, stages and states.
constexpr std::array<std::string_view, 12> kWithoutConsent = {
    "id",   "cohort_id", "mission_id", "stage",  "on_hold", "version",
    "from", "kind",      "purpose",    "status", "name",    "case_id"};

}  // namespace

std::string delivery_body(const service::WebhookDelivery& d, const std::string& purpose) {
  nlohmann::json data = nlohmann::json::object();
  const bool about_person = d.event.person_id.has_value();
  for (const auto& [key, value] : d.event.payload.items()) {
    if (about_person && key == "name") continue;  // a person's card has no name; never let one through
    for (auto allowed : kWithoutConsent) {
      if (key == allowed) data[key] = value;
    }
  }
  if (about_person) {
    const bool granted = d.consent_granted.value_or(false);
    data["consent"] = {{"purpose", purpose}, {"granted", granted}};
    if (granted && !d.person.empty()) data["person"] = d.person;
  }
  nlohmann::json body = {{"seq", d.event.seq},
                         {"type", d.event.type},
                         {"topics", d.event.topics},
                         {"data", data},
                         {"committed_at", d.event.committed_at}};
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace rudi::webhooks
