// A principal as the live tests need one: signed in, past the second factor, of a role and (for an
// embassy officer) a mission.
#pragma once

#include <optional>

#include "auth/principal.hpp"

namespace rudi::live::test {

inline auth::Principal signed_in(auth::Role role, auth::UserId id,
                                 std::optional<auth::MissionId> mission = std::nullopt) {
  auth::Principal p;
  p.user_id = id;
  p.role = role;
  p.mission_id = mission;
  p.second_factor_done = true;
  return p;
}

}  // namespace rudi::live::test
