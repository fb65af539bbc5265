#include "service/audit_trail.hpp"

#include <soci/soci.h>

namespace rudi::service {

store::AuditEntry audit_entry(const auth::Principal& principal, std::string action, std::string entity,
                              std::optional<std::string> entity_id, const std::string& request_id,
                              bool allowed) {
  store::AuditEntry entry;
  switch (principal.credential) {
    case auth::Credential::session:
      entry.actor_kind = "user";
      break;
    case auth::Credential::api_token:
      entry.actor_kind = "api_token";
      break;
    case auth::Credential::system:
      entry.actor_kind = "system";
      break;
  }
  if (principal.user_id != 0) entry.actor_id = principal.user_id;
  entry.action = std::move(action);
  entry.entity = std::move(entity);
  entry.entity_id = std::move(entity_id);
  entry.request_id = request_id;
  entry.allowed = allowed;
  return entry;
}

Error refusal_error(const auth::Decision& decision) {
  if (decision.outcome == auth::Outcome::hidden) return Error::not_found("no such record");
  return Error::forbidden(decision.reason);
}

void record_refusal(soci::session& sql, const auth::Principal& principal, const auth::Decision& decision,
                    auth::Action action, auth::Resource resource, std::optional<std::string> entity_id,
                    const std::string& request_id) {
  soci::transaction tx(sql);
  auto entry = audit_entry(
      principal, std::string(auth::to_string(resource)) + "." + std::string(auth::to_string(action)),
      std::string(auth::to_string(resource)), std::move(entity_id), request_id, false);
  entry.details = {{"reason", decision.reason}};
  store::append_audit(sql, entry);
  tx.commit();
}

}  // namespace rudi::service
