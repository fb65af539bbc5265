// Administration of users, missions and API tokens:
//   GET  /api/v1/users                 POST /api/v1/users
//   POST /api/v1/users/{id}/disable    POST /api/v1/users/{id}/enable
//   POST /api/v1/users/{id}/password   POST /api/v1/users/{id}/second-factor-reset
//   GET  /api/v1/missions              POST /api/v1/missions
//   GET  /api/v1/tokens                POST /api/v1/tokens          DELETE /api/v1/tokens/{id}
#pragma once

#include "http/router.hpp"
#include "service/administration.hpp"

namespace rudi::http {

void add_admin_routes(Router& router, service::Administration& administration);

}  // namespace rudi::http
