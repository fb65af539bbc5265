#include "store/sql_errors.hpp"

#include <soci/postgresql/soci-postgresql.h>

namespace rudi::store {

std::string sqlstate_of(const soci::soci_error& error) {
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&error)) return pg->sqlstate();
  return {};
}

}  // namespace rudi::store
