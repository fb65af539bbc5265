#include "service/idempotency.hpp"

#include <soci/soci.h>

#include "auth/tokens.hpp"

namespace rudi::service {

boost::asio::awaitable<Result<store::IdempotencyClaim>> Idempotency::claim(const auth::Principal& who,
                                                                           std::string key,
                                                                           std::string request_fingerprint) {
  const auth::Bytes hash = auth::sha256(request_fingerprint);
  co_return co_await db_.run<store::IdempotencyClaim>(
      [&](soci::session& sql) -> Result<store::IdempotencyClaim> {
        return store::claim_idempotency_key(sql, who.user_id, key, hash);
      });
}

boost::asio::awaitable<Status> Idempotency::finish(const auth::Principal& who, std::string key, int status,
                                                   std::string body) {
  co_return co_await db_.run<Unit>([&](soci::session& sql) -> Result<Unit> {
    if (status >= 500 || status == 429)
      store::release_idempotency_key(sql, who.user_id, key);
    else
      store::complete_idempotency_key(sql, who.user_id, key, status, body);
    return Unit{};
  });
}

}  // namespace rudi::service
