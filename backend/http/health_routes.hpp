// GET /healthz (the process answers), GET /readyz (the database answers and its schema is current) and
// GET /metrics (Prometheus text).
#pragma once

#include "http/metrics.hpp"
#include "http/router.hpp"
#include "service/health.hpp"

namespace rudi::http {

void add_health_routes(Router& router, service::Health& health, Metrics& metrics);

}  // namespace rudi::http
