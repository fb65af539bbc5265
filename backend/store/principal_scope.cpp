#include "store/principal_scope.hpp"

#include <soci/soci.h>

#include "store/prepared.hpp"

namespace rudi::store {

void set_principal(soci::session& sql, const auth::Principal& principal) {
  const std::string role(auth::to_string(principal.role));
  const std::string user = std::to_string(principal.user_id);
  const std::string mission = principal.mission_id ? std::to_string(*principal.mission_id) : "";
  run_prepared(sql, "rudi_set_principal",
               "SELECT set_config('rudi.role', $1, true), set_config('rudi.user_id', $2, true), "
               "set_config('rudi.mission_id', $3, true)",
               {role, user, mission});
}

}  // namespace rudi::store
