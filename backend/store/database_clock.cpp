#include "store/database_clock.hpp"

#include <soci/soci.h>

namespace rudi::store {

bool is_future(soci::session& sql, const std::string& rfc3339_time) {
  int future = 0;
  sql << "SELECT (CAST(:t AS timestamptz) > now() + interval '5 minutes')::integer", soci::use(rfc3339_time),
      soci::into(future);
  return future != 0;
}

}  // namespace rudi::store
