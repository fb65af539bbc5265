#include "auth/password.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <mutex>
#include <stdexcept>

#include "auth/sodium.hpp"

namespace rudi::auth {

void ensure_sodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  });
}

PasswordCost PasswordCost::interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}
PasswordCost PasswordCost::moderate() {
  return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

PasswordHasher::PasswordHasher(PasswordCost cost) : cost_(cost) {
  ensure_sodium();
  dummy_hash_ = hash("a password nobody has; its hash only costs time");
}

std::string PasswordHasher::hash(std::string_view password) const {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost_.operations, cost_.memory_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return out;
}

bool PasswordHasher::verify(std::string_view stored_hash, std::string_view password) const {
  const std::string stored(stored_hash);  // libsodium wants a NUL-terminated string
  return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::needs_rehash(std::string_view stored_hash) const {
  const std::string stored(stored_hash);
  return crypto_pwhash_str_needs_rehash(stored.c_str(), cost_.operations, cost_.memory_bytes) != 0;
}

void PasswordHasher::waste_equal_time(std::string_view password) const {
  (void)verify(dummy_hash_, password);
}

std::optional<std::size_t> utf8_length(std::string_view text) {
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    if (c < 0x80)
      extra = 0;
    else if (c >= 0xc2 && c <= 0xdf)
      extra = 1;
    else if (c >= 0xe0 && c <= 0xef)
      extra = 2;
    else if (c >= 0xf0 && c <= 0xf4)
      extra = 3;
    else
      return std::nullopt;
    if (text.size() - i <= extra) return std::nullopt;
    for (std::size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return std::nullopt;
    }
    i += extra + 1;
    ++count;
  }
  return count;
}

Result<PasswordPolicy> PasswordPolicy::load(const std::filesystem::path& denylist) {
  std::ifstream in(denylist);
  if (!in) return Error::invalid("the password deny-list " + denylist.string() + " cannot be read");
  std::unordered_set<std::string> denied;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.front() == '#') continue;
    denied.insert(line);
  }
  return PasswordPolicy(std::move(denied));
}

std::optional<std::string> PasswordPolicy::problem_with(std::string_view password,
                                                        std::string_view username) const {
  const auto length = utf8_length(password);
  if (!length) return "the password is not valid UTF-8";
  if (*length < kMinPasswordLength)
    return "use at least " + std::to_string(kMinPasswordLength) + " characters";
  if (*length > kMaxPasswordLength)
    return "use at most " + std::to_string(kMaxPasswordLength) + " characters";
  std::string lowered(password);
  std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (denied_.count(lowered)) return "this password is among the most common ones; choose another";
  std::string lowered_user(username);
  std::transform(lowered_user.begin(), lowered_user.end(), lowered_user.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (!lowered_user.empty() && lowered.find(lowered_user) != std::string::npos) {
    return "the password must not contain the username";
  }
  return std::nullopt;
}

}  // namespace rudi::auth
