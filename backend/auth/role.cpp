#include "auth/role.hpp"

namespace rudi::auth {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::embassy_officer:
      return "embassy_officer";
    case Role::ministry_officer:
      return "ministry_officer";
    case Role::prosecutor:
      return "prosecutor";
    case Role::administrator:
      return "administrator";
    case Role::auditor:
      return "auditor";
  }
  return "auditor";
}

std::optional<Role> parse_role(std::string_view text) {
  for (Role role : {Role::embassy_officer, Role::ministry_officer, Role::prosecutor, Role::administrator,
                    Role::auditor}) {
    if (to_string(role) == text) return role;
  }
  return std::nullopt;
}

bool sees_victim_data(Role role) {
  return role == Role::embassy_officer || role == Role::ministry_officer || role == Role::prosecutor;
}

}  // namespace rudi::auth
