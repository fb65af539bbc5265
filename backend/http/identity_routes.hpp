// Signing in and out, who am I, and the second factor:
//   POST   /api/v1/session                          sign in (username, password) — sets the session cookie
//   DELETE /api/v1/session                          sign out
//   POST   /api/v1/session/second-factor            present a TOTP code or a recovery code
//   GET    /api/v1/me                               who the caller is, their role and scope
//   PATCH  /api/v1/me                               change one's display name (and nothing else)
//   POST   /api/v1/me/second-factor                 start TOTP enrolment
//   POST   /api/v1/me/second-factor/confirm         finish it with a code; returns recovery codes
#pragma once

#include "http/router.hpp"
#include "service/administration.hpp"
#include "service/authentication.hpp"

namespace rudi::http {

void add_identity_routes(Router& router, service::Authentication& authentication,
                         service::Administration& administration);

nlohmann::json principal_json(const auth::Principal& principal);

}  // namespace rudi::http
