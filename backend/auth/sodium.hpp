// libsodium must be initialised once before use; every user in auth/ calls this first.
#pragma once

namespace rudi::auth {

void ensure_sodium();

}  // namespace rudi::auth
