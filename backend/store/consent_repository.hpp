// Consent per purpose, kept as a history; the newest row of a person and purpose is the one in force.
#pragma once

#include <soci/session.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rudi::store {

struct ConsentRecord {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::string purpose;  // prosecution, family_contact, partner_referral, statistics
  std::string status;   // granted, refused, withdrawn
  std::string method;   // verbal, written
  std::string note;
  std::optional<std::int64_t> recorded_by;
  std::string recorded_at;  // RFC 3339
};

ConsentRecord add_consent(soci::session& sql, const ConsentRecord& consent);
std::vector<ConsentRecord> consent_history(soci::session& sql, std::int64_t person_id);
// purpose → status now
std::map<std::string, std::string> consent_in_force(soci::session& sql, std::int64_t person_id);

}  // namespace rudi::store
