// Who is asking: a signed-in user (through a session) or an integration (through an API token), with
// the role and scope that decide what they may do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "auth/role.hpp"

namespace rudi::auth {

using UserId = std::int64_t;
using MissionId = std::int64_t;

// How the principal proved who it is. `system` is an operator at the server's command line.
enum class Credential { session, api_token, system };

struct Principal {
  UserId user_id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::auditor;
  std::optional<MissionId> mission_id;  // embassy officers only
  bool active = true;
  Credential credential = Credential::session;
  // The session has passed the second factor it needs (API tokens and the command line always have).
  // Users who see victim data need one; so does anyone who has enrolled one. Until then the principal
  // may only enrol, present a second factor, see who it is, and sign out.
  bool second_factor_done = false;
};

}  // namespace rudi::auth
