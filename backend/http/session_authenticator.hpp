// The real Authenticator: a session cookie (checked with the authentication service) or, failing that, a
// bearer API token.
#pragma once

#include "http/caller.hpp"
#include "service/authentication.hpp"

namespace rudi::http {

class SessionAuthenticator : public Authenticator {
 public:
  explicit SessionAuthenticator(service::Authentication& authentication) : authentication_(authentication) {}
  boost::asio::awaitable<Result<std::optional<Caller>>> authenticate(const Request& request) override;

 private:
  service::Authentication& authentication_;
};

}  // namespace rudi::http
