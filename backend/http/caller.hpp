// The authenticated caller of a request, and how the transport finds it: a session cookie or a bearer
// API token. The Authenticator is a seam: the real one asks the authentication service.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>

#include "auth/principal.hpp"
#include "domain/result.hpp"
#include "http/types.hpp"

namespace rudi::http {

struct Caller {
  auth::Principal principal;
  std::string session_token;  // empty for API tokens
  std::string csrf_token;     // empty for API tokens
  bool second_factor_enrolled = false;
  bool by_cookie() const { return !session_token.empty(); }
};

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // nullopt when the request carries no valid credential; an error when it cannot be checked now.
  virtual boost::asio::awaitable<Result<std::optional<Caller>>> authenticate(const Request& request) = 0;
};

}  // namespace rudi::http
