#include "app/routes.hpp"

#include "http/admin_routes.hpp"
#include "http/audit_routes.hpp"
#include "http/case_routes.hpp"
#include "http/health_routes.hpp"
#include "http/identity_routes.hpp"
#include "http/journey_routes.hpp"
#include "http/live_endpoint.hpp"
#include "http/mrz_routes.hpp"
#include "http/roster_routes.hpp"
#include "http/statistics_routes.hpp"
#include "http/webhook_routes.hpp"

namespace rudi::app {

void add_routes(http::Router& router, Services& s) {
  http::add_health_routes(router, s.health, s.metrics);
  http::add_identity_routes(router, s.authentication, s.administration);
  http::add_admin_routes(router, s.administration);
  http::add_audit_routes(router, s.audit_log);
  http::add_journey_routes(router, s.records);
  http::add_case_routes(router, s.cases);
  http::add_duplicate_routes(router, s.duplicates);
  http::add_webhook_routes(router, s.webhooks);
  http::add_mrz_routes(router, s.mrz_reading);
  http::add_statistics_routes(router, s.statistics);
  http::add_roster_routes(router, s.imports, s.home_nationality);
  http::add_live_route(router);
}

}  // namespace rudi::app
