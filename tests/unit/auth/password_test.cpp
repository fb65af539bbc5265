#include "auth/password.hpp"

#include <gtest/gtest.h>

namespace rudi::auth {
namespace {

TEST(PasswordHasher, VerifiesTheRightPasswordOnly) {
  const PasswordHasher hasher;
  const std::string hash = hasher.hash("Baobab-at-dusk-1998");
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_TRUE(hasher.verify(hash, "Baobab-at-dusk-1998"));
  EXPECT_FALSE(hasher.verify(hash, "Baobab-at-dusk-1999"));
  EXPECT_FALSE(hasher.verify("not a hash", "Baobab-at-dusk-1998"));
}

TEST(PasswordHasher, NoTruncationOfLongPasswords) {
  const PasswordHasher hasher;
  const std::string long_password(200, 'k');
  const std::string hash = hasher.hash(long_password);
  EXPECT_FALSE(hasher.verify(hash, std::string(199, 'k')));
  EXPECT_FALSE(hasher.verify(hash, long_password + "x"));
}

TEST(PasswordHasher, AskForARehashWhenTheLimitsChange) {
  const PasswordHasher cheap(PasswordCost{1, 8 * 1024 * 1024});
  const PasswordHasher standard;
  const std::string old_hash = cheap.hash("Baobab-at-dusk-1998");
  EXPECT_TRUE(standard.needs_rehash(old_hash));
  EXPECT_FALSE(standard.needs_rehash(standard.hash("Baobab-at-dusk-1998")));
}

TEST(PasswordPolicy, LengthOnlyNoCompositionRules) {
  const auto policy = PasswordPolicy::without_denylist();
  EXPECT_TRUE(policy.problem_with("short", "amina"));
  EXPECT_FALSE(policy.problem_with("alllowercaseletters", "amina"));
  EXPECT_FALSE(policy.problem_with("mchele na maharagwe", "amina"));  // spaces are fine
  EXPECT_FALSE(policy.problem_with(std::string(64, 'q'), "amina"));
  EXPECT_FALSE(policy.problem_with(std::string(256, 'q'), "amina"));
  EXPECT_TRUE(policy.problem_with(std::string(257, 'q'), "amina"));
  // Eight characters, counted as characters, not bytes.
  EXPECT_FALSE(policy.problem_with("ñáéíóúüç", "amina"));
  EXPECT_TRUE(policy.problem_with("ñáéíóúü", "amina"));
  EXPECT_TRUE(policy.problem_with("bad\xff utf-8 here", "amina"));
}

TEST(PasswordPolicy, RefusesCommonPasswordsAndTheUsername) {
  auto policy = PasswordPolicy::load(RUDI_DEFAULT_PASSWORD_DENYLIST);
  ASSERT_TRUE(policy) << policy.error().detail;
  EXPECT_TRUE(policy->problem_with("password", "amina"));
  EXPECT_TRUE(policy->problem_with("Password1", "amina"));
  EXPECT_TRUE(policy->problem_with("12345678", "amina"));
  EXPECT_TRUE(policy->problem_with("qwertyuiop", "amina"));
  EXPECT_TRUE(policy->problem_with("amina.wanjiru-2025", "amina.wanjiru"));
  EXPECT_FALSE(policy->problem_with("Tulip-lantern-4417", "amina"));
}

TEST(Utf8Length, CountsCodePointsAndRejectsMalformedText) {
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length("ñ"), 1u);
  EXPECT_EQ(utf8_length("\xe2\x82\xac"), 1u);  // €
  EXPECT_EQ(utf8_length("\xf0\x9f\x98\x80"), 1u);
  EXPECT_FALSE(utf8_length("\xc3"));
  EXPECT_FALSE(utf8_length("\xc0\xaf"));  // overlong
  EXPECT_FALSE(utf8_length("\xe2\x28\xa1"));
}

}  // namespace
}  // namespace rudi::auth
