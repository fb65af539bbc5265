// Reading the people whose consent for a purpose is in force, as the facts the statistics and the HTCDS
// export need: no names, phones, documents or dates of birth unless the caller asks for identifiers.
// Runs under the caller's principal, so row-level security keeps to what the caller may see.
#pragma once

#include <soci/session.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "statistics/tables.hpp"

namespace rudi::statistics {

struct PersonRecord {
  std::int64_t id = 0;  // for the audit log only; never exported
  PersonFacts facts;
  std::optional<std::string> trafficking_status;
  std::optional<std::string> recruitment_method;
  // Set only when identifiers were asked for.
  std::string given_name;
  std::string family_name;
  std::optional<std::string> date_of_birth;
  std::optional<std::string> phone;
};

// More consenting people than this are refused rather than read (the whole caseload of a country is tens
// of thousands).
inline constexpr int kMaxPeopleRead = 1'000'000;

// `purpose`: statistics or partner_referral.
Result<std::vector<PersonRecord>> consenting_people(soci::session& sql, const std::string& purpose,
                                                    bool with_identifiers);

}  // namespace rudi::statistics
