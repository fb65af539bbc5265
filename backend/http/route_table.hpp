// Matching of request paths against route patterns such as /api/v1/people/{id}: literal segments match
// exactly, {name} segments match one non-empty segment and are returned percent-decoded. A path that
// matches a pattern under another method yields the methods it does take (for 405 and Allow).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "http/types.hpp"

namespace rudi::http {

using PathParams = std::map<std::string, std::string, std::less<>>;

// Percent-decodes one path segment; nullopt when an escape is malformed or decodes to a NUL byte.
std::optional<std::string> percent_decode(std::string_view segment);

// The path of a request target, without the query string.
inline std::string_view path_of(std::string_view target) {
  return target.substr(0, target.find('?'));
}

std::vector<std::string_view> split_path(std::string_view path);

template <class T>
class RouteTable {
 public:
  struct Found {
    const T* value;
    std::string_view pattern;
    PathParams params;
  };
  struct MethodNotAllowed {
    std::vector<Verb> allowed;
    std::string_view pattern;
  };
  struct NotFound {};
  struct BadPath {
    std::string reason;
  };
  using Match = std::variant<Found, MethodNotAllowed, NotFound, BadPath>;

  void add(Verb method, std::string pattern, T value) {
    Route route{method, std::move(pattern), {}, std::move(value)};
    for (auto segment : split_path(route.pattern)) route.segments.emplace_back(segment);
    routes_.push_back(std::move(route));
  }

  std::vector<std::pair<Verb, std::string>> routes() const {
    std::vector<std::pair<Verb, std::string>> all;
    for (const auto& route : routes_) all.emplace_back(route.method, route.pattern);
    return all;
  }

  Match match(Verb method, std::string_view target) const {
    const std::string_view path = path_of(target);
    if (path.empty() || path.front() != '/') return BadPath{"the request target must be an absolute path"};
    const auto segments = split_path(path);
    std::vector<Verb> allowed;
    std::string_view allowed_pattern;
    for (const auto& route : routes_) {
      PathParams params;
      if (!segments_match(route, segments, params)) continue;
      if (route.method == method) {
        // Decode only for the route that won, so a malformed escape in a 404 path says 404.
        for (auto& [name, raw] : params) {
          auto decoded = percent_decode(raw);
          if (!decoded) return BadPath{"the path segment for {" + name + "} has a malformed percent-escape"};
          raw = std::move(*decoded);
        }
        return Found{&route.value, route.pattern, std::move(params)};
      }
      allowed.push_back(route.method);
      allowed_pattern = route.pattern;
    }
    if (!allowed.empty()) return MethodNotAllowed{std::move(allowed), allowed_pattern};
    return NotFound{};
  }

 private:
  struct Route {
    Verb method;
    std::string pattern;
    std::vector<std::string> segments;
    T value;
  };

  static bool segments_match(const Route& route, const std::vector<std::string_view>& segments,
                             PathParams& params) {
    if (route.segments.size() != segments.size()) return false;
    for (std::size_t i = 0; i < segments.size(); ++i) {
      const std::string& expected = route.segments[i];
      if (expected.size() > 2 && expected.front() == '{' && expected.back() == '}') {
        if (segments[i].empty()) return false;
        params.emplace(expected.substr(1, expected.size() - 2), std::string(segments[i]));
      } else if (expected != segments[i]) {
        return false;
      }
    }
    return true;
  }

  std::vector<Route> routes_;
};

}  // namespace rudi::http
