#include "service/audit_log.hpp"

#include <soci/soci.h>

#include "service/authorised.hpp"

namespace rudi::service {
namespace {
auth::ResourceScope audit_scope() {
  return {auth::Resource::audit, std::nullopt, {}, false, true};
}
}  // namespace

boost::asio::awaitable<Result<std::vector<store::AuditRow>>> AuditLog::rows(auth::Principal actor,
                                                                            store::AuditFilter filter,
                                                                            std::string request_id) {
  if (filter.limit < 1 || filter.limit > kMaxAuditPage) {
    co_return Error::invalid("the page size is out of range",
                             {{"/limit", "1 to " + std::to_string(kMaxAuditPage)}});
  }
  co_return co_await run_authorised<std::vector<store::AuditRow>>(
      db_, actor, auth::Action::list, audit_scope(), std::nullopt, request_id,
      [&](soci::session& sql) -> Result<std::vector<store::AuditRow>> {
        return store::query_audit(sql, filter);
      });
}

boost::asio::awaitable<Result<store::AuditVerification>> AuditLog::verify(auth::Principal actor,
                                                                          std::string request_id) {
  co_return co_await run_authorised<store::AuditVerification>(
      db_, actor, auth::Action::read, audit_scope(), std::nullopt, request_id,
      [&](soci::session& sql) -> Result<store::AuditVerification> {
        soci::transaction tx(sql);
        sql << "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ";  // one consistent view of the whole chain
        auto result = store::verify_audit_chain(sql);
        tx.commit();
        return result;
      });
}

}  // namespace rudi::service
