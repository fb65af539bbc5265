// Recognising the PostgreSQL errors that repositories turn into domain errors, by SQLSTATE.
#pragma once

#include <soci/soci-backend.h>

#include <string>

namespace rudi::store {

std::string sqlstate_of(const soci::soci_error& error);
inline bool is_unique_violation(const soci::soci_error& e) {
  return sqlstate_of(e) == "23505";
}
inline bool is_check_violation(const soci::soci_error& e) {
  return sqlstate_of(e) == "23514";
}
inline bool is_foreign_key_violation(const soci::soci_error& e) {
  return sqlstate_of(e) == "23503";
}

}  // namespace rudi::store
