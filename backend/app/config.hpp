// What the commands are configured with. Defaults live here, in one place; command_line.cpp maps each
// field to a flag and a RUDI_* environment variable.
#pragma once

#include <cstddef>
#include <string>

#include "http/limits.hpp"

namespace rudi::app {

struct DatabaseConfig {
  std::string url;            // the application's role (RUDI_DATABASE_URL)
  std::string migration_url;  // the schema owner's role; empty: the same as `url`
  std::string schema_dir;
  std::size_t pool_size = 8;
  std::size_t max_waiting = 256;
  int statement_timeout_ms = 30'000;
  int connect_timeout_s = 5;
};

struct ServeConfig {
  std::string listen = "127.0.0.1:8080";
  unsigned threads = 2;
  std::string log_level = "info";
  http::ServerLimits limits;
};

struct Config {
  DatabaseConfig database;
  ServeConfig serve;
};

}  // namespace rudi::app
