// What the commands are configured with. Defaults live here, in one place; command_line.cpp maps each
// field to a flag and a RUDI_* environment variable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "http/limits.hpp"
#include "integrations/webhooks/delivery_settings.hpp"

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

// What `rudi webhook …` is given.
struct WebhookCommandConfig {
  std::int64_t id = 0;
  std::string name;
  std::string url;
  std::vector<std::string> event_types;
  std::vector<std::string> topics;
  std::string purpose;
  std::int64_t mission_id = 0;      // 0: the nation
  std::int64_t dead_letter_id = 0;  // 0: every dead letter
  int limit = 100;
};

// Anonymised statistics: the smallest cell published (RUDI_STATISTICS_K); a request may raise it.
struct StatisticsConfig {
  std::int64_t k = 5;
};

// What `rudi export statistics|htcds` are given.
struct ExportConfig {
  std::string format = "csv";  // statistics: csv or json
  std::int64_t k = 0;          // statistics: 0 for the configured k
  bool identified = false;     // htcds: names, date of birth and phone (partner_referral consent)
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
  ::rudi::webhooks::DeliverySettings
      webhook_delivery;  // delivery by `rudi serve`; allow_http also for `rudi webhook add`
  WebhookCommandConfig webhook;
  StatisticsConfig statistics;
  ExportConfig exports;
  ImportConfig import;
};

}  // namespace rudi::app
