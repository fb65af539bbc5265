#include "service/audit_log.hpp"

#include <soci/soci.h>

#include "service/authorised.hpp"
#include "store/sequencer.hpp"

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
        // Chain what is committed and not chained yet (the sequencer's own work, done here too when no
        // server runs), so that the verdict covers every committed row.
        const bool by_commit_time = store::commit_times_known(sql);
        for (int pass = 0; pass < 1000; ++pass) {
          const auto done = store::sequence_committed(sql, 1000, by_commit_time);
          if (!done.ran || (done.events == 0 && done.audit_rows == 0)) break;
        }
        soci::transaction tx(sql);
        sql << "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ";  // one consistent view of the whole chain
        auto result = store::verify_audit_chain(sql);
        tx.commit();
        return result;
      });
}

}  // namespace rudi::service
