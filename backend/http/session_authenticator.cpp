#include "http/session_authenticator.hpp"

#include "http/request_guard.hpp"

namespace rudi::http {

boost::asio::awaitable<Result<std::optional<Caller>>> SessionAuthenticator::authenticate(
    const Request& request) {
  // Tokens are bounded before they reach the database: a valid one is 43 characters (plus a prefix).
  constexpr std::size_t kMaxTokenLength = 128;
  if (std::string token = cookie_value(request, kSessionCookie);
      !token.empty() && token.size() <= kMaxTokenLength) {
    auto session = co_await authentication_.session(token);
    if (!session) co_return session.error();
    if (*session) {
      co_return std::optional<Caller>(
          Caller{(*session)->principal, token, (*session)->csrf_token, (*session)->second_factor_enrolled});
    }
  }
  if (std::string token = bearer_token(request); !token.empty() && token.size() <= kMaxTokenLength) {
    auto principal = co_await authentication_.api_token(token);
    if (!principal) co_return principal.error();
    if (*principal) co_return std::optional<Caller>(Caller{**principal, {}, {}, true});
  }
  co_return std::optional<Caller>();
}

}  // namespace rudi::http
