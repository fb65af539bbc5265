// Passwords: Argon2id hashes (libsodium's crypto_pwhash_str) and the rules a new password must meet —
// length only, no composition rules, and not one of the most common passwords (NIST SP 800-63B).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "domain/result.hpp"

namespace rudi::auth {

struct PasswordCost {
  unsigned long long operations;
  std::size_t memory_bytes;

  static PasswordCost interactive();  // libsodium's INTERACTIVE limits: 2 passes, 64 MiB
  static PasswordCost moderate();     // libsodium's MODERATE limits: 3 passes, 256 MiB
};

class PasswordHasher {
 public:
  explicit PasswordHasher(PasswordCost cost = PasswordCost::interactive());

  std::string hash(std::string_view password) const;
  bool verify(std::string_view stored_hash, std::string_view password) const;
  // True when the stored hash was made with other limits than today's: rehash it at the next sign-in.
  bool needs_rehash(std::string_view stored_hash) const;
  // Spends as long as a verification does, so that an unknown user costs the same time as a known one.
  void waste_equal_time(std::string_view password) const;

 private:
  PasswordCost cost_;
  std::string dummy_hash_;
};

inline constexpr std::size_t kMinPasswordLength = 8;    // characters
inline constexpr std::size_t kMaxPasswordLength = 256;  // characters; never truncated, refused beyond

class PasswordPolicy {
 public:
  // Reads the deny-list: one password a line, lower case, '#' lines are comments.
  static Result<PasswordPolicy> load(const std::filesystem::path& denylist);
  static PasswordPolicy without_denylist() { return PasswordPolicy({}); }

  // Why the password may not be used, or nullopt when it may.
  std::optional<std::string> problem_with(std::string_view password, std::string_view username) const;

 private:
  explicit PasswordPolicy(std::unordered_set<std::string> denied) : denied_(std::move(denied)) {}
  std::unordered_set<std::string> denied_;
};

// Counts UTF-8 code points; nullopt when the text is not valid UTF-8.
std::optional<std::size_t> utf8_length(std::string_view text);

}  // namespace rudi::auth
