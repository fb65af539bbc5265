#include "http/request_id.hpp"

#include <cstdint>
#include <random>

namespace rudi::http {

std::string new_request_id() {
  // Not a secret, only unique: a per-thread generator seeded from the OS is enough and never blocks.
  thread_local std::mt19937_64 generator{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(32, '0');
  for (int half = 0; half < 2; ++half) {
    std::uint64_t bits = generator();
    for (int i = 0; i < 16; ++i, bits >>= 4) id[half * 16 + i] = kHex[bits & 0xf];
  }
  return id;
}

}  // namespace rudi::http
