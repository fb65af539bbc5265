#include "app/cli_runtime.hpp"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <fstream>
#include <iostream>

namespace rudi::app {

Result<std::unique_ptr<CliRuntime>> CliRuntime::open(const Config& config) {
  store::DatabaseSettings settings;
  settings.url = config.database.url;
  settings.pool_size = 1;
  settings.connect_timeout_seconds = config.database.connect_timeout_s;
  auto db = store::Database::open(settings);
  if (!db) return db.error();
  auto policy = auth::PasswordPolicy::load(config.security.password_denylist);
  if (!policy) return policy.error();
  return std::unique_ptr<CliRuntime>(new CliRuntime(std::move(*db), std::move(*policy)));
}

auth::Principal CliRuntime::system(auth::Role role) {
  auth::Principal p;
  p.username = "system";
  p.role = role;
  p.credential = auth::Credential::system;
  p.second_factor_done = true;
  return p;
}

namespace {

std::optional<std::string> read_hidden_line(int fd) {
  termios old_settings{};
  const bool is_terminal = tcgetattr(fd, &old_settings) == 0;
  if (is_terminal) {
    termios quiet = old_settings;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(fd, TCSAFLUSH, &quiet);
  }
  std::string line;
  char c = 0;
  bool got = false;
  while (read(fd, &c, 1) == 1) {
    got = true;
    if (c == '\n') break;
    line.push_back(c);
  }
  if (is_terminal) {
    tcsetattr(fd, TCSAFLUSH, &old_settings);
    std::cerr << "\n";
  }
  if (!got) return std::nullopt;
  return line;
}

}  // namespace

Result<std::string> read_password(const std::string& file, const std::string& prompt) {
  if (!file.empty()) {
    std::ifstream in(file);
    std::string line;
    if (!in || !std::getline(in, line)) return Error::invalid("cannot read a password from " + file);
    return line;
  }
  const int tty = ::open("/dev/tty", O_RDWR);
  if (tty < 0) return Error::invalid("no terminal to ask for the password on; use --password-file");
  std::cerr << prompt << ": " << std::flush;
  auto first = read_hidden_line(tty);
  std::cerr << "again: " << std::flush;
  auto second = read_hidden_line(tty);
  ::close(tty);
  if (!first || !second) return Error::invalid("no password given");
  if (*first != *second) return Error::invalid("the two passwords differ");
  return *first;
}

int report_error(const Error& error) {
  std::cerr << "rudi: " << error.detail << "\n";
  for (const auto& field : error.fields) std::cerr << "  " << field.field << ": " << field.reason << "\n";
  return error.kind == ErrorKind::unavailable ? 1 : 2;
}

}  // namespace rudi::app
