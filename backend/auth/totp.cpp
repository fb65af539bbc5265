#include "auth/totp.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <cstdio>

#include "auth/sodium.hpp"

namespace rudi::auth {
namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
}

Bytes new_totp_secret() {
  ensure_sodium();
  Bytes secret(20);
  randombytes_buf(secret.data(), secret.size());
  return secret;
}

std::string base32_encode(const Bytes& bytes) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (auto byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kAlphabet[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (5 - bits)) & 31]);
  return out;
}

std::optional<Bytes> base32_decode(std::string_view text) {
  Bytes out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=' || c == ' ' || c == '-') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    const char* at = std::char_traits<char>::find(kAlphabet, 32, c);
    if (!at) return std::nullopt;
    buffer = (buffer << 5) | static_cast<unsigned>(at - kAlphabet);
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<std::uint8_t>((buffer >> (bits - 8)) & 0xff));
      bits -= 8;
    }
  }
  return out;
}

std::int64_t totp_step(std::chrono::system_clock::time_point now) {
  return std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count() / kTotpStepSeconds;
}

std::string totp_code(const Bytes& secret, std::int64_t step) {
  unsigned char counter[8];
  for (int i = 7; i >= 0; --i, step >>= 8) counter[i] = static_cast<unsigned char>(step & 0xff);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), counter, sizeof counter, digest, &length);
  const int offset = digest[length - 1] & 0x0f;
  const std::uint32_t binary = ((digest[offset] & 0x7f) << 24) | (digest[offset + 1] << 16) |
                               (digest[offset + 2] << 8) | digest[offset + 3];
  char code[16];
  std::snprintf(code, sizeof code, "%06u", binary % 1'000'000u);
  return code;
}

std::optional<std::int64_t> verify_totp(const Bytes& secret, std::string_view code,
                                        std::chrono::system_clock::time_point now,
                                        std::optional<std::int64_t> last_used_step) {
  if (code.size() != kTotpDigits) return std::nullopt;
  const std::int64_t current = totp_step(now);
  for (std::int64_t step : {current - 1, current, current + 1}) {
    if (last_used_step && step <= *last_used_step) continue;
    const std::string expected = totp_code(secret, step);
    if (sodium_memcmp(expected.data(), code.data(), expected.size()) == 0) return step;
  }
  return std::nullopt;
}

std::string otpauth_uri(std::string_view account, const Bytes& secret) {
  return "otpauth://totp/Rudi:" + std::string(account) + "?secret=" + base32_encode(secret) +
         "&issuer=Rudi&algorithm=SHA1&digits=6&period=30";
}

}  // namespace rudi::auth
