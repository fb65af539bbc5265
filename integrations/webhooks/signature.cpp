#include "integrations/webhooks/signature.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>

namespace rudi::webhooks {

std::string sign(std::string_view secret, std::int64_t timestamp, std::string_view body) {
  const std::string message = std::to_string(timestamp) + "." + std::string(body);
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac.data(), &length);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[mac[i] >> 4]);
    hex.push_back(kHex[mac[i] & 0xf]);
  }
  return hex;
}

std::string signature_header(std::string_view secret, std::int64_t timestamp, std::string_view body) {
  return "t=" + std::to_string(timestamp) + ",v1=" + sign(secret, timestamp, body);
}

}  // namespace rudi::webhooks
