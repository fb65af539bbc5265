// Whether a principal may receive an event: the access policy asked with the scope the event carries
// (its mission, the prosecutors who could see it and the person's consent at the time of the change), so
// that the hub filters every event for every client without a query.
#pragma once

#include "auth/principal.hpp"
#include "store/event_log.hpp"

namespace rudi::live {

bool may_receive(const auth::Principal& principal, const store::EventRecord& event);

// Events that end live access (a user disabled, a session signed out); never sent to any client.
bool is_access_event(const store::EventRecord& event);

}  // namespace rudi::live
