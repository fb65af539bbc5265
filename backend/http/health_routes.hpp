// GET /healthz (the process answers), GET /readyz (the database answers and its schema is current),
// GET /metrics (Prometheus text) and GET /api/v1/openapi.json (the API's description).
#pragma once

#include "http/metrics.hpp"
#include "http/router.hpp"
#include "service/health.hpp"

namespace rudi::http {

void add_health_routes(Router& router, service::Health& health, Metrics& metrics);

}  // namespace rudi::http
