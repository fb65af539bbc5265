// Writing audit rows for a principal's acts, and asking the access policy with every refusal recorded:
// the two things every use case does around its work.
#pragma once

#include <soci/session.h>

#include <string>

#include "auth/access_policy.hpp"
#include "domain/error.hpp"
#include "store/audit_repository.hpp"

namespace rudi::service {

// The audit entry of an act by `principal` (the actor's kind follows from its credential).
store::AuditEntry audit_entry(const auth::Principal& principal, std::string action, std::string entity,
                              std::optional<std::string> entity_id, const std::string& request_id,
                              bool allowed = true);

// The error a refused decision answers with: 404 when the record is hidden, 403 otherwise.
Error refusal_error(const auth::Decision& decision);

// Records a refused attempt in its own transaction (there is no work to share one with).
void record_refusal(soci::session& sql, const auth::Principal& principal, const auth::Decision& decision,
                    auth::Action action, auth::Resource resource, std::optional<std::string> entity_id,
                    const std::string& request_id);

}  // namespace rudi::service
