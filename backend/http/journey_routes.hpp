// Cohorts, people and the journey:
//   GET/POST /api/v1/cohorts                 GET /api/v1/cohorts/{id}/board
//   GET/POST /api/v1/people                  GET /api/v1/people/{id}
//   GET /api/v1/people/export.csv
//   POST /api/v1/people/{id}/transitions     GET /api/v1/people/{id}/timeline
#pragma once

#include "http/router.hpp"
#include "service/journey_records.hpp"

namespace rudi::http {

void add_journey_routes(Router& router, service::JourneyRecords& records);
void add_cohort_routes(Router& router, service::JourneyRecords& records);  // the /api/v1/cohorts routes
void add_people_routes(Router& router, service::JourneyRecords& records);  // the /api/v1/people routes

}  // namespace rudi::http
