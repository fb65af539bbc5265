#include "http/request_guard.hpp"

#include <sodium.h>

#include <algorithm>

namespace rudi::http {
namespace {

Problem forbidden(std::string detail) {
  return {Status::forbidden, "forbidden", "Not allowed", std::move(detail), {}, nlohmann::json::object()};
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

bool is_safe_method(Verb method) {
  return method == Verb::get || method == Verb::head || method == Verb::options;
}

bool origin_allowed(const Request& request, const OriginPolicy& policy) {
  const std::string value(request[beast_http::field::origin]);
  if (policy.allowed_origins.empty()) {
    const std::string host(request[beast_http::field::host]);
    return !host.empty() && (value == "http://" + host || value == "https://" + host);
  }
  return std::find(policy.allowed_origins.begin(), policy.allowed_origins.end(), value) !=
         policy.allowed_origins.end();
}

std::optional<Problem> check_cross_site(const Request& request, const OriginPolicy& policy) {
  if (is_safe_method(request.method())) return std::nullopt;
  if (request["Sec-Fetch-Site"] == "cross-site")
    return forbidden("cross-site requests may not change anything");
  // No Origin: not a browser, or a same-origin request of an older one.
  if (request[beast_http::field::origin].empty() || origin_allowed(request, policy)) return std::nullopt;
  return forbidden("requests from this origin may not change anything");
}

std::optional<Problem> check_csrf_token(const Request& request, std::string_view expected) {
  if (is_safe_method(request.method())) return std::nullopt;
  const auto sent = request[kCsrfHeader];
  if (sent.size() != expected.size() || expected.empty() ||
      sodium_memcmp(sent.data(), expected.data(), expected.size()) != 0) {
    return forbidden(std::string("the ") + kCsrfHeader + " header must carry this session's CSRF token");
  }
  return std::nullopt;
}

std::string cookie_value(const Request& request, std::string_view name) {
  for (auto it = request.find(beast_http::field::cookie);
       it != request.end() && it->name() == beast_http::field::cookie; ++it) {
    std::string_view cookies(it->value().data(), it->value().size());
    while (!cookies.empty()) {
      const auto end = cookies.find(';');
      const std::string_view pair = trim(cookies.substr(0, end));
      const auto eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
      if (end == std::string_view::npos) break;
      cookies.remove_prefix(end + 1);
    }
  }
  return {};
}

std::string bearer_token(const Request& request) {
  const auto header = request[beast_http::field::authorization];
  const std::string_view value(header.data(), header.size());
  if (value.size() > 7 && (value.substr(0, 7) == "Bearer " || value.substr(0, 7) == "bearer ")) {
    return std::string(trim(value.substr(7)));
  }
  return {};
}

}  // namespace rudi::http
