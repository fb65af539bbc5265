#include "http/query.hpp"

#include <charconv>

#include "http/route_table.hpp"

namespace rudi::http {

std::map<std::string, std::string> query_params(std::string_view target) {
  std::map<std::string, std::string> params;
  const auto question = target.find('?');
  if (question == std::string_view::npos) return params;
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    const auto amp = query.find('&');
    std::string pair(query.substr(0, amp));
    for (char& c : pair) {
      if (c == '+') c = ' ';
    }
    const auto eq = pair.find('=');
    auto key = percent_decode(pair.substr(0, eq));
    auto value = percent_decode(eq == std::string::npos ? "" : pair.substr(eq + 1));
    if (key && value && !key->empty()) params[*key] = *value;
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return params;
}

Result<std::int64_t> parse_id(std::string_view text, std::string field) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1) {
    return Error::invalid("an id must be a positive integer",
                          {{std::move(field), "must be a positive integer"}});
  }
  return value;
}

}  // namespace rudi::http
