#include "service/administration.hpp"

#include <soci/soci.h>

#include <regex>

#include "asio/offload.hpp"
#include "auth/tokens.hpp"
#include "service/access_ended.hpp"
#include "service/audit_trail.hpp"
#include "service/authorised.hpp"
#include "store/audit_repository.hpp"
#include "store/session_repository.hpp"

namespace rudi::service {
namespace {
using auth::Action;
using auth::Resource;

auth::ResourceScope users_scope() {
  return {Resource::user, std::nullopt, {}, false, true};
}
auth::ResourceScope missions_scope() {
  return {Resource::mission, std::nullopt, {}, false, true};
}

}  // namespace

Administration::Administration(store::Database& db, const auth::PasswordHasher& hasher,
                               const auth::PasswordPolicy& policy, boost::asio::thread_pool& hashing)
    : db_(db), hasher_(hasher), policy_(policy), hashing_(hashing) {}

std::vector<FieldError> Administration::check_draft(const UserDraft& d) const {
  std::vector<FieldError> errors;
  static const std::regex kUsername("^[a-z0-9._-]{3,64}$");
  if (!std::regex_match(d.username, kUsername)) {
    errors.push_back({"/username", "3 to 64 characters: lower-case letters, digits, '.', '_' or '-'"});
  }
  const auto name_length = auth::utf8_length(d.display_name);
  if (!name_length || *name_length < 1 || *name_length > 200) {
    errors.push_back({"/display_name", "1 to 200 characters of UTF-8"});
  }
  const auto role = auth::parse_role(d.role);
  if (!role) {
    errors.push_back(
        {"/role", "one of embassy_officer, ministry_officer, prosecutor, administrator, auditor"});
  } else if ((*role == auth::Role::embassy_officer) != d.mission_id.has_value()) {
    errors.push_back({"/mission_id", "embassy officers need a mission; other roles have none"});
  }
  if (auto problem = policy_.problem_with(d.password, d.username)) errors.push_back({"/password", *problem});
  return errors;
}

boost::asio::awaitable<Status> Administration::rename_self(auth::Principal actor, std::string display_name,
                                                           std::string request_id) {
  const auto length = auth::utf8_length(display_name);
  if (!length || *length < 1 || *length > 200) {
    co_return Error::invalid("the display name cannot be used",
                             {{"/display_name", "1 to 200 characters of UTF-8"}});
  }
  co_return co_await db_.run<Unit>([&](soci::session& sql) -> Result<Unit> {
    soci::transaction tx(sql);
    store::set_display_name(sql, actor.user_id, display_name);
    store::append_audit(sql,
                        audit_entry(actor, "user.rename", "user", std::to_string(actor.user_id), request_id));
    tx.commit();
    return Unit{};
  });
}

boost::asio::awaitable<Result<store::UserRecord>> Administration::create_user(auth::Principal actor,
                                                                              UserDraft draft,
                                                                              std::string request_id) {
  if (const auto decision = auth::decide(actor, Action::create, users_scope()); !decision.allowed()) {
    co_return co_await refuse(db_, actor, decision, Action::create, Resource::user, std::nullopt, request_id);
  }
  if (auto errors = check_draft(draft); !errors.empty()) {
    co_return Error::invalid("the user cannot be created as given", std::move(errors));
  }
  const std::string hash = *co_await offload(hashing_, [&] { return hasher_.hash(draft.password); });
  co_return co_await db_.run<store::UserRecord>([&](soci::session& sql) -> Result<store::UserRecord> {
    soci::transaction tx(sql);
    auto added = store::add_user(
        sql, {draft.username, draft.display_name, *auth::parse_role(draft.role), draft.mission_id, hash});
    if (!added) return added;
    auto entry = audit_entry(actor, "user.create", "user", std::to_string(added->id), request_id);
    entry.details = {{"role", draft.role}};
    if (draft.mission_id) entry.details["mission_id"] = *draft.mission_id;
    store::append_audit(sql, entry);
    tx.commit();
    return added;
  });
}

boost::asio::awaitable<Result<std::vector<store::UserRecord>>> Administration::users(auth::Principal actor,
                                                                                     std::string request_id) {
  co_return co_await run_authorised<std::vector<store::UserRecord>>(
      db_, actor, Action::list, users_scope(), std::nullopt, request_id,
      [](soci::session& sql) -> Result<std::vector<store::UserRecord>> { return store::list_users(sql); });
}

boost::asio::awaitable<Status> Administration::set_active(auth::Principal actor, std::int64_t user_id,
                                                          bool active, std::string request_id) {
  co_return co_await run_authorised<Unit>(
      db_, actor, Action::administer, users_scope(), std::to_string(user_id), request_id,
      [&](soci::session& sql) -> Result<Unit> {
        if (!active && user_id == actor.user_id) return Error::forbidden("you cannot disable yourself");
        soci::transaction tx(sql);
        if (!store::set_user_active(sql, user_id, active)) return Error::not_found("no such user");
        int ended = 0;
        if (!active) {
          ended = store::end_sessions_of_user(sql, user_id);
          announce_user_access_ended(sql, user_id);
        }
        auto entry = audit_entry(actor, active ? "user.enable" : "user.disable", "user",
                                 std::to_string(user_id), request_id);
        entry.details = {{"sessions_ended", ended}};
        store::append_audit(sql, entry);
        tx.commit();
        return Unit{};
      });
}

boost::asio::awaitable<Status> Administration::reset_password(auth::Principal actor, std::int64_t user_id,
                                                              std::string password, std::string request_id) {
  if (const auto decision = auth::decide(actor, Action::administer, users_scope()); !decision.allowed()) {
    co_return co_await refuse(db_, actor, decision, Action::administer, Resource::user,
                              std::to_string(user_id), request_id);
  }
  auto user = co_await db_.run<std::optional<store::UserRecord>>(
      [&](soci::session& sql) -> Result<std::optional<store::UserRecord>> {
        return store::find_user(sql, user_id);
      });
  if (!user) co_return user.error();
  if (!*user) co_return Error::not_found("no such user");
  if (auto problem = policy_.problem_with(password, (*user)->username)) {
    co_return Error::invalid("the password cannot be used", {{"/password", *problem}});
  }
  const std::string hash = *co_await offload(hashing_, [&] { return hasher_.hash(password); });
  co_return co_await run_authorised<Unit>(
      db_, actor, Action::administer, users_scope(), std::to_string(user_id), request_id,
      [&](soci::session& sql) -> Result<Unit> {
        soci::transaction tx(sql);
        store::set_password_hash(sql, user_id, hash);
        auto entry = audit_entry(actor, "user.reset_password", "user", std::to_string(user_id), request_id);
        entry.details = {{"sessions_ended", store::end_sessions_of_user(sql, user_id)}};
        announce_user_access_ended(sql, user_id);
        store::append_audit(sql, entry);
        tx.commit();
        return Unit{};
      });
}

boost::asio::awaitable<Status> Administration::reset_second_factor(auth::Principal actor,
                                                                   std::int64_t user_id,
                                                                   std::string request_id) {
  co_return co_await run_authorised<Unit>(
      db_, actor, Action::administer, users_scope(), std::to_string(user_id), request_id,
      [&](soci::session& sql) -> Result<Unit> {
        soci::transaction tx(sql);
        if (!store::find_user(sql, user_id)) return Error::not_found("no such user");
        store::reset_second_factor(sql, user_id);
        auto entry = audit_entry(actor, "second_factor.reset", "user", std::to_string(user_id), request_id);
        entry.details = {{"sessions_ended", store::end_sessions_of_user(sql, user_id)}};
        announce_user_access_ended(sql, user_id);
        store::append_audit(sql, entry);
        tx.commit();
        return Unit{};
      });
}

boost::asio::awaitable<Result<store::Mission>> Administration::create_mission(auth::Principal actor,
                                                                              store::Mission mission,
                                                                              std::string request_id) {
  std::vector<FieldError> errors;
  const auto name_length = auth::utf8_length(mission.name);
  if (!name_length || *name_length < 1 || *name_length > 200)
    errors.push_back({"/name", "1 to 200 characters"});
  if (!std::regex_match(mission.host_country, std::regex("^[A-Z]{2}$"))) {
    errors.push_back({"/host_country", "an ISO 3166-1 alpha-2 code, e.g. TH"});
  }
  const auto city_length = auth::utf8_length(mission.city);
  if (!city_length || *city_length < 1 || *city_length > 200)
    errors.push_back({"/city", "1 to 200 characters"});
  if (mission.kind != "embassy" && mission.kind != "high_commission" && mission.kind != "consulate") {
    errors.push_back({"/kind", "embassy, high_commission or consulate"});
  }
  if (!errors.empty() && auth::decide(actor, Action::create, missions_scope()).allowed()) {
    co_return Error::invalid("the mission cannot be created as given", std::move(errors));
  }
  co_return co_await run_authorised<store::Mission>(
      db_, actor, Action::create, missions_scope(), std::nullopt, request_id,
      [&](soci::session& sql) -> Result<store::Mission> {
        soci::transaction tx(sql);
        auto added = store::add_mission(sql, mission);
        if (!added) return added;
        store::append_audit(
            sql, audit_entry(actor, "mission.create", "mission", std::to_string(added->id), request_id));
        tx.commit();
        return added;
      });
}

boost::asio::awaitable<Result<std::vector<store::Mission>>> Administration::missions(auth::Principal actor,
                                                                                     std::string request_id) {
  co_return co_await run_authorised<std::vector<store::Mission>>(
      db_, actor, Action::list, missions_scope(), std::nullopt, request_id,
      [](soci::session& sql) -> Result<std::vector<store::Mission>> { return store::list_missions(sql); });
}

boost::asio::awaitable<Result<IssuedToken>> Administration::issue_token(auth::Principal actor,
                                                                        std::string name,
                                                                        std::int64_t user_id,
                                                                        std::string request_id) {
  const std::string token = "rudi_" + auth::random_token();
  co_return co_await run_authorised<IssuedToken>(
      db_, actor, Action::administer, users_scope(), std::to_string(user_id), request_id,
      [&](soci::session& sql) -> Result<IssuedToken> {
        const auto length = auth::utf8_length(name);
        if (!length || *length < 1 || *length > 100) {
          return Error::invalid("the token needs a name", {{"/name", "1 to 100 characters"}});
        }
        soci::transaction tx(sql);
        auto user = store::find_user(sql, user_id);
        if (!user) return Error::invalid("no such user", {{"/user_id", "no such user"}});
        if (user->role == auth::Role::administrator) {
          return Error::invalid("administrators act in person",
                                {{"/user_id", "tokens cannot carry an administrator's authority"}});
        }
        auto record = store::create_api_token(
            sql, {name, auth::sha256(token), user->role, user->mission_id, user->id, actor.user_id});
        if (!record) return record.error();
        store::append_audit(
            sql, audit_entry(actor, "api_token.create", "api_token", std::to_string(record->id), request_id));
        tx.commit();
        return IssuedToken{*record, token};
      });
}

boost::asio::awaitable<Result<std::vector<store::ApiTokenRecord>>> Administration::tokens(
    auth::Principal actor, std::string request_id) {
  co_return co_await run_authorised<std::vector<store::ApiTokenRecord>>(
      db_, actor, Action::administer, users_scope(), std::nullopt, request_id,
      [](soci::session& sql) -> Result<std::vector<store::ApiTokenRecord>> {
        return store::list_api_tokens(sql);
      });
}

boost::asio::awaitable<Status> Administration::revoke_token(auth::Principal actor, std::int64_t token_id,
                                                            std::string request_id) {
  co_return co_await run_authorised<Unit>(
      db_, actor, Action::administer, users_scope(), std::to_string(token_id), request_id,
      [&](soci::session& sql) -> Result<Unit> {
        soci::transaction tx(sql);
        if (!store::revoke_api_token(sql, token_id)) return Error::not_found("no such live token");
        store::append_audit(
            sql, audit_entry(actor, "api_token.revoke", "api_token", std::to_string(token_id), request_id));
        tx.commit();
        return Unit{};
      });
}

}  // namespace rudi::service
