#include "service/authentication.hpp"

#include <soci/soci.h>

#include <algorithm>

#include "asio/offload.hpp"
#include "auth/tokens.hpp"
#include "auth/totp.hpp"
#include "service/access_ended.hpp"
#include "service/audit_trail.hpp"
#include "store/api_token_repository.hpp"
#include "store/audit_repository.hpp"
#include "store/session_repository.hpp"
#include "store/user_repository.hpp"

namespace rudi::service {
namespace {

constexpr int kRecoveryCodes = 10;
const char* const kWrongCredentials = "wrong username or password";

std::string account_key(std::string username) {
  std::transform(username.begin(), username.end(), username.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return "account:" + username;
}

store::AuditEntry anonymous_entry(std::string action, const std::string& request_id, bool allowed) {
  store::AuditEntry entry;
  entry.actor_kind = "anonymous";
  entry.action = std::move(action);
  entry.entity = "session";
  entry.request_id = request_id;
  entry.allowed = allowed;
  return entry;
}

// Whether a user must pass a second factor before doing anything else.
bool needs_second_factor(const store::UserRecord& user) {
  return auth::sees_victim_data(user.role) || user.totp_enabled;
}

// The step the code belongs to, if it is a current code of the user's sealed secret.
Result<std::optional<std::int64_t>> matching_step(const auth::Keyring& keyring, const store::UserRecord& user,
                                                  const std::string& code) {
  if (!user.totp_secret) return std::optional<std::int64_t>();
  auto secret_text = keyring.open(*user.totp_secret, totp_binding(user.id));
  if (!secret_text) return secret_text.error();
  const auto secret = auth::base32_decode(*secret_text);
  if (!secret) return std::optional<std::int64_t>();
  return auth::verify_totp(*secret, code, std::chrono::system_clock::now(), std::nullopt);
}

}  // namespace

std::string totp_binding(std::int64_t user_id) {
  return "users.totp:" + std::to_string(user_id);
}

Authentication::Authentication(store::Database& db, const auth::Keyring& keyring,
                               const auth::PasswordHasher& hasher, boost::asio::thread_pool& hashing,
                               AuthenticationSettings settings)
    : db_(db), keyring_(keyring), hasher_(hasher), hashing_(hashing), settings_(settings) {}

boost::asio::awaitable<Result<std::optional<SessionView>>> Authentication::session(std::string token) {
  const auth::Bytes hash = auth::sha256(token);
  co_return co_await db_.run<std::optional<SessionView>>(
      [&](soci::session& sql) -> Result<std::optional<SessionView>> {
        auto active = store::find_active_session(sql, hash, settings_.session_idle);
        if (!active) return std::optional<SessionView>();
        if (active->needs_touch) store::touch_session(sql, hash);
        return std::optional<SessionView>(
            SessionView{active->principal, active->csrf_token, active->totp_enabled});
      });
}

boost::asio::awaitable<Result<std::optional<auth::Principal>>> Authentication::api_token(std::string token) {
  const auth::Bytes hash = auth::sha256(token);
  co_return co_await db_.run<std::optional<auth::Principal>>(
      [&](soci::session& sql) -> Result<std::optional<auth::Principal>> {
        return store::find_api_token_principal(sql, hash);
      });
}

boost::asio::awaitable<Result<SignedIn>> Authentication::sign_in(std::string username, std::string password,
                                                                 std::string client_address,
                                                                 std::string request_id) {
  const std::string account = account_key(username);
  const std::string address = "address:" + client_address;
  auto locked = co_await db_.run<bool>([&](soci::session& sql) -> Result<bool> {
    const bool is_locked = store::is_locked(sql, account) || store::is_locked(sql, address);
    if (is_locked) {
      soci::transaction tx(sql);
      auto entry = anonymous_entry("session.create", request_id, false);
      entry.details = {{"reason", "locked out after repeated failures"}};
      store::append_audit(sql, entry);
      tx.commit();
    }
    return is_locked;
  });
  if (!locked) co_return locked.error();
  if (*locked) {
    co_return Error::rate_limited("too many failed attempts; wait a while and try again");
  }

  auto user = co_await db_.run<std::optional<store::UserRecord>>(
      [&](soci::session& sql) -> Result<std::optional<store::UserRecord>> {
        return store::find_user_by_name(sql, username);
      });
  if (!user) co_return user.error();

  // The hash is checked (or, for an unknown user, time is spent as if it were) off the network threads.
  const std::optional<store::UserRecord> found = *user;
  const auto verdict = *co_await offload(hashing_, [&]() -> std::pair<bool, std::optional<std::string>> {
    if (!found) {
      hasher_.waste_equal_time(password);
      return {false, std::nullopt};
    }
    if (!hasher_.verify(found->password_hash, password) || !found->active) return {false, std::nullopt};
    if (hasher_.needs_rehash(found->password_hash)) return {true, hasher_.hash(password)};
    return {true, std::nullopt};
  });
  const bool ok = verdict.first;

  const std::string token = auth::random_token();
  const std::string csrf = auth::random_token();
  auto outcome = co_await db_.run<SignedIn>([&](soci::session& sql) -> Result<SignedIn> {
    soci::transaction tx(sql);
    if (!ok) {
      store::record_failure(sql, account, settings_.per_account);
      store::record_failure(sql, address, settings_.per_address);
      // The attempted name is not logged: people type passwords into the name field.
      auto entry = anonymous_entry("session.create", request_id, false);
      if (found) entry.actor_id = found->id;
      entry.details = {{"reason", kWrongCredentials}};
      store::append_audit(sql, entry);
      tx.commit();
      return Error::unauthenticated(kWrongCredentials);
    }
    store::clear_failures(sql, account);
    if (verdict.second) store::set_password_hash(sql, found->id, *verdict.second);
    const bool second_factor_done = !needs_second_factor(*found);
    store::create_session(
        sql, {auth::sha256(token), found->id, csrf, second_factor_done, settings_.session_absolute});
    auth::Principal principal = found->principal(auth::Credential::session, second_factor_done);
    auto entry = audit_entry(principal, "session.create", "session", std::nullopt, request_id);
    entry.details = {{"second_factor_pending", !second_factor_done},
                     {"rehashed", verdict.second.has_value()}};
    store::append_audit(sql, entry);
    tx.commit();
    return SignedIn{token, SessionView{principal, csrf, found->totp_enabled}};
  });
  co_return outcome;
}

boost::asio::awaitable<Status> Authentication::sign_out(std::string token, auth::Principal principal,
                                                        std::string request_id) {
  co_return co_await db_.run<Unit>([&](soci::session& sql) -> Result<Unit> {
    soci::transaction tx(sql);
    if (store::end_session(sql, auth::sha256(token))) announce_session_ended(sql, token);
    store::append_audit(sql, audit_entry(principal, "session.delete", "session", std::nullopt, request_id));
    tx.commit();
    return Unit{};
  });
}

boost::asio::awaitable<Result<Enrolment>> Authentication::begin_enrolment(auth::Principal principal,
                                                                          std::string request_id) {
  co_return co_await db_.run<Enrolment>([&](soci::session& sql) -> Result<Enrolment> {
    soci::transaction tx(sql);
    auto user = store::find_user(sql, principal.user_id);
    if (!user) return Error::not_found("no such user");
    if (user->totp_enabled) {
      return Error::conflict("a second factor is enrolled already; an administrator can reset it");
    }
    const auth::Bytes secret = auth::new_totp_secret();
    const std::string encoded = auth::base32_encode(secret);
    store::store_totp_secret(sql, user->id, keyring_.seal(encoded, totp_binding(user->id)));
    store::append_audit(
        sql, audit_entry(principal, "second_factor.enrol", "user", std::to_string(user->id), request_id));
    tx.commit();
    return Enrolment{encoded, auth::otpauth_uri(user->username, secret)};
  });
}

boost::asio::awaitable<Result<std::vector<std::string>>> Authentication::confirm_enrolment(
    auth::Principal principal, std::string session_token, std::string code, std::string request_id) {
  std::vector<std::string> codes;
  for (int i = 0; i < kRecoveryCodes; ++i) codes.push_back(auth::new_recovery_code());
  co_return co_await db_.run<std::vector<std::string>>([&](soci::session& sql)
                                                           -> Result<std::vector<std::string>> {
    soci::transaction tx(sql);
    auto user = store::find_user(sql, principal.user_id);
    if (!user) return Error::not_found("no such user");
    if (user->totp_enabled) return Error::conflict("the second factor is enrolled already");
    if (!user->totp_secret) return Error::conflict("start enrolment first");
    auto step = matching_step(keyring_, *user, code);
    if (!step) return step.error();
    if (!*step)
      return Error::invalid("the code is not valid", {{"/code", "not the current code of the new secret"}});
    store::enable_totp(sql, user->id, **step);
    std::vector<auth::Bytes> hashes;
    for (const auto& c : codes) hashes.push_back(auth::sha256(auth::normalise_recovery_code(c)));
    store::replace_recovery_codes(sql, user->id, hashes);
    if (principal.credential == auth::Credential::session)
      store::mark_second_factor_done(sql, auth::sha256(session_token));
    store::append_audit(
        sql, audit_entry(principal, "second_factor.confirm", "user", std::to_string(user->id), request_id));
    tx.commit();
    return codes;
  });
}

boost::asio::awaitable<Status> Authentication::present_second_factor(auth::Principal principal,
                                                                     std::string session_token,
                                                                     std::string code,
                                                                     std::string recovery_code,
                                                                     std::string request_id) {
  const std::string key = "second_factor:" + std::to_string(principal.user_id);
  co_return co_await db_.run<Unit>([&](soci::session& sql) -> Result<Unit> {
    if (store::is_locked(sql, key)) {
      return Error::rate_limited("too many wrong codes; wait a while and try again");
    }
    soci::transaction tx(sql);
    auto user = store::find_user(sql, principal.user_id);
    if (!user) return Error::not_found("no such user");
    if (!user->totp_enabled) return Error::conflict("no second factor is enrolled; enrol one first");
    bool ok = false;
    std::string method;
    if (!code.empty()) {
      method = "totp";
      auto step = matching_step(keyring_, *user, code);
      if (!step) return step.error();
      // Claiming the step is atomic: a code seen once is refused the second time, on any node.
      ok = *step && store::claim_totp_step(sql, user->id, **step);
    } else {
      method = "recovery_code";
      ok =
          store::use_recovery_code(sql, user->id, auth::sha256(auth::normalise_recovery_code(recovery_code)));
    }
    if (!ok) {
      store::record_failure(sql, key, settings_.per_second_factor);
      auto entry =
          audit_entry(principal, "session.second_factor", "session", std::nullopt, request_id, false);
      entry.details = {{"method", method}, {"reason", "the code is not valid"}};
      store::append_audit(sql, entry);
      tx.commit();
      return Error::unauthenticated("the code is not valid, or was used already");
    }
    store::clear_failures(sql, key);
    store::mark_second_factor_done(sql, auth::sha256(session_token));
    auto entry = audit_entry(principal, "session.second_factor", "session", std::nullopt, request_id);
    entry.details = {{"method", method}};
    store::append_audit(sql, entry);
    tx.commit();
    return Unit{};
  });
}

}  // namespace rudi::service
