// What the commands are configured with. Defaults live here, in one place; command_line.cpp maps each
// field to a flag and a RUDI_* environment variable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

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

struct SecurityConfig {
  std::string data_keys;        // RUDI_DATA_KEYS: id:base64[,id:base64…], the first seals new values
  std::string blind_index_key;  // RUDI_BLIND_INDEX_KEY: base64 of 32 bytes
  std::string password_denylist;
  int session_idle_minutes = 30;
  int session_absolute_hours = 12;
  std::vector<std::string> allowed_origins;
  std::string tls_certificate;  // PEM files; both set: serve HTTPS
  std::string tls_private_key;
};

struct ServeConfig {
  std::string listen = "127.0.0.1:8080";
  unsigned threads = 2;
  std::string log_level = "info";
  std::string webui_dir;  // the built web UI; served when it holds an index.html
  http::ServerLimits limits;
  http::LiveLimits live;
};

// What the administrative subcommands (user, mission, token) are given.
struct AdminConfig {
  std::string username;
  std::string display_name;
  std::string role;
  std::int64_t mission_id = 0;  // 0: none
  std::string password_file;    // empty: ask on the terminal, without echo
  std::string name;
  std::string kind = "embassy";
  std::string host_country;
  std::string city;
};

// What `rudi import roster` is given.
struct ImportConfig {
  std::string file;
  std::int64_t cohort_id = 0;
  std::string username;  // in whose name the import runs: their role and mission decide
  bool dry_run = false;
  bool partial = false;
  std::string mapping;  // a JSON object header → field, or @file holding one
};

struct Config {
  std::string home_nationality = "KE";  // whose nationals a roster import takes in; others are counted
  DatabaseConfig database;
  ServeConfig serve;
  SecurityConfig security;
  AdminConfig admin;
  ImportConfig import;
};

}  // namespace rudi::app
