// What the administrative subcommands share: a small database pool, the password machinery and a way to
// run a service's coroutine to completion from plain code. They act as the `system` principal: an
// operator at the server, with the database's credentials, audited as such.
#pragma once

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_future.hpp>
#include <memory>
#include <optional>

#include "app/config.hpp"
#include "auth/password.hpp"
#include "auth/principal.hpp"
#include "store/database.hpp"

namespace rudi::app {

class CliRuntime {
 public:
  static Result<std::unique_ptr<CliRuntime>> open(const Config& config);

  template <class T>
  T run(boost::asio::awaitable<T> work) {
    boost::asio::io_context io;
    // Wrapped in an optional: co_spawn's future needs a default-constructible value.
    auto wrapped = [](boost::asio::awaitable<T> inner) -> boost::asio::awaitable<std::optional<T>> {
      co_return co_await std::move(inner);
    };
    auto future = boost::asio::co_spawn(io, wrapped(std::move(work)), boost::asio::use_future);
    io.run();
    return std::move(*future.get());
  }

  store::Database& db() { return *db_; }
  const auth::PasswordHasher& hasher() const { return hasher_; }
  const auth::PasswordPolicy& policy() const { return policy_; }
  boost::asio::thread_pool& hashing() { return hashing_; }
  static auth::Principal system(auth::Role role = auth::Role::administrator);

 private:
  CliRuntime(std::unique_ptr<store::Database> db, auth::PasswordPolicy policy)
      : db_(std::move(db)), policy_(std::move(policy)) {}
  std::unique_ptr<store::Database> db_;
  auth::PasswordHasher hasher_;
  auth::PasswordPolicy policy_;
  boost::asio::thread_pool hashing_{1};
};

// Prints a service's error and its field-level reasons to stderr; returns the exit status: 1 when the
// database is unavailable, 2 for anything the operator asked wrongly.
int report_error(const Error& error);

// Reads a password from the file's first line, or from the terminal without echo (asking twice).
Result<std::string> read_password(const std::string& file, const std::string& prompt);

}  // namespace rudi::app
