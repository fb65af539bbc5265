// The five roles and what each one's scope is (see ARCHITECTURE.md, "Data protection by design").
#pragma once

#include <optional>
#include <string_view>

namespace rudi::auth {

enum class Role { embassy_officer, ministry_officer, prosecutor, administrator, auditor };

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

// Roles that see survivors' data; they must pass a second factor before they see any.
bool sees_victim_data(Role role);

}  // namespace rudi::auth
