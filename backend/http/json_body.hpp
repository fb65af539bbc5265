// Reading a request body as JSON: the content type must say JSON, the bytes must be UTF-8 and the
// document well-formed; otherwise a problem that names the byte offset where parsing stopped.
#pragma once

#include <nlohmann/json.hpp>
#include <variant>

#include "http/problem.hpp"
#include "http/types.hpp"

namespace rudi::http {

// The maximum nesting of arrays and objects accepted in a body; deeper documents are refused before
// they can exhaust the stack.
inline constexpr int kMaxJsonDepth = 64;

std::variant<nlohmann::json, Problem> parse_json_body(const Request& request);

bool is_json_content_type(std::string_view content_type);

}  // namespace rudi::http
