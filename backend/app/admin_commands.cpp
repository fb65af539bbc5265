#include "app/admin_commands.hpp"

#include <soci/soci.h>

#include <iostream>

#include "app/cli_runtime.hpp"
#include "auth/secret_box.hpp"
#include "service/administration.hpp"
#include "service/audit_log.hpp"
#include "store/user_repository.hpp"

namespace rudi::app {
namespace {

// Opens the runtime and the administration service, or reports why not.
struct Admin {
  std::unique_ptr<CliRuntime> runtime;
  std::unique_ptr<service::Administration> service;
};

std::optional<Admin> open_admin(const Config& config) {
  auto runtime = CliRuntime::open(config);
  if (!runtime) {
    report_error(runtime.error());
    return std::nullopt;
  }
  auto& rt = **runtime;
  auto service = std::make_unique<service::Administration>(rt.db(), rt.hasher(), rt.policy(), rt.hashing());
  return Admin{std::move(*runtime), std::move(service)};
}

std::optional<std::int64_t> user_id_of(CliRuntime& rt, const std::string& username) {
  auto user = rt.db().run_here<std::optional<store::UserRecord>>(
      [&](soci::session& sql) -> Result<std::optional<store::UserRecord>> {
        return store::find_user_by_name(sql, username);
      });
  if (!user || !*user) {
    std::cerr << "rudi: no user named " << username << "\n";
    return std::nullopt;
  }
  return (*user)->id;
}

}  // namespace

int run_user_add(const Config& config) {
  auto admin = open_admin(config);
  if (!admin) return 1;
  const auto& a = config.admin;
  service::UserDraft draft{a.username, a.display_name, a.role,
                           a.mission_id > 0 ? std::optional<std::int64_t>(a.mission_id) : std::nullopt, ""};
  // Check everything but the password before asking for it.
  draft.password = "a placeholder that passes";
  if (auto errors = admin->service->check_draft(draft); !errors.empty()) {
    return report_error(Error::invalid("the user cannot be created as given", errors));
  }
  auto password = read_password(a.password_file, "password for " + a.username);
  if (!password) return report_error(password.error());
  draft.password = *password;
  auto user = admin->runtime->run(admin->service->create_user(CliRuntime::system(), draft, "cli"));
  if (!user) return report_error(user.error());
  std::cout << "created user " << user->username << " (id " << user->id << ", " << auth::to_string(user->role)
            << ")\n";
  return 0;
}

int run_user_list(const Config& config) {
  auto admin = open_admin(config);
  if (!admin) return 1;
  auto users = admin->runtime->run(admin->service->users(CliRuntime::system(), "cli"));
  if (!users) return report_error(users.error());
  for (const auto& u : *users) {
    std::cout << u.id << "\t" << u.username << "\t" << auth::to_string(u.role) << "\t"
              << (u.mission_id ? "mission " + std::to_string(*u.mission_id) : "-") << "\t"
              << (u.active ? "active" : "disabled") << "\t"
              << (u.totp_enabled ? "second factor" : "no second factor") << "\n";
  }
  return 0;
}

int run_user_disable(const Config& config) {
  auto admin = open_admin(config);
  if (!admin) return 1;
  auto id = user_id_of(*admin->runtime, config.admin.username);
  if (!id) return 2;
  auto done = admin->runtime->run(admin->service->set_active(CliRuntime::system(), *id, false, "cli"));
  if (!done) return report_error(done.error());
  std::cout << "disabled " << config.admin.username << "; their sessions have ended\n";
  return 0;
}

int run_user_reset_password(const Config& config) {
  auto admin = open_admin(config);
  if (!admin) return 1;
  auto id = user_id_of(*admin->runtime, config.admin.username);
  if (!id) return 2;
  auto password = read_password(config.admin.password_file, "new password for " + config.admin.username);
  if (!password) return report_error(password.error());
  auto done =
      admin->runtime->run(admin->service->reset_password(CliRuntime::system(), *id, *password, "cli"));
  if (!done) return report_error(done.error());
  std::cout << "password of " << config.admin.username << " reset; their sessions have ended\n";
  return 0;
}

int run_user_reset_second_factor(const Config& config) {
  auto admin = open_admin(config);
  if (!admin) return 1;
  auto id = user_id_of(*admin->runtime, config.admin.username);
  if (!id) return 2;
  auto done = admin->runtime->run(admin->service->reset_second_factor(CliRuntime::system(), *id, "cli"));
  if (!done) return report_error(done.error());
  std::cout << "second factor of " << config.admin.username
            << " removed; they enrol again at their next sign-in\n";
  return 0;
}

int run_mission_add(const Config& config) {
  auto admin = open_admin(config);
  if (!admin) return 1;
  const auto& a = config.admin;
  auto mission = admin->runtime->run(admin->service->create_mission(
      CliRuntime::system(), {0, a.name, a.kind, a.host_country, a.city}, "cli"));
  if (!mission) return report_error(mission.error());
  std::cout << "created mission " << mission->name << " (id " << mission->id << ")\n";
  return 0;
}

int run_mission_list(const Config& config) {
  auto admin = open_admin(config);
  if (!admin) return 1;
  auto missions = admin->runtime->run(admin->service->missions(CliRuntime::system(), "cli"));
  if (!missions) return report_error(missions.error());
  for (const auto& m : *missions) {
    std::cout << m.id << "\t" << m.name << "\t" << m.kind << "\t" << m.city << ", " << m.host_country << "\n";
  }
  return 0;
}

int run_token_add(const Config& config) {
  auto admin = open_admin(config);
  if (!admin) return 1;
  auto id = user_id_of(*admin->runtime, config.admin.username);
  if (!id) return 2;
  auto issued =
      admin->runtime->run(admin->service->issue_token(CliRuntime::system(), config.admin.name, *id, "cli"));
  if (!issued) return report_error(issued.error());
  std::cerr << "token " << issued->record.id << " for " << config.admin.username
            << "; it is shown once, here (keep it in the integration's secret store):\n";
  std::cout << issued->token << "\n";
  return 0;
}

int run_audit_verify(const Config& config) {
  auto runtime = CliRuntime::open(config);
  if (!runtime) return report_error(runtime.error());
  service::AuditLog audit((*runtime)->db());
  auto result = (*runtime)->run(audit.verify(CliRuntime::system(auth::Role::auditor), "cli"));
  if (!result) return report_error(result.error());
  if (!result->ok()) {
    std::cout << "audit log BROKEN at row " << *result->first_bad_id << ": " << result->reason << " ("
              << result->rows_checked << " rows before it verified)\n";
    return 1;
  }
  std::cout << "audit log intact: " << result->rows_checked << " rows verified";
  if (result->rows_pending > 0)
    std::cout << " (" << result->rows_pending << " committed meanwhile, not yet chained)";
  std::cout << "\n";
  return 0;
}

int run_keys_generate() {
  std::cout << "RUDI_DATA_KEYS=k1:" << auth::new_key_base64() << "\n";
  std::cout << "RUDI_BLIND_INDEX_KEY=" << auth::new_key_base64() << "\n";
  return 0;
}

}  // namespace rudi::app
