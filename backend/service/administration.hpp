// What administrators do: users, missions and API tokens. Auditors may read users and missions. Every act
// and every refusal is audited; disabling a user, resetting a password or a second factor ends the user's
// sessions at once.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>
#include <optional>
#include <string>
#include <vector>

#include "auth/password.hpp"
#include "auth/principal.hpp"
#include "store/api_token_repository.hpp"
#include "store/database.hpp"
#include "store/mission_repository.hpp"
#include "store/user_repository.hpp"

namespace rudi::service {

struct UserDraft {
  std::string username;
  std::string display_name;
  std::string role;
  std::optional<std::int64_t> mission_id;
  std::string password;
};

struct IssuedToken {
  store::ApiTokenRecord record;
  std::string token;  // shown once
};

class Administration {
 public:
  Administration(store::Database& db, const auth::PasswordHasher& hasher, const auth::PasswordPolicy& policy,
                 boost::asio::thread_pool& hashing);

  boost::asio::awaitable<Result<store::UserRecord>> create_user(auth::Principal actor, UserDraft draft,
                                                                std::string request_id);
  boost::asio::awaitable<Result<std::vector<store::UserRecord>>> users(auth::Principal actor,
                                                                       std::string request_id);
  boost::asio::awaitable<Status> set_active(auth::Principal actor, std::int64_t user_id, bool active,
                                            std::string request_id);
  boost::asio::awaitable<Status> reset_password(auth::Principal actor, std::int64_t user_id,
                                                std::string password, std::string request_id);
  boost::asio::awaitable<Status> reset_second_factor(auth::Principal actor, std::int64_t user_id,
                                                     std::string request_id);

  boost::asio::awaitable<Result<store::Mission>> create_mission(auth::Principal actor, store::Mission mission,
                                                                std::string request_id);
  boost::asio::awaitable<Result<std::vector<store::Mission>>> missions(auth::Principal actor,
                                                                       std::string request_id);

  // A token carries the authority of an existing user (their role and mission) for an integration.
  boost::asio::awaitable<Result<IssuedToken>> issue_token(auth::Principal actor, std::string name,
                                                          std::int64_t user_id, std::string request_id);
  boost::asio::awaitable<Result<std::vector<store::ApiTokenRecord>>> tokens(auth::Principal actor,
                                                                            std::string request_id);
  boost::asio::awaitable<Status> revoke_token(auth::Principal actor, std::int64_t token_id,
                                              std::string request_id);

  // A user's own profile: only the display name can be changed by its owner.
  boost::asio::awaitable<Status> rename_self(auth::Principal actor, std::string display_name,
                                             std::string request_id);

  // The field errors of a draft, or none; also used by the command line before it asks for a password.
  std::vector<FieldError> check_draft(const UserDraft& draft) const;

 private:
  store::Database& db_;
  const auth::PasswordHasher& hasher_;
  const auth::PasswordPolicy& policy_;
  boost::asio::thread_pool& hashing_;
};

}  // namespace rudi::service
