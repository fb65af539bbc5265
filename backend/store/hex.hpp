// Bytes travel to and from bytea columns as hex text (decode(:x, 'hex') / encode(col, 'hex')): SOCI 4.0
// has no binary parameter type.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rudi::store {

std::string to_hex(const std::vector<std::uint8_t>& bytes);
std::optional<std::vector<std::uint8_t>> from_hex(std::string_view hex);

}  // namespace rudi::store
