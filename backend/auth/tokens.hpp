// Random bearer secrets (session tokens, API tokens, CSRF tokens, recovery codes) and how they are kept:
// only as a SHA-256, which is enough for secrets of 128 bits or more.
#pragma once

#include <string>
#include <string_view>

#include "auth/totp.hpp"

namespace rudi::auth {

// `bytes` random bytes from the OS, as URL-safe base64 without padding.
std::string random_token(std::size_t bytes = 32);
Bytes sha256(std::string_view text);
// A one-time recovery code: 16 base32 characters (80 bits) in groups of four.
std::string new_recovery_code();
// The canonical form of a typed recovery code: upper case, no separators.
std::string normalise_recovery_code(std::string_view typed);

}  // namespace rudi::auth
