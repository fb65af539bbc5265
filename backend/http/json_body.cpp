#include "http/json_body.hpp"

#include <algorithm>
#include <cctype>

namespace rudi::http {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// Counts nesting while skipping strings, so that the depth limit is enforced before the recursive
// parser runs. Returns the offset of the first byte past the limit, or npos.
std::size_t depth_violation(const std::string& text) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) return i;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::string::npos;
}

}  // namespace

bool is_json_content_type(std::string_view content_type) {
  const std::string value = lower(content_type.substr(0, content_type.find(';')));
  std::string_view trimmed = value;
  while (!trimmed.empty() && trimmed.back() == ' ') trimmed.remove_suffix(1);
  if (trimmed != "application/json") return false;
  // A charset other than UTF-8 is refused rather than misread.
  const std::string params =
      lower(content_type.substr(std::min(content_type.size(), content_type.find(';'))));
  const auto charset = params.find("charset=");
  if (charset == std::string::npos) return true;
  std::string name = params.substr(charset + 8);
  name.erase(std::remove(name.begin(), name.end(), '"'), name.end());
  name = name.substr(0, name.find(';'));
  while (!name.empty() && name.back() == ' ') name.pop_back();
  return name == "utf-8" || name == "utf8";
}

std::variant<nlohmann::json, Problem> parse_json_body(const Request& request) {
  const auto content_type = request[beast_http::field::content_type];
  if (!is_json_content_type(content_type)) return unsupported_media_type_problem("application/json");
  const std::string& body = request.body();
  if (const auto at = depth_violation(body); at != std::string::npos) {
    return invalid_json_problem(
        at, "the document nests deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  }
  try {
    return nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& e) {
    // nlohmann counts bytes from 1; the problem reports a 0-based offset into the body.
    const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    std::string what = e.what();  // "[json.exception.parse_error.101] parse error at ..."
    if (auto tag_end = what.find("] "); tag_end != std::string::npos) what = what.substr(tag_end + 2);
    return invalid_json_problem(offset, "invalid JSON at byte " + std::to_string(offset) + ": " + what);
  }
}

}  // namespace rudi::http
