// Encryption of the most sensitive fields at rest (TOTP secrets, document numbers, statements, medical
// notes): XChaCha20-Poly1305 from libsodium, with the key's id stored beside each value so that keys can
// be rotated, and the record's identity bound in as associated data so that a ciphertext cannot be moved
// to another row. A keyed BLAKE2b hash ("blind index") lets encrypted values be matched exactly.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "auth/totp.hpp"
#include "domain/result.hpp"

namespace rudi::auth {

struct Sealed {
  std::string key_id;
  Bytes nonce;
  Bytes ciphertext;
};

class Keyring {
 public:
  // `keys`: "id:base64key[,id:base64key…]", the first being the one new values are sealed with; each key
  // 32 bytes. `index_key`: base64 of 32 bytes, for blind indexes (never rotated: it would change every
  // index). Both come from the environment (RUDI_DATA_KEYS, RUDI_BLIND_INDEX_KEY).
  static Result<Keyring> parse(std::string_view keys, std::string_view index_key);

  Sealed seal(std::string_view plaintext, std::string_view associated_data) const;
  Result<std::string> open(const Sealed& sealed, std::string_view associated_data) const;
  Bytes blind_index(std::string_view value) const;
  const std::string& current_key_id() const { return current_; }

 private:
  std::map<std::string, Bytes> keys_;
  std::string current_;
  Bytes index_key_;
};

// A fresh 32-byte key as base64, for `rudi keys generate` and the ops scripts.
std::string new_key_base64();

}  // namespace rudi::auth
