// One person as an HTCDS v2.0 case record, for exchange with IOM and partner organisations: the
// standard's field and value names, the age as CTDC's ageBroad band instead of a date of birth, and no
// Rudi id. Names, the date of birth and the phone are added only for an identified export (which the
// partner_referral consent allows; see integrations/statistics/README.md).
#pragma once

#include <nlohmann/json.hpp>

#include "statistics/consenting_people.hpp"

namespace rudi::statistics {

nlohmann::json htcds_record(const PersonRecord& person, bool identified);

}  // namespace rudi::statistics
