#include "service/duplicate_desk.hpp"

#include <soci/soci.h>

#include "domain/validation.hpp"
#include "service/audit_trail.hpp"
#include "service/authorised.hpp"
#include "store/principal_scope.hpp"

namespace rudi::service {
namespace {
const auth::ResourceScope kFlags{auth::Resource::duplicate_flag, std::nullopt, {}, false, true};
}  // namespace

boost::asio::awaitable<Result<std::vector<store::DuplicateFlag>>> DuplicateDesk::open_flags(
    auth::Principal who, std::string request_id) {
  co_return co_await run_authorised<std::vector<store::DuplicateFlag>>(
      db_, who, auth::Action::list, kFlags, std::nullopt, request_id,
      [&](soci::session& sql) -> Result<std::vector<store::DuplicateFlag>> {
        soci::transaction tx(sql);
        store::set_principal(sql, who);
        auto flags = store::open_duplicate_flags(sql, 200);
        store::append_audit(
            sql, audit_entry(who, "duplicate_flag.list", "duplicate_flag", std::nullopt, request_id));
        tx.commit();
        return flags;
      });
}

boost::asio::awaitable<Result<Unit>> DuplicateDesk::resolve(auth::Principal who, std::int64_t id,
                                                            std::string note, std::string request_id) {
  if (auto p = text_problem(note, 2000, true, true))
    co_return Error::invalid("say how the two records were reconciled", {{"/note", *p}});
  co_return co_await run_authorised<Unit>(
      db_, who, auth::Action::update, kFlags, std::to_string(id), request_id,
      [&](soci::session& sql) -> Result<Unit> {
        soci::transaction tx(sql);
        store::set_principal(sql, who);
        if (!store::resolve_duplicate_flag(sql, id, who.user_id, note))
          return Error::not_found("no open duplicate flag with this id");
        store::append_audit(sql, audit_entry(who, "duplicate_flag.resolve", "duplicate_flag",
                                             std::to_string(id), request_id));
        tx.commit();
        return Unit{};
      });
}

}  // namespace rudi::service
