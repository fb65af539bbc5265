#include "store/principal_scope.hpp"

#include <soci/soci.h>

namespace rudi::store {

void set_principal(soci::session& sql, const auth::Principal& principal) {
  const std::string role(auth::to_string(principal.role));
  const std::string user = std::to_string(principal.user_id);
  const std::string mission = principal.mission_id ? std::to_string(*principal.mission_id) : "";
  std::string r1, r2, r3;
  sql << "SELECT set_config('rudi.role', :role, true), set_config('rudi.user_id', :user_id, true), "
         "set_config('rudi.mission_id', :mission, true)",
      soci::use(role), soci::use(user), soci::use(mission), soci::into(r1), soci::into(r2), soci::into(r3);
}

}  // namespace rudi::store
