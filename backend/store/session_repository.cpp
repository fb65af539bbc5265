#include "store/session_repository.hpp"

#include <soci/soci.h>

#include "store/hex.hpp"
#include "store/prepared.hpp"

namespace rudi::store {

void create_session(soci::session& sql, const NewSession& s) {
  const std::string hash = to_hex(s.token_hash);
  const long long user = s.user_id;
  const int done = s.second_factor_done ? 1 : 0;
  const long long lifetime = s.absolute_lifetime.count();
  sql << R"(INSERT INTO sessions (token_hash, user_id, csrf_token, second_factor_done, absolute_expires_at)
            VALUES (decode(:hash, 'hex'), :user_id, :csrf, :done = 1, now() + :lifetime * interval '1 second'))",
      soci::use(hash), soci::use(user), soci::use(s.csrf_token), soci::use(done), soci::use(lifetime);
}

std::optional<ActiveSession> find_active_session(soci::session& sql, const auth::Bytes& token_hash,
                                                 std::chrono::seconds idle) {
  // Prepared: every request with a session cookie asks it.
  const auto found = run_prepared(
      sql, "rudi_find_session",
      R"(SELECT u.id, u.username, u.role, u.mission_id, s.csrf_token, s.second_factor_done::integer,
                u.totp_enabled::integer, (s.last_seen_at < now() - interval '60 seconds')::integer, u.display_name
           FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.token_hash = decode($1, 'hex') AND s.ended_at IS NULL AND u.active
            AND s.absolute_expires_at > now() AND s.last_seen_at > now() - CAST($2 AS bigint) * interval '1 second')",
      {to_hex(token_hash), std::to_string(idle.count())});
  if (found.rows.empty()) return std::nullopt;
  const auto& r = found.rows.front();
  ActiveSession active;
  active.principal.user_id = std::stoll(*r[0]);
  active.principal.username = *r[1];
  active.principal.role = auth::parse_role(*r[2]).value_or(auth::Role::auditor);
  if (r[3]) active.principal.mission_id = std::stoll(*r[3]);
  active.principal.credential = auth::Credential::session;
  active.csrf_token = *r[4];
  active.principal.second_factor_done = *r[5] != "0";
  active.totp_enabled = *r[6] != "0";
  active.needs_touch = *r[7] != "0";
  active.principal.display_name = *r[8];
  return active;
}

void touch_session(soci::session& sql, const auth::Bytes& token_hash) {
  const std::string hash = to_hex(token_hash);
  sql << "UPDATE sessions SET last_seen_at = now() WHERE token_hash = decode(:hash, 'hex')", soci::use(hash);
}

void mark_second_factor_done(soci::session& sql, const auth::Bytes& token_hash) {
  const std::string hash = to_hex(token_hash);
  sql << "UPDATE sessions SET second_factor_done = true WHERE token_hash = decode(:hash, 'hex')",
      soci::use(hash);
}

bool end_session(soci::session& sql, const auth::Bytes& token_hash) {
  const std::string hash = to_hex(token_hash);
  soci::statement st =
      (sql.prepare << "UPDATE sessions SET ended_at = now() WHERE token_hash = decode(:hash, 'hex') "
                      "AND ended_at IS NULL",
       soci::use(hash));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

int end_sessions_of_user(soci::session& sql, std::int64_t user_id) {
  const long long user = user_id;
  soci::statement st =
      (sql.prepare << "UPDATE sessions SET ended_at = now() WHERE user_id = :user_id AND ended_at IS NULL",
       soci::use(user));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

}  // namespace rudi::store
