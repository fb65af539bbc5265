// Idempotency keys: the first request with a key claims it; its answer is kept and replayed to retries.
#pragma once

#include <soci/session.h>

#include <optional>
#include <string>

#include "auth/totp.hpp"

namespace rudi::store {

struct IdempotencyClaim {
  enum class State { claimed, replay, in_progress, mismatch } state = State::claimed;
  int status = 0;
  std::string body;
};

inline constexpr int kIdempotencyHours = 24;

IdempotencyClaim claim_idempotency_key(soci::session& sql, std::int64_t user_id, const std::string& key,
                                       const auth::Bytes& request_hash);
void complete_idempotency_key(soci::session& sql, std::int64_t user_id, const std::string& key, int status,
                              const std::string& body);
void release_idempotency_key(soci::session& sql, std::int64_t user_id, const std::string& key);

}  // namespace rudi::store
