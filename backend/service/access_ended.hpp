// Events that end live access: when a user is disabled (or their password or second factor is reset) or a
// session signs out, every node closes the websockets opened with it. They have no topics, so no dashboard
// ever receives them; the live hub acts on them.
#pragma once

#include <soci/session.h>

#include <cstdint>
#include <string>

namespace rudi::service {

inline constexpr const char* kUserAccessEnded = "access.user_ended";
inline constexpr const char* kSessionAccessEnded = "access.session_ended";

// A short, non-secret name of a session: the first 16 hex digits of its token's SHA-256.
std::string session_tag(const std::string& session_token);

void announce_user_access_ended(soci::session& sql, std::int64_t user_id);
void announce_session_ended(soci::session& sql, const std::string& session_token);

}  // namespace rudi::service
