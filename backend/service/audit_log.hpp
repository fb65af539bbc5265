// Reading and verifying the audit log: auditors page through it with filters; `rudi audit verify` and
// auditors check its hash chain.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <vector>

#include "auth/principal.hpp"
#include "store/audit_repository.hpp"
#include "store/database.hpp"

namespace rudi::service {

inline constexpr int kMaxAuditPage = 500;

class AuditLog {
 public:
  explicit AuditLog(store::Database& db) : db_(db) {}

  boost::asio::awaitable<Result<std::vector<store::AuditRow>>> rows(auth::Principal actor,
                                                                    store::AuditFilter filter,
                                                                    std::string request_id);
  boost::asio::awaitable<Result<store::AuditVerification>> verify(auth::Principal actor,
                                                                  std::string request_id);

 private:
  store::Database& db_;
};

}  // namespace rudi::service
