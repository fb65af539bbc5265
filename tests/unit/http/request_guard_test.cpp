#include "http/request_guard.hpp"

#include <gtest/gtest.h>

namespace rudi::http {
namespace {

Request post(std::vector<std::pair<std::string, std::string>> headers) {
  Request request{Verb::post, "/api/v1/users", 11};
  request.set(beast_http::field::host, "rudi.example:8443");
  for (const auto& [k, v] : headers) request.set(k, v);
  return request;
}

TEST(RequestGuard, CrossSiteChangesAreRefused) {
  EXPECT_TRUE(check_cross_site(post({{"Sec-Fetch-Site", "cross-site"}}), {}));
  EXPECT_FALSE(check_cross_site(post({{"Sec-Fetch-Site", "same-origin"}}), {}));
  Request get{Verb::get, "/api/v1/me", 11};
  get.set("Sec-Fetch-Site", "cross-site");
  EXPECT_FALSE(check_cross_site(get, {}));  // reads are protected by SameSite and CORS, not by this
}

TEST(RequestGuard, OriginMustBeOursOrConfigured) {
  EXPECT_FALSE(check_cross_site(post({{"Origin", "https://rudi.example:8443"}}), {}));
  EXPECT_TRUE(check_cross_site(post({{"Origin", "https://evil.example"}}), {}));
  EXPECT_TRUE(check_cross_site(post({{"Origin", "null"}}), {}));
  OriginPolicy policy{{"https://dashboards.example"}};
  EXPECT_FALSE(check_cross_site(post({{"Origin", "https://dashboards.example"}}), policy));
  EXPECT_TRUE(check_cross_site(post({{"Origin", "https://rudi.example:8443"}}), policy));
  EXPECT_FALSE(check_cross_site(post({}), {}));  // no Origin: not a browser's cross-site request
}

TEST(RequestGuard, CookieRequestsNeedTheSessionsCsrfToken) {
  EXPECT_FALSE(check_csrf_token(post({{kCsrfHeader, "tok-123"}}), "tok-123"));
  EXPECT_TRUE(check_csrf_token(post({{kCsrfHeader, "tok-124"}}), "tok-123"));
  EXPECT_TRUE(check_csrf_token(post({}), "tok-123"));
  Request get{Verb::get, "/api/v1/me", 11};
  EXPECT_FALSE(check_csrf_token(get, "tok-123"));
}

TEST(RequestGuard, ReadsCookiesAndBearerTokens) {
  Request request{Verb::get, "/", 11};
  request.set(beast_http::field::cookie, "theme=dark; __Host-rudi_session=abc123; other=1");
  EXPECT_EQ(cookie_value(request, kSessionCookie), "abc123");
  EXPECT_EQ(cookie_value(request, "missing"), "");
  request.set(beast_http::field::authorization, "Bearer rudi_xyz");
  EXPECT_EQ(bearer_token(request), "rudi_xyz");
  request.set(beast_http::field::authorization, "Basic abc");
  EXPECT_EQ(bearer_token(request), "");
}

}  // namespace
}  // namespace rudi::http
