// Users and what belongs to their sign-in: the password hash, the sealed TOTP secret and its last used
// step, and one-time recovery codes (kept as SHA-256 only).
#pragma once

#include <soci/session.h>

#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "auth/secret_box.hpp"
#include "domain/result.hpp"

namespace rudi::store {

struct UserRecord {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  auth::Role role = auth::Role::auditor;
  std::optional<std::int64_t> mission_id;
  bool active = true;
  std::string password_hash;
  std::optional<auth::Sealed> totp_secret;
  bool totp_enabled = false;

  auth::Principal principal(auth::Credential credential, bool second_factor_done) const;
};

struct NewUser {
  std::string username;
  std::string display_name;
  auth::Role role = auth::Role::auditor;
  std::optional<std::int64_t> mission_id;
  std::string password_hash;
};

Result<UserRecord> add_user(soci::session& sql, const NewUser& user);
std::optional<UserRecord> find_user(soci::session& sql, std::int64_t id);
std::optional<UserRecord> find_user_by_name(soci::session& sql, const std::string& username);
std::vector<UserRecord> list_users(soci::session& sql);

bool set_user_active(soci::session& sql, std::int64_t id, bool active);
void set_password_hash(soci::session& sql, std::int64_t id, const std::string& hash);
void set_display_name(soci::session& sql, std::int64_t id, const std::string& display_name);

// Stores a new, not yet enabled TOTP secret (enrolment started).
void store_totp_secret(soci::session& sql, std::int64_t id, const auth::Sealed& secret);
// Enables the second factor and records the step of the code that confirmed it.
void enable_totp(soci::session& sql, std::int64_t id, std::int64_t step);
// Records `step` as used, atomically: false when it (or a later one) was used already — a replay.
bool claim_totp_step(soci::session& sql, std::int64_t id, std::int64_t step);
// Removes the second factor and the recovery codes (an administrator's reset).
void reset_second_factor(soci::session& sql, std::int64_t id);

void replace_recovery_codes(soci::session& sql, std::int64_t id, const std::vector<auth::Bytes>& code_hashes);
// Marks a recovery code used; false when it is unknown or was used already.
bool use_recovery_code(soci::session& sql, std::int64_t id, const auth::Bytes& code_hash);

}  // namespace rudi::store
