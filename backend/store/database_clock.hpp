// Times entered by officers are checked against the database's clock, the one every recorded_at uses, so
// that nodes with drifting clocks agree on what "the future" is.
#pragma once

#include <soci/session.h>

#include <string>

namespace rudi::store {

// Whether an RFC 3339 time lies more than five minutes (clock skew of the officer's device) ahead.
bool is_future(soci::session& sql, const std::string& rfc3339_time);

}  // namespace rudi::store
