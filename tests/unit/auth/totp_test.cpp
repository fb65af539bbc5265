#include "auth/totp.hpp"

#include <gtest/gtest.h>

#include "auth/tokens.hpp"

namespace rudi::auth {
namespace {
using std::chrono::seconds;
using std::chrono::system_clock;

const Bytes kRfcSecret{'1', '2', '3', '4', '5', '6', '7', '8', '9', '0',
                       '1', '2', '3', '4', '5', '6', '7', '8', '9', '0'};

system_clock::time_point at(long long unix_seconds) {
  return system_clock::time_point(seconds(unix_seconds));
}

TEST(Totp, MatchesTheRfc6238TestVectors) {
  // RFC 6238 appendix B (SHA-1), last six of the eight digits.
  EXPECT_EQ(totp_code(kRfcSecret, totp_step(at(59))), "287082");
  EXPECT_EQ(totp_code(kRfcSecret, totp_step(at(1111111109))), "081804");
  EXPECT_EQ(totp_code(kRfcSecret, totp_step(at(1234567890))), "005924");
  EXPECT_EQ(totp_code(kRfcSecret, totp_step(at(2000000000))), "279037");
}

TEST(Totp, AcceptsOneStepOfDriftAndNoMore) {
  const auto now = at(1111111109);
  const auto step = totp_step(now);
  EXPECT_EQ(verify_totp(kRfcSecret, totp_code(kRfcSecret, step), now, std::nullopt), step);
  EXPECT_EQ(verify_totp(kRfcSecret, totp_code(kRfcSecret, step - 1), now, std::nullopt), step - 1);
  EXPECT_EQ(verify_totp(kRfcSecret, totp_code(kRfcSecret, step + 1), now, std::nullopt), step + 1);
  EXPECT_FALSE(verify_totp(kRfcSecret, totp_code(kRfcSecret, step + 2), now, std::nullopt));
  EXPECT_FALSE(verify_totp(kRfcSecret, "12345", now, std::nullopt));
  EXPECT_FALSE(verify_totp(kRfcSecret, "abcdef", now, std::nullopt));
}

TEST(Totp, ACodeOfAUsedStepIsRefused) {
  const auto now = at(1111111109);
  const auto step = totp_step(now);
  EXPECT_FALSE(verify_totp(kRfcSecret, totp_code(kRfcSecret, step), now, step));
  EXPECT_FALSE(verify_totp(kRfcSecret, totp_code(kRfcSecret, step - 1), now, step));
  EXPECT_EQ(verify_totp(kRfcSecret, totp_code(kRfcSecret, step + 1), now, step), step + 1);
}

TEST(Base32, RoundTripsAndMatchesRfc4648) {
  EXPECT_EQ(base32_encode({'f', 'o', 'o', 'b', 'a', 'r'}), "MZXW6YTBOI");
  EXPECT_EQ(base32_decode("MZXW6YTBOI"), (Bytes{'f', 'o', 'o', 'b', 'a', 'r'}));
  EXPECT_EQ(base32_decode("mzxw6ytboi"), (Bytes{'f', 'o', 'o', 'b', 'a', 'r'}));
  EXPECT_FALSE(base32_decode("MZXW1"));
  const Bytes secret = new_totp_secret();
  EXPECT_EQ(secret.size(), 20u);
  EXPECT_EQ(base32_decode(base32_encode(secret)), secret);
}

TEST(Tokens, AreRandomUrlSafeAndOf256Bits) {
  const std::string a = random_token();
  const std::string b = random_token();
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 43u);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  EXPECT_EQ(sha256("abc").size(), 32u);
}

TEST(RecoveryCodes, AreReadableAndNormalised) {
  const std::string code = new_recovery_code();
  EXPECT_EQ(code.size(), 19u);
  EXPECT_EQ(normalise_recovery_code(code).size(), 16u);
  EXPECT_EQ(normalise_recovery_code("abcd-efgh ijkl-mnop"), "ABCDEFGHIJKLMNOP");
}

}  // namespace
}  // namespace rudi::auth
