// Query strings and path ids, read with field-level errors.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace rudi::http {

// Percent-decoded parameters of a request target's query ('+' is a space). The last of repeated keys wins.
std::map<std::string, std::string> query_params(std::string_view target);

// A positive integer id from a path or query parameter; an invalid-input error naming `field` otherwise.
Result<std::int64_t> parse_id(std::string_view text, std::string field);

}  // namespace rudi::http
