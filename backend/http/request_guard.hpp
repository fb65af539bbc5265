// Defences of cookie-authenticated requests against cross-site request forgery: a request that changes
// anything is refused when the browser says it is cross-site (Sec-Fetch-Site), when its Origin is not one
// of ours, or — when a session cookie authenticates it — when it lacks the session's CSRF token.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/problem.hpp"
#include "http/types.hpp"

namespace rudi::http {

inline constexpr const char* kSessionCookie = "__Host-rudi_session";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

struct OriginPolicy {
  // Origins allowed to send changing requests, e.g. "https://rudi.example.org". Empty: the request's own
  // origin (http:// or https:// plus its Host) only.
  std::vector<std::string> allowed_origins;
};

bool is_safe_method(Verb method);
// Whether the request's Origin header names one of ours (false when it has none).
bool origin_allowed(const Request& request, const OriginPolicy& policy);
std::optional<Problem> check_cross_site(const Request& request, const OriginPolicy& policy);
std::optional<Problem> check_csrf_token(const Request& request, std::string_view expected);

// The value of a cookie, or empty.
std::string cookie_value(const Request& request, std::string_view name);
// The token of an "Authorization: Bearer …" header, or empty.
std::string bearer_token(const Request& request);

}  // namespace rudi::http
