#include "store/login_throttle_repository.hpp"

#include <soci/soci.h>

namespace rudi::store {

bool is_locked(soci::session& sql, const std::string& key) {
  int locked = 0;
  sql << "SELECT count(*) FROM login_throttle WHERE key = :key AND locked_until > now()", soci::use(key),
      soci::into(locked);
  return locked > 0;
}

bool record_failure(soci::session& sql, const std::string& key, const ThrottleRule& rule) {
  const long long window = rule.window.count();
  const long long lockout = rule.lockout.count();
  const int max = rule.max_failures;
  int locked = 0;
  // A window that has passed starts again from one failure.
  sql << R"(INSERT INTO login_throttle AS t (key, failures, window_start) VALUES (:key, 1, now())
            ON CONFLICT (key) DO UPDATE SET
              failures = CASE WHEN t.window_start < now() - :window * interval '1 second' THEN 1
                              ELSE t.failures + 1 END,
              window_start = CASE WHEN t.window_start < now() - :window2 * interval '1 second' THEN now()
                                  ELSE t.window_start END
            RETURNING failures)",
      soci::use(key), soci::use(window), soci::use(window), soci::into(locked);
  if (locked < max) return false;
  sql << "UPDATE login_throttle SET locked_until = now() + :lockout * interval '1 second' WHERE key = :key",
      soci::use(lockout), soci::use(key);
  return true;
}

void clear_failures(soci::session& sql, const std::string& key) {
  sql << "DELETE FROM login_throttle WHERE key = :key", soci::use(key);
}

}  // namespace rudi::store
