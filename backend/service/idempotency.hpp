// Idempotency-Key handling for creates and transitions: a retried request (same user, same key, same
// request) gets the first answer again instead of doing the work twice; the same key with another
// request is refused; a key whose first request is still running answers 409.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>

#include "auth/principal.hpp"
#include "store/database.hpp"
#include "store/idempotency_repository.hpp"

namespace rudi::service {

class Idempotency {
 public:
  explicit Idempotency(store::Database& db) : db_(db) {}

  boost::asio::awaitable<Result<store::IdempotencyClaim>> claim(const auth::Principal& who, std::string key,
                                                                std::string request_fingerprint);
  // Keeps the answer for retries; answers that are worth retrying (5xx, 429) release the key instead.
  boost::asio::awaitable<Status> finish(const auth::Principal& who, std::string key, int status,
                                        std::string body);

 private:
  store::Database& db_;
};

}  // namespace rudi::service
