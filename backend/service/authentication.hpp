// Signing in and out, sessions, API tokens and the second factor (TOTP enrolment, codes, recovery codes).
// Failed attempts are throttled per account, per client address and per second factor, and an unknown
// user costs the same time and gets the same answer as a wrong password.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "auth/password.hpp"
#include "auth/principal.hpp"
#include "auth/secret_box.hpp"
#include "store/database.hpp"
#include "store/login_throttle_repository.hpp"

namespace rudi::service {

struct AuthenticationSettings {
  std::chrono::seconds session_idle{30 * 60};
  std::chrono::seconds session_absolute{12 * 3600};
  store::ThrottleRule per_account{5, std::chrono::minutes(15), std::chrono::minutes(15)};
  store::ThrottleRule per_address{50, std::chrono::minutes(15), std::chrono::minutes(15)};
  store::ThrottleRule per_second_factor{5, std::chrono::minutes(15), std::chrono::minutes(15)};
};

struct SessionView {
  auth::Principal principal;
  std::string csrf_token;
  bool second_factor_enrolled = false;
};

struct SignedIn {
  std::string session_token;  // for the cookie; never stored
  SessionView session;
};

struct Enrolment {
  std::string secret;  // base32, for manual entry
  std::string otpauth_uri;
};

class Authentication {
 public:
  Authentication(store::Database& db, const auth::Keyring& keyring, const auth::PasswordHasher& hasher,
                 boost::asio::thread_pool& hashing, AuthenticationSettings settings);

  // Who holds this session token or API token; nullopt when nobody (or no longer) does.
  boost::asio::awaitable<Result<std::optional<SessionView>>> session(std::string token);
  boost::asio::awaitable<Result<std::optional<auth::Principal>>> api_token(std::string token);

  boost::asio::awaitable<Result<SignedIn>> sign_in(std::string username, std::string password,
                                                   std::string client_address, std::string request_id);
  boost::asio::awaitable<Status> sign_out(std::string token, auth::Principal principal,
                                          std::string request_id);

  boost::asio::awaitable<Result<Enrolment>> begin_enrolment(auth::Principal principal,
                                                            std::string request_id);
  // Enables the second factor once a code from the new secret is shown; returns one-time recovery codes.
  boost::asio::awaitable<Result<std::vector<std::string>>> confirm_enrolment(auth::Principal principal,
                                                                             std::string session_token,
                                                                             std::string code,
                                                                             std::string request_id);
  // A TOTP code or a recovery code, for a session signed in with a password.
  boost::asio::awaitable<Status> present_second_factor(auth::Principal principal, std::string session_token,
                                                       std::string code, std::string recovery_code,
                                                       std::string request_id);

  const AuthenticationSettings& settings() const { return settings_; }

 private:
  store::Database& db_;
  const auth::Keyring& keyring_;
  const auth::PasswordHasher& hasher_;
  boost::asio::thread_pool& hashing_;
  AuthenticationSettings settings_;
};

// Associated data that binds a sealed TOTP secret to its user's row.
std::string totp_binding(std::int64_t user_id);

}  // namespace rudi::service
