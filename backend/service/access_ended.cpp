#include "service/access_ended.hpp"

#include "auth/tokens.hpp"
#include "store/event_log.hpp"
#include "store/hex.hpp"

namespace rudi::service {

std::string session_tag(const std::string& session_token) {
  auto digest = auth::sha256(session_token);
  digest.resize(8);
  return store::to_hex(digest);
}

void announce_user_access_ended(soci::session& sql, std::int64_t user_id) {
  store::NewEvent e;
  e.type = kUserAccessEnded;
  e.payload = {{"user_id", user_id}};
  store::append_event(sql, e);
}

void announce_session_ended(soci::session& sql, const std::string& session_token) {
  store::NewEvent e;
  e.type = kSessionAccessEnded;
  e.payload = {{"session", session_tag(session_token)}};
  store::append_event(sql, e);
}

}  // namespace rudi::service
