// The shape of every use case: ask the access policy; if refused, record the refusal in the audit log
// and answer 403 or 404; otherwise run the work (which writes its own audit row) in one transaction on
// the database pool.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "auth/access_policy.hpp"
#include "service/audit_trail.hpp"
#include "store/database.hpp"

namespace rudi::service {

// Records a refused decision and answers with the error it maps to.
inline boost::asio::awaitable<Error> refuse(store::Database& db, const auth::Principal& principal,
                                            const auth::Decision& decision, auth::Action action,
                                            auth::Resource resource, std::optional<std::string> entity_id,
                                            std::string request_id) {
  auto recorded = co_await db.run<Unit>([&](soci::session& sql) -> Result<Unit> {
    record_refusal(sql, principal, decision, action, resource, entity_id, request_id);
    return Unit{};
  });
  if (!recorded) co_return recorded.error();
  co_return refusal_error(decision);
}

template <class T, class Work>
boost::asio::awaitable<Result<T>> run_authorised(store::Database& db, const auth::Principal& principal,
                                                 auth::Action action, auth::ResourceScope scope,
                                                 std::optional<std::string> entity_id, std::string request_id,
                                                 Work work) {
  auth::Decision decision = auth::decide(principal, action, scope);
  // A collection exists for everyone: refusing it hides nothing, so it is a 403, not a 404.
  if (scope.collection && decision.outcome == auth::Outcome::hidden)
    decision.outcome = auth::Outcome::refused;
  if (!decision.allowed()) {
    co_return co_await refuse(db, principal, decision, action, scope.kind, entity_id, request_id);
  }
  co_return co_await db.run<T>(std::move(work));
}

}  // namespace rudi::service
