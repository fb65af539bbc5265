// The event about a cohort that a service appends: its topics are the cohort, its mission and the nation,
// so that the cohort's board, the mission's dashboards and the ministry's all hear it.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "auth/principal.hpp"
#include "store/event_log.hpp"

namespace rudi::service {

store::NewEvent cohort_event(std::string type, std::int64_t cohort_id, std::int64_t mission_id,
                             nlohmann::json payload, const auth::Principal& who);

}  // namespace rudi::service
