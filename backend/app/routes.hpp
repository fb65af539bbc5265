// Every service the HTTP API serves, and the one place that puts all their routes on a router: used by
// `rudi serve` and by the test that holds the router and the API description to the same routes.
#pragma once

#include "http/metrics.hpp"
#include "http/router.hpp"
#include "mrz/mrz_reading.hpp"
#include "service/administration.hpp"
#include "service/audit_log.hpp"
#include "service/authentication.hpp"
#include "service/case_files.hpp"
#include "service/duplicate_desk.hpp"
#include "service/health.hpp"
#include "service/journey_records.hpp"
#include "service/roster_import.hpp"
#include "service/webhooks.hpp"
#include "statistics/statistics_exports.hpp"

namespace rudi::app {

struct Services {
  service::Health& health;
  service::Authentication& authentication;
  service::Administration& administration;
  service::AuditLog& audit_log;
  service::JourneyRecords& records;
  service::CaseFiles& cases;
  service::DuplicateDesk& duplicates;
  service::Webhooks& webhooks;
  http::Metrics& metrics;
  mrz::MrzReading& mrz_reading;
  statistics::StatisticsExports& statistics;
  service::RosterImports& imports;
  std::string home_nationality = "KE";  // whose nationals a roster import takes in
};

void add_routes(http::Router& router, Services& services);

}  // namespace rudi::app
