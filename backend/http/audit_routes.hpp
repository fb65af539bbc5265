// The audit log, for auditors:
//   GET /api/v1/audit?actor_id=&entity=&entity_id=&from=&to=&after=&limit=   a page, oldest first
//   GET /api/v1/audit/verify                                                 the hash chain checked
#pragma once

#include "http/router.hpp"
#include "service/audit_log.hpp"

namespace rudi::http {

void add_audit_routes(Router& router, service::AuditLog& audit);

}  // namespace rudi::http
