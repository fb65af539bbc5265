#include "auth/tokens.hpp"

#include <openssl/evp.h>
#include <sodium.h>

#include "auth/sodium.hpp"

namespace rudi::auth {

std::string random_token(std::size_t bytes) {
  ensure_sodium();
  Bytes raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

Bytes sha256(std::string_view text) {
  Bytes digest(EVP_MAX_MD_SIZE);
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha256(), nullptr);
  digest.resize(length);
  return digest;
}

std::string new_recovery_code() {
  ensure_sodium();
  Bytes raw(10);
  randombytes_buf(raw.data(), raw.size());
  const std::string plain = base32_encode(raw);
  return plain.substr(0, 4) + "-" + plain.substr(4, 4) + "-" + plain.substr(8, 4) + "-" + plain.substr(12, 4);
}

std::string normalise_recovery_code(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

}  // namespace rudi::auth
