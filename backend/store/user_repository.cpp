#include "store/user_repository.hpp"

#include <soci/soci.h>

#include "store/hex.hpp"
#include "store/sql_errors.hpp"

namespace rudi::store {
namespace {

constexpr const char* kColumns =
    "id, username, display_name, role, mission_id, active::integer, password_hash, totp_key_id, "
    "encode(totp_nonce, 'hex'), encode(totp_ciphertext, 'hex'), totp_enabled::integer";

UserRecord from_row(const soci::row& r) {
  UserRecord u;
  u.id = r.get<long long>(0);
  u.username = r.get<std::string>(1);
  u.display_name = r.get<std::string>(2);
  u.role = auth::parse_role(r.get<std::string>(3)).value_or(auth::Role::auditor);
  if (r.get_indicator(4) == soci::i_ok) u.mission_id = r.get<long long>(4);
  u.active = r.get<int>(5) != 0;
  u.password_hash = r.get<std::string>(6);
  if (r.get_indicator(7) == soci::i_ok) {
    u.totp_secret =
        auth::Sealed{r.get<std::string>(7), from_hex(r.get<std::string>(8)).value_or(auth::Bytes{}),
                     from_hex(r.get<std::string>(9)).value_or(auth::Bytes{})};
  }
  u.totp_enabled = r.get<int>(10) != 0;
  return u;
}

std::optional<UserRecord> find_where(soci::session& sql, const std::string& condition,
                                     const std::string& value) {
  soci::row r;
  sql << std::string("SELECT ") + kColumns + " FROM users WHERE " + condition, soci::use(value),
      soci::into(r);
  if (!sql.got_data()) return std::nullopt;
  return from_row(r);
}

long long affected(soci::statement& statement) {
  statement.execute(true);
  return statement.get_affected_rows();
}

}  // namespace

auth::Principal UserRecord::principal(auth::Credential credential, bool second_factor_done) const {
  auth::Principal p;
  p.user_id = id;
  p.username = username;
  p.display_name = display_name;
  p.role = role;
  p.mission_id = mission_id;
  p.active = active;
  p.credential = credential;
  p.second_factor_done = second_factor_done;
  return p;
}

Result<UserRecord> add_user(soci::session& sql, const NewUser& user) {
  const std::string role(auth::to_string(user.role));
  long long mission = user.mission_id.value_or(0);
  soci::indicator mission_ind = user.mission_id ? soci::i_ok : soci::i_null;
  long long id = 0;
  try {
    sql << R"(INSERT INTO users (username, display_name, role, mission_id, password_hash)
              VALUES (:username, :display_name, :role, :mission_id, :password_hash) RETURNING id)",
        soci::use(user.username), soci::use(user.display_name), soci::use(role),
        soci::use(mission, mission_ind), soci::use(user.password_hash), soci::into(id);
  } catch (const soci::soci_error& e) {
    if (is_unique_violation(e)) return Error::conflict("the username is taken");
    if (is_foreign_key_violation(e))
      return Error::invalid("no such mission", {{"/mission_id", "no such mission"}});
    if (is_check_violation(e)) {
      return Error::invalid("the user's fields break a rule",
                            {{"/mission_id", "embassy officers need a mission; other roles have none"}});
    }
    throw;
  }
  return *find_user(sql, id);
}

std::optional<UserRecord> find_user(soci::session& sql, std::int64_t id) {
  return find_where(sql, "id = CAST(:id AS bigint)", std::to_string(id));
}

std::optional<UserRecord> find_user_by_name(soci::session& sql, const std::string& username) {
  return find_where(sql, "username = :username", username);
}

std::vector<UserRecord> list_users(soci::session& sql) {
  std::vector<UserRecord> users;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + kColumns + " FROM users ORDER BY username");
  for (const auto& r : rows) users.push_back(from_row(r));
  return users;
}

bool set_user_active(soci::session& sql, std::int64_t id, bool active) {
  const long long key = id;
  const int flag = active ? 1 : 0;
  soci::statement st =
      (sql.prepare << "UPDATE users SET active = (:active = 1), updated_at = now() WHERE id = :id",
       soci::use(flag), soci::use(key));
  return affected(st) == 1;
}

void set_password_hash(soci::session& sql, std::int64_t id, const std::string& hash) {
  const long long key = id;
  sql << "UPDATE users SET password_hash = :hash, updated_at = now() WHERE id = :id", soci::use(hash),
      soci::use(key);
}

void set_display_name(soci::session& sql, std::int64_t id, const std::string& display_name) {
  const long long key = id;
  sql << "UPDATE users SET display_name = :name, updated_at = now() WHERE id = :id", soci::use(display_name),
      soci::use(key);
}

void store_totp_secret(soci::session& sql, std::int64_t id, const auth::Sealed& secret) {
  const long long key = id;
  const std::string nonce = to_hex(secret.nonce);
  const std::string ciphertext = to_hex(secret.ciphertext);
  sql << R"(UPDATE users SET totp_key_id = :key_id, totp_nonce = decode(:nonce, 'hex'),
              totp_ciphertext = decode(:ciphertext, 'hex'), totp_enabled = false, totp_last_step = NULL,
              updated_at = now() WHERE id = :id)",
      soci::use(secret.key_id), soci::use(nonce), soci::use(ciphertext), soci::use(key);
}

void enable_totp(soci::session& sql, std::int64_t id, std::int64_t step) {
  const long long key = id;
  const long long used = step;
  sql << "UPDATE users SET totp_enabled = true, totp_last_step = :step, updated_at = now() WHERE id = :id",
      soci::use(used), soci::use(key);
}

bool claim_totp_step(soci::session& sql, std::int64_t id, std::int64_t step) {
  const long long key = id;
  const long long used = step;
  soci::statement st = (sql.prepare << R"(UPDATE users SET totp_last_step = :step
      WHERE id = :id AND totp_enabled AND (totp_last_step IS NULL OR totp_last_step < :step2))",
                        soci::use(used), soci::use(key), soci::use(used));
  return affected(st) == 1;
}

void reset_second_factor(soci::session& sql, std::int64_t id) {
  const long long key = id;
  sql << R"(UPDATE users SET totp_key_id = NULL, totp_nonce = NULL, totp_ciphertext = NULL, totp_enabled = false,
              totp_last_step = NULL, updated_at = now() WHERE id = :id)",
      soci::use(key);
  sql << "DELETE FROM recovery_codes WHERE user_id = :id", soci::use(key);
}

void replace_recovery_codes(soci::session& sql, std::int64_t id,
                            const std::vector<auth::Bytes>& code_hashes) {
  const long long key = id;
  sql << "DELETE FROM recovery_codes WHERE user_id = :id", soci::use(key);
  for (const auto& hash : code_hashes) {
    const std::string hex = to_hex(hash);
    sql << "INSERT INTO recovery_codes (user_id, code_hash) VALUES (:id, decode(:hash, 'hex'))",
        soci::use(key), soci::use(hex);
  }
}

bool use_recovery_code(soci::session& sql, std::int64_t id, const auth::Bytes& code_hash) {
  const long long key = id;
  const std::string hex = to_hex(code_hash);
  soci::statement st = (sql.prepare << R"(UPDATE recovery_codes SET used_at = now()
      WHERE user_id = :id AND code_hash = decode(:hash, 'hex') AND used_at IS NULL)",
                        soci::use(key), soci::use(hex));
  return affected(st) == 1;
}

}  // namespace rudi::store
