#include "auth/secret_box.hpp"

#include <sodium.h>

#include "auth/sodium.hpp"

namespace rudi::auth {
namespace {

std::optional<Bytes> from_base64(std::string_view text) {
  Bytes out(text.size());
  std::size_t length = 0;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0 &&
      sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

}  // namespace

std::string new_key_base64() {
  ensure_sodium();
  Bytes key(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
  crypto_aead_xchacha20poly1305_ietf_keygen(key.data());
  std::string out(sodium_base64_ENCODED_LEN(key.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), key.data(), key.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return out;
}

Result<Keyring> Keyring::parse(std::string_view keys, std::string_view index_key) {
  ensure_sodium();
  Keyring ring;
  while (!keys.empty()) {
    const auto comma = keys.find(',');
    const std::string_view entry = keys.substr(0, comma);
    keys = comma == std::string_view::npos ? std::string_view() : keys.substr(comma + 1);
    const auto colon = entry.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      return Error::invalid("RUDI_DATA_KEYS: each key is id:base64, e.g. k1:…");
    }
    auto key = from_base64(entry.substr(colon + 1));
    if (!key || key->size() != crypto_aead_xchacha20poly1305_ietf_KEYBYTES) {
      return Error::invalid("RUDI_DATA_KEYS: key " + std::string(entry.substr(0, colon)) +
                            " is not 32 bytes of base64");
    }
    const std::string id(entry.substr(0, colon));
    if (ring.current_.empty()) ring.current_ = id;
    ring.keys_[id] = std::move(*key);
  }
  if (ring.current_.empty()) return Error::invalid("RUDI_DATA_KEYS is empty; run `rudi keys generate`");
  auto index = from_base64(index_key);
  if (!index || index->size() != crypto_generichash_KEYBYTES) {
    return Error::invalid("RUDI_BLIND_INDEX_KEY must be 32 bytes of base64");
  }
  ring.index_key_ = std::move(*index);
  return ring;
}

Sealed Keyring::seal(std::string_view plaintext, std::string_view associated_data) const {
  Sealed sealed;
  sealed.key_id = current_;
  sealed.nonce.resize(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  randombytes_buf(sealed.nonce.data(), sealed.nonce.size());
  sealed.ciphertext.resize(plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
  unsigned long long length = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      sealed.ciphertext.data(), &length, reinterpret_cast<const unsigned char*>(plaintext.data()),
      plaintext.size(), reinterpret_cast<const unsigned char*>(associated_data.data()),
      associated_data.size(), nullptr, sealed.nonce.data(), keys_.at(current_).data());
  sealed.ciphertext.resize(length);
  return sealed;
}

Result<std::string> Keyring::open(const Sealed& sealed, std::string_view associated_data) const {
  auto key = keys_.find(sealed.key_id);
  if (key == keys_.end()) return Error::internal("no key with id " + sealed.key_id + " in RUDI_DATA_KEYS");
  if (sealed.nonce.size() != crypto_aead_xchacha20poly1305_ietf_NPUBBYTES ||
      sealed.ciphertext.size() < crypto_aead_xchacha20poly1305_ietf_ABYTES) {
    return Error::internal("a sealed value is malformed");
  }
  std::string plaintext(sealed.ciphertext.size() - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long length = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(plaintext.data()), &length, nullptr, sealed.ciphertext.data(),
          sealed.ciphertext.size(), reinterpret_cast<const unsigned char*>(associated_data.data()),
          associated_data.size(), sealed.nonce.data(), key->second.data()) != 0) {
    return Error::internal("a sealed value does not authenticate");
  }
  plaintext.resize(length);
  return plaintext;
}

Bytes Keyring::blind_index(std::string_view value) const {
  Bytes out(32);
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(value.data()),
                     value.size(), index_key_.data(), index_key_.size());
  return out;
}

}  // namespace rudi::auth
