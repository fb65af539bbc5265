// POST /api/v1/cohorts/{id}/imports: a roster in CSV (text/csv body) imported into the cohort, with
// query parameters dry_run, partial and mapping (a JSON object header → field, URL-encoded).
#pragma once

#include <string>

#include "http/router.hpp"
#include "service/roster_import.hpp"

namespace rudi::http {

void add_roster_routes(Router& router, service::RosterImports& imports, std::string home_nationality);

}  // namespace rudi::http
