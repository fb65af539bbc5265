#include "store/api_token_repository.hpp"

#include <soci/soci.h>

#include "store/hex.hpp"
#include "store/prepared.hpp"
#include "store/sql_errors.hpp"

namespace rudi::store {
namespace {
constexpr const char* kColumns =
    "id, name, role, mission_id, user_id, created_by, (revoked_at IS NOT NULL)::integer";

ApiTokenRecord from_row(const soci::row& r) {
  ApiTokenRecord t;
  t.id = r.get<long long>(0);
  t.name = r.get<std::string>(1);
  t.role = auth::parse_role(r.get<std::string>(2)).value_or(auth::Role::auditor);
  if (r.get_indicator(3) == soci::i_ok) t.mission_id = r.get<long long>(3);
  t.user_id = r.get<long long>(4);
  t.created_by = r.get_indicator(5) == soci::i_ok ? r.get<long long>(5) : 0;
  t.revoked = r.get<int>(6) != 0;
  return t;
}
}  // namespace

Result<ApiTokenRecord> create_api_token(soci::session& sql, const NewApiToken& t) {
  const std::string hash = to_hex(t.token_hash);
  const std::string role(auth::to_string(t.role));
  long long mission = t.mission_id.value_or(0);
  soci::indicator mission_ind = t.mission_id ? soci::i_ok : soci::i_null;
  const long long user = t.user_id;
  long long creator = t.created_by;
  soci::indicator creator_ind = t.created_by != 0 ? soci::i_ok : soci::i_null;
  soci::row r;
  try {
    sql << std::string(R"(INSERT INTO api_tokens (name, token_hash, role, mission_id, user_id, created_by)
            VALUES (:name, decode(:hash, 'hex'), :role, :mission_id, :user_id, :created_by) RETURNING )") +
               kColumns,
        soci::use(t.name), soci::use(hash), soci::use(role), soci::use(mission, mission_ind), soci::use(user),
        soci::use(creator, creator_ind), soci::into(r);
  } catch (const soci::soci_error& e) {
    if (is_check_violation(e)) {
      return Error::invalid("the token's fields break a rule",
                            {{"/mission_id", "embassy tokens need a mission; other roles have none"}});
    }
    if (is_foreign_key_violation(e)) return Error::invalid("no such user or mission");
    throw;
  }
  return from_row(r);
}

std::vector<ApiTokenRecord> list_api_tokens(soci::session& sql) {
  std::vector<ApiTokenRecord> tokens;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + kColumns + " FROM api_tokens ORDER BY id");
  for (const auto& r : rows) tokens.push_back(from_row(r));
  return tokens;
}

bool revoke_api_token(soci::session& sql, std::int64_t id) {
  const long long key = id;
  soci::statement st =
      (sql.prepare << "UPDATE api_tokens SET revoked_at = now() WHERE id = :id AND revoked_at IS NULL",
       soci::use(key));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::optional<auth::Principal> find_api_token_principal(soci::session& sql, const auth::Bytes& token_hash) {
  // Prepared: every request with a token asks it.
  const auto found = run_prepared(
      sql, "rudi_find_api_token",
      R"(SELECT t.user_id, u.username, t.role, t.mission_id FROM api_tokens t JOIN users u ON u.id = t.user_id
          WHERE t.token_hash = decode($1, 'hex') AND t.revoked_at IS NULL AND u.active)",
      {to_hex(token_hash)});
  if (found.rows.empty()) return std::nullopt;
  const auto& r = found.rows.front();
  auth::Principal p;
  p.user_id = std::stoll(*r[0]);
  p.username = *r[1];
  p.role = auth::parse_role(*r[2]).value_or(auth::Role::auditor);
  if (r[3]) p.mission_id = std::stoll(*r[3]);
  p.credential = auth::Credential::api_token;
  p.second_factor_done = true;  // a token is issued by an administrator to a machine, not typed by a person
  return p;
}

}  // namespace rudi::store
