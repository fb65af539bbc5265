// Row-level security needs to know who is asking: the principal is set for the current transaction only
// (set_config(..., true), i.e. SET LOCAL), so a pooled connection forgets it at commit or rollback and the
// next principal starts from nothing.
#pragma once

#include <soci/session.h>

#include "auth/principal.hpp"

namespace rudi::store {

// Must be called inside a transaction.
void set_principal(soci::session& sql, const auth::Principal& principal);

}  // namespace rudi::store
