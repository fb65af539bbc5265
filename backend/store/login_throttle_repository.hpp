// Failed sign-in attempts, counted per key (an account name, a client address, a second-factor user) in
// a window; reaching the limit locks the key for a while.
#pragma once

#include <soci/session.h>

#include <chrono>
#include <string>

namespace rudi::store {

struct ThrottleRule {
  int max_failures = 5;
  std::chrono::seconds window{15 * 60};
  std::chrono::seconds lockout{15 * 60};
};

bool is_locked(soci::session& sql, const std::string& key);
// Counts a failure; true when the key is now locked.
bool record_failure(soci::session& sql, const std::string& key, const ThrottleRule& rule);
void clear_failures(soci::session& sql, const std::string& key);

}  // namespace rudi::store
