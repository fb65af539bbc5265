// The audit log: every read and change of a person's record, every administrative act and every refused
// attempt, appended in the same transaction as the work it records. After commit the sequencer gives each
// row its place in the chain (1, 2, 3… without gaps, in commit order) and its hash, which covers its
// content and the previous row's hash, so that an altered, removed or inserted row shows up in
// `verify_audit_chain`.
#pragma once

#include <soci/session.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace rudi::store {

struct AuditEntry {
  std::optional<std::int64_t> actor_id;
  std::string actor_kind = "user";  // user, api_token, anonymous, system
  std::string action;               // e.g. session.create, person.read, user.disable
  std::string entity;               // e.g. session, person, user
  std::optional<std::string> entity_id;
  std::string request_id;
  bool allowed = true;
  nlohmann::json details = nlohmann::json::object();  // ids and reasons only, never personal data
};

struct AuditRow {
  std::int64_t id = 0;                         // the row's own id, from when it was written
  std::optional<std::int64_t> chain_position;  // its place in the chain; none for a moment after commit
  std::string at;                              // RFC 3339, UTC, microseconds
  AuditEntry entry;
};

// Appends one row, not yet chained; returns its id. Takes no shared lock: writers do not queue here.
std::int64_t append_audit(soci::session& sql, const AuditEntry& entry);

// Chains up to `limit` committed rows in commit order after the chain's head; the caller holds the head's
// lock (see store/sequencer.hpp). Returns how many it chained.
int chain_committed_audit(soci::session& sql, int limit, bool by_commit_time);

struct AuditFilter {
  std::optional<std::int64_t> actor_id;
  std::optional<std::string> entity;
  std::optional<std::string> entity_id;
  std::optional<std::string> from;  // RFC 3339
  std::optional<std::string> to;
  std::int64_t after_id = 0;  // the cursor: rows with a larger id
  int limit = 100;
};

std::vector<AuditRow> query_audit(soci::session& sql, const AuditFilter& filter);

struct AuditVerification {
  std::int64_t rows_checked = 0;
  std::int64_t rows_pending = 0;             // committed but not chained yet
  std::optional<std::int64_t> first_bad_id;  // the first row that does not match
  std::string reason;
  bool ok() const { return !first_bad_id; }
};

AuditVerification verify_audit_chain(soci::session& sql);

}  // namespace rudi::store
