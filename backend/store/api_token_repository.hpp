// API tokens for integrations: named, with a role and scope, carried on behalf of a user, kept only as
// SHA-256, revocable.
#pragma once

#include <soci/session.h>

#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "auth/totp.hpp"
#include "domain/result.hpp"

namespace rudi::store {

struct ApiTokenRecord {
  std::int64_t id = 0;
  std::string name;
  auth::Role role = auth::Role::auditor;
  std::optional<std::int64_t> mission_id;
  std::int64_t user_id = 0;
  std::int64_t created_by = 0;  // 0: issued by the system (the command line)
  bool revoked = false;
};

struct NewApiToken {
  std::string name;
  auth::Bytes token_hash;
  auth::Role role = auth::Role::auditor;
  std::optional<std::int64_t> mission_id;
  std::int64_t user_id = 0;
  std::int64_t created_by = 0;
};

Result<ApiTokenRecord> create_api_token(soci::session& sql, const NewApiToken& token);
std::vector<ApiTokenRecord> list_api_tokens(soci::session& sql);
bool revoke_api_token(soci::session& sql, std::int64_t id);
// The principal a live (not revoked) token stands for, while its user is active.
std::optional<auth::Principal> find_api_token_principal(soci::session& sql, const auth::Bytes& token_hash);

}  // namespace rudi::store
