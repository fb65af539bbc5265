// The prosecution's routes and the ministry's duplicate desk:
//   GET/POST /api/v1/cases                         GET/PATCH /api/v1/cases/{id}
//   POST /api/v1/cases/{id}/suspects               GET/PATCH /api/v1/suspects/{id}
//   GET /api/v1/suspects/{id}/also-named
//   POST /api/v1/cases/{id}/victims                POST /api/v1/cases/{id}/victims/{person_id}/unlink
//   GET/POST /api/v1/cases/{id}/victims/{person_id}/track
//   GET /api/v1/duplicate-flags                    POST /api/v1/duplicate-flags/{id}/resolve
#pragma once

#include "http/router.hpp"
#include "service/case_files.hpp"
#include "service/duplicate_desk.hpp"

namespace rudi::http {

void add_case_routes(Router& router, service::CaseFiles& cases);
void add_duplicate_routes(Router& router, service::DuplicateDesk& desk);

}  // namespace rudi::http
