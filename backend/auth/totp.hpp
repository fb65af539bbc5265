// Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), the second factor of
// every role that sees survivors' data, and the base32 that authenticator apps use for secrets.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rudi::auth {

using Bytes = std::vector<std::uint8_t>;

inline constexpr int kTotpDigits = 6;
inline constexpr std::int64_t kTotpStepSeconds = 30;

Bytes new_totp_secret();  // 20 bytes from the OS's secure random source
std::string base32_encode(const Bytes& bytes);
std::optional<Bytes> base32_decode(std::string_view text);

std::int64_t totp_step(std::chrono::system_clock::time_point now);
std::string totp_code(const Bytes& secret, std::int64_t step);

// Accepts the code of the current step or one step either side (clock drift), but never a step at or
// before `last_used_step`: a code works once. Returns the step it matched.
std::optional<std::int64_t> verify_totp(const Bytes& secret, std::string_view code,
                                        std::chrono::system_clock::time_point now,
                                        std::optional<std::int64_t> last_used_step);

// otpauth://totp/Rudi:<account>?secret=…&issuer=Rudi, for a QR code or manual entry.
std::string otpauth_uri(std::string_view account, const Bytes& secret);

}  // namespace rudi::auth
