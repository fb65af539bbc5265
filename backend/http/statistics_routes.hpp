// Anonymised statistics of the people who consented to them:
//   GET /api/v1/statistics[?k=N]   one-dimensional tables, cells under k suppressed (ministry officers)
#pragma once

#include "http/router.hpp"
#include "statistics/statistics_exports.hpp"

namespace rudi::http {

void add_statistics_routes(Router& router, statistics::StatisticsExports& exports);

}  // namespace rudi::http
