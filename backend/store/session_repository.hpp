// Sign-in sessions, known by the SHA-256 of their token. A session ends at logout, when its user is
// disabled, after an idle period or at its absolute expiry, whichever comes first.
#pragma once

#include <soci/session.h>

#include <chrono>
#include <optional>
#include <string>

#include "auth/principal.hpp"
#include "auth/totp.hpp"

namespace rudi::store {

struct NewSession {
  auth::Bytes token_hash;
  std::int64_t user_id = 0;
  std::string csrf_token;
  bool second_factor_done = false;
  std::chrono::seconds absolute_lifetime{12 * 3600};
};

struct ActiveSession {
  auth::Principal principal;
  std::string csrf_token;
  bool totp_enabled = false;
  bool needs_touch = false;  // last seen long enough ago that recording it is worth a write
};

void create_session(soci::session& sql, const NewSession& session);
// The session and its user, if the session is open, not idle for longer than `idle`, not past its
// absolute expiry, and its user is active.
std::optional<ActiveSession> find_active_session(soci::session& sql, const auth::Bytes& token_hash,
                                                 std::chrono::seconds idle);
void touch_session(soci::session& sql, const auth::Bytes& token_hash);
void mark_second_factor_done(soci::session& sql, const auth::Bytes& token_hash);
bool end_session(soci::session& sql, const auth::Bytes& token_hash);
int end_sessions_of_user(soci::session& sql, std::int64_t user_id);

}  // namespace rudi::store
