#include "store/idempotency_repository.hpp"

#include <soci/soci.h>

#include "store/hex.hpp"

namespace rudi::store {

IdempotencyClaim claim_idempotency_key(soci::session& sql, std::int64_t user_id, const std::string& key,
                                       const auth::Bytes& request_hash) {
  const long long user = user_id;
  const std::string hash = to_hex(request_hash);
  const int hours = kIdempotencyHours;
  // Keys older than a day are forgotten; then the key is claimed unless someone holds it.
  sql << "DELETE FROM idempotency_keys WHERE user_id = :user_id AND key = :key "
         "AND created_at < now() - :hours * interval '1 hour'",
      soci::use(user), soci::use(key), soci::use(hours);
  long long inserted = 0;
  soci::statement st = (sql.prepare << "INSERT INTO idempotency_keys (user_id, key, request_hash) "
                                       "VALUES (:user_id, :key, decode(:hash, 'hex')) ON CONFLICT DO NOTHING",
                        soci::use(user), soci::use(key), soci::use(hash));
  st.execute(true);
  inserted = st.get_affected_rows();
  if (inserted == 1) return {};
  soci::row r;
  sql << "SELECT encode(request_hash, 'hex'), status, response_body FROM idempotency_keys "
         "WHERE user_id = :user_id AND key = :key",
      soci::use(user), soci::use(key), soci::into(r);
  IdempotencyClaim claim;
  if (!sql.got_data()) return claim;  // released meanwhile: treat as claimed by this request
  if (r.get<std::string>(0) != hash) {
    claim.state = IdempotencyClaim::State::mismatch;
  } else if (r.get_indicator(1) != soci::i_ok) {
    claim.state = IdempotencyClaim::State::in_progress;
  } else {
    claim.state = IdempotencyClaim::State::replay;
    claim.status = r.get<int>(1);
    claim.body = r.get<std::string>(2);
  }
  return claim;
}

void complete_idempotency_key(soci::session& sql, std::int64_t user_id, const std::string& key, int status,
                              const std::string& body) {
  const long long user = user_id;
  sql << "UPDATE idempotency_keys SET status = :status, response_body = :body WHERE user_id = :user_id AND "
         "key = :key",
      soci::use(status), soci::use(body), soci::use(user), soci::use(key);
}

void release_idempotency_key(soci::session& sql, std::int64_t user_id, const std::string& key) {
  const long long user = user_id;
  sql << "DELETE FROM idempotency_keys WHERE user_id = :user_id AND key = :key", soci::use(user),
      soci::use(key);
}

}  // namespace rudi::store
