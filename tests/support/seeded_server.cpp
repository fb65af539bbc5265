#include "support/seeded_server.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <signal.h>

#include <iostream>

#include "auth/password.hpp"
#include "store/database.hpp"
#include "store/mission_repository.hpp"
#include "store/user_repository.hpp"

namespace rudi::test {

SeededServer::SeededServer(std::vector<std::string> serve_flags,
                           std::map<std::string, std::string> environment)
    : db_(std::make_unique<ScratchDatabase>()) {
  auto database = store::Database::open({db_->app_url(), 1});
  if (!database) throw std::runtime_error(database.error().detail);
  const std::string hash = auth::PasswordHasher().hash(kTestPassword);
  auto seeded = (*database)->run_here<Unit>([&](soci::session& sql) -> Result<Unit> {
    bangkok = store::add_mission(sql, {0, "Embassy in Bangkok", "embassy", "TH", "Bangkok"})->id;
    pretoria =
        store::add_mission(sql, {0, "High Commission in Pretoria", "high_commission", "ZA", "Pretoria"})->id;
    auto add = [&](const char* name, auth::Role role, std::optional<std::int64_t> mission = std::nullopt) {
      return store::add_user(sql, {name, std::string("Test ") + name, role, mission, hash})->id;
    };
    admin = add("admin.one", auth::Role::administrator);
    embassy = add("embassy.one", auth::Role::embassy_officer, bangkok);
    embassy_pretoria = add("embassy.two", auth::Role::embassy_officer, pretoria);
    ministry = add("ministry.one", auth::Role::ministry_officer);
    prosecutor = add("prosecutor.one", auth::Role::prosecutor);
    prosecutor_two = add("prosecutor.two", auth::Role::prosecutor);
    auditor = add("auditor.one", auth::Role::auditor);
    return Unit{};
  });
  if (!seeded) throw std::runtime_error(seeded.error().detail);
  serve_flags_ = serve_flags;
  serve_ = start_serve(db_->app_url(), std::move(serve_flags), std::move(environment));
  if (serve_.port == 0) throw std::runtime_error("rudi serve did not start:\n" + serve_.process->output());
}

void SeededServer::stop() {
  serve_.process->send_signal(SIGTERM);
  serve_.process->wait_exit(std::chrono::seconds(30));
}

void SeededServer::start_again() {
  const auto port = serve_.port;
  auto flags = serve_flags_;
  flags.insert(flags.end(), {"--listen", "127.0.0.1:" + std::to_string(port)});
  serve_ = start_serve(db_->app_url(), flags);
  if (serve_.port != port)
    throw std::runtime_error("rudi serve did not start again:\n" + serve_.process->output());
}

ServeProcess SeededServer::start_node(std::vector<std::string> serve_flags) const {
  return start_serve(db_->app_url(), std::move(serve_flags));
}

void SeededServer::print_log() const {
  for (const auto& line : serve_.process->lines()) {
    if (line.find("\"msg\":\"request\"") == std::string::npos) std::cerr << "server: " << line << "\n";
  }
}

auth::Bytes SeededServer::enrol(ApiClient& c, const std::string& username, std::vector<std::string>* codes) {
  EXPECT_EQ(c.sign_in(username, kTestPassword).status, 201u);
  auto started = c.post("/api/v1/me/second-factor");
  EXPECT_EQ(started.status, 201u) << started.body;
  auto secret = *auth::base32_decode(started.json()["secret"].get<std::string>());
  const auto step = auth::totp_step(std::chrono::system_clock::now());
  auto confirmed = c.post("/api/v1/me/second-factor/confirm", {{"code", auth::totp_code(secret, step)}});
  EXPECT_EQ(confirmed.status, 200u) << confirmed.body;
  recovery_codes_[username] = confirmed.json()["recovery_codes"].get<std::vector<std::string>>();
  if (codes) *codes = recovery_codes_[username];
  secrets_[username] = secret;
  return secret;
}

ApiClient SeededServer::signed_in(const std::string& username) {
  ApiClient c = client();
  if (!secrets_.count(username)) {
    enrol(c, username);
    return c;
  }
  // Enrolled before: the next step's code if it is unused (codes work once), else a recovery code.
  EXPECT_EQ(c.sign_in(username, kTestPassword).status, 201u);
  const auto step = auth::totp_step(std::chrono::system_clock::now());
  if (c.post("/api/v1/session/second-factor", {{"code", auth::totp_code(secrets_[username], step + 1)}})
          .status == 204u) {
    return c;
  }
  auto& codes = recovery_codes_[username];
  if (codes.empty() ||
      c.post("/api/v1/session/second-factor", {{"recovery_code", codes.back()}}).status != 204u) {
    ADD_FAILURE() << "could not pass the second factor of " << username;
  }
  if (!codes.empty()) codes.pop_back();
  return c;
}

}  // namespace rudi::test
