#include "service/cohort_event.hpp"

namespace rudi::service {

store::NewEvent cohort_event(std::string type, std::int64_t cohort_id, std::int64_t mission_id,
                             nlohmann::json payload, const auth::Principal& who) {
  store::NewEvent e;
  e.type = std::move(type);
  e.topics = {"cohort:" + std::to_string(cohort_id), "mission:" + std::to_string(mission_id), "nation"};
  e.mission_id = mission_id;
  e.cohort_id = cohort_id;
  e.payload = std::move(payload);
  if (who.user_id) e.actor_id = who.user_id;
  return e;
}

}  // namespace rudi::service
