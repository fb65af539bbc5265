// Cohorts (cohort_routes.cpp) and people (people_routes.cpp): the journey records' API.
#include "http/journey_routes.hpp"

namespace rudi::http {

void add_journey_routes(Router& router, service::JourneyRecords& records) {
  add_cohort_routes(router, records);
  add_people_routes(router, records);
}

}  // namespace rudi::http
