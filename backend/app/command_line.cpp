#include "app/command_line.hpp"

#include <thread>

#include "app/admin_commands.hpp"
#include "app/export_command.hpp"
#include "app/import_command.hpp"
#include "app/listen_address.hpp"
#include "app/migrate_command.hpp"
#include "app/seed_command.hpp"
#include "app/serve_command.hpp"
#include "app/webhook_commands.hpp"
#include "domain/validation.hpp"

#ifndef RUDI_DEFAULT_SCHEMA_DIR
#define RUDI_DEFAULT_SCHEMA_DIR "schema"
#endif

namespace rudi::app {
namespace {

void add_database_options(CLI::App& command, DatabaseConfig& db, bool with_pool) {
  command.add_option("--database-url", db.url, "libpq connection string of the application's role")
      ->envname("RUDI_DATABASE_URL")
      ->required();
  command.add_option("--schema-dir", db.schema_dir, "directory of the NNN_name.sql migrations")
      ->envname("RUDI_SCHEMA_DIR")
      ->capture_default_str();
  command
      .add_option("--db-connect-timeout-s", db.connect_timeout_s, "seconds to wait for a database connection")
      ->envname("RUDI_DB_CONNECT_TIMEOUT_S")
      ->check(CLI::Range(1, 300))
      ->capture_default_str();
  if (!with_pool) return;
  command.add_option("--db-pool-size", db.pool_size, "database sessions and database threads")
      ->envname("RUDI_DB_POOL_SIZE")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  command
      .add_option("--db-max-waiting", db.max_waiting, "database work queued beyond this is refused with 503")
      ->envname("RUDI_DB_MAX_WAITING")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  command.add_option("--db-statement-timeout-ms", db.statement_timeout_ms, "longest a statement may run")
      ->envname("RUDI_DB_STATEMENT_TIMEOUT_MS")
      ->check(CLI::Range(100, 3'600'000))
      ->capture_default_str();
}

template <class Rep, class Period>
void add_duration_ms(CLI::App& command, const std::string& flag, const std::string& env,
                     std::chrono::duration<Rep, Period>& value, const std::string& help) {
  command
      .add_option_function<long>(
          flag,
          [&value](long ms) {
            value =
                std::chrono::duration_cast<std::chrono::duration<Rep, Period>>(std::chrono::milliseconds(ms));
          },
          help + " (default " +
              std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(value).count()) + ")")
      ->envname(env)
      ->check(CLI::Range(1L, 86'400'000L));
}

void add_serve_options(CLI::App& command, ServeConfig& serve) {
  command
      .add_option("--listen", serve.listen,
                  "address and port to listen on, e.g. 127.0.0.1:8080 or [::1]:8080")
      ->envname("RUDI_LISTEN")
      ->check([](const std::string& text) {
        auto parsed = parse_listen_address(text);
        return parsed ? std::string() : parsed.error().detail;
      })
      ->capture_default_str();
  command.add_option("--threads", serve.threads, "network threads")
      ->envname("RUDI_THREADS")
      ->check(CLI::Range(1u, 64u))
      ->capture_default_str();
  command.add_option("--log-level", serve.log_level, "debug, info, warn or error")
      ->envname("RUDI_LOG_LEVEL")
      ->check(CLI::IsMember({"debug", "info", "warn", "error"}))
      ->capture_default_str();
  auto& limits = serve.limits;
  command.add_option("--header-limit-bytes", limits.header_limit, "largest request line and headers")
      ->envname("RUDI_HEADER_LIMIT_BYTES")
      ->check(CLI::Range(std::size_t{1024}, std::size_t{1024 * 1024}))
      ->capture_default_str();
  command.add_option("--body-limit-bytes", limits.body_limit, "largest request body")
      ->envname("RUDI_BODY_LIMIT_BYTES")
      ->check(CLI::Range(std::size_t{0}, std::size_t{1024} * 1024 * 1024))
      ->capture_default_str();
  command
      .add_option("--large-body-limit-bytes", limits.large_body_limit,
                  "largest body of routes that take files (a roster import)")
      ->envname("RUDI_LARGE_BODY_LIMIT_BYTES")
      ->check(CLI::Range(std::size_t{0}, std::size_t{1024} * 1024 * 1024))
      ->capture_default_str();
  command.add_option("--max-connections", limits.max_connections, "connections open at once")
      ->envname("RUDI_MAX_CONNECTIONS")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}))
      ->capture_default_str();
  add_duration_ms(command, "--read-timeout-ms", "RUDI_READ_TIMEOUT_MS", limits.read_timeout,
                  "time to read one whole request");
  add_duration_ms(command, "--idle-timeout-ms", "RUDI_IDLE_TIMEOUT_MS", limits.idle_timeout,
                  "time a kept-alive connection may wait for its next request");
  add_duration_ms(command, "--write-timeout-ms", "RUDI_WRITE_TIMEOUT_MS", limits.write_timeout,
                  "time to write one response");
  command.add_option("--webui-dir", serve.webui_dir, "the built web UI (webui/dist); not built: API only")
      ->envname("RUDI_WEBUI_DIR")
      ->capture_default_str();
  auto& live = serve.live;
  command.add_option("--live-queue-messages", live.queue_messages, "messages waiting for one live client")
      ->envname("RUDI_LIVE_QUEUE_MESSAGES")
      ->check(CLI::Range(std::size_t{16}, std::size_t{1'000'000}))
      ->capture_default_str();
  command.add_option("--live-queue-bytes", live.queue_bytes, "bytes waiting for one live client")
      ->envname("RUDI_LIVE_QUEUE_BYTES")
      ->check(CLI::Range(std::size_t{16 * 1024}, std::size_t{256} * 1024 * 1024))
      ->capture_default_str();
  command
      .add_option("--live-send-buffer-bytes", live.send_buffer,
                  "a live socket's send buffer; 0: the system's")
      ->envname("RUDI_LIVE_SEND_BUFFER_BYTES")
      ->check(CLI::Range(0, 64 * 1024 * 1024))
      ->capture_default_str();
  add_duration_ms(command, "--live-heartbeat-ms", "RUDI_LIVE_HEARTBEAT_MS", live.heartbeat,
                  "a ping to a silent live client after this long; dropped after twice");
  add_duration_ms(command, "--live-recheck-ms", "RUDI_LIVE_RECHECK_MS", live.recheck,
                  "how often a live client's credential is checked again");
  command
      .add_option_function<long>(
          "--live-retention-hours", [&live](long hours) { live.retention = std::chrono::hours(hours); },
          "how far back a live client may resume (default 168)")
      ->envname("RUDI_LIVE_RETENTION_HOURS")
      ->check(CLI::Range(1L, 24L * 366));
  add_duration_ms(command, "--shutdown-grace-ms", "RUDI_SHUTDOWN_GRACE_MS", limits.shutdown_grace,
                  "time requests in flight get to finish on SIGTERM or SIGINT");
}

void add_webhook_delivery_options(CLI::App& command, webhooks::DeliverySettings& w) {
  command
      .add_flag("--webhook-allow-http", w.allow_http,
                "allow plain http webhooks to loopback addresses (tests)")
      ->envname("RUDI_WEBHOOK_ALLOW_HTTP");
  command
      .add_option("--webhook-ca-file", w.ca_file,
                  "PEM certificate authorities to trust for receivers, beside the system's")
      ->envname("RUDI_WEBHOOK_CA_FILE")
      ->check(CLI::ExistingFile);
  command
      .add_option("--webhook-max-attempts", w.max_attempts, "tries of one event before it is dead-lettered")
      ->envname("RUDI_WEBHOOK_MAX_ATTEMPTS")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  add_duration_ms(
      command, "--webhook-backoff-ms", "RUDI_WEBHOOK_BACKOFF_MS", w.backoff,
      "wait before the second try of an event; doubled for each further try, half of it jittered");
  add_duration_ms(command, "--webhook-backoff-cap-ms", "RUDI_WEBHOOK_BACKOFF_CAP_MS", w.backoff_cap,
                  "longest wait between two tries");
  add_duration_ms(command, "--webhook-connect-timeout-ms", "RUDI_WEBHOOK_CONNECT_TIMEOUT_MS",
                  w.timeouts.connect, "time to resolve and connect to a receiver");
  add_duration_ms(command, "--webhook-response-timeout-ms", "RUDI_WEBHOOK_RESPONSE_TIMEOUT_MS",
                  w.timeouts.response,
                  "time for the TLS handshake, and again for sending and reading the answer");
  add_duration_ms(command, "--webhook-lease-ms", "RUDI_WEBHOOK_LEASE_MS", w.lease,
                  "how long a node's claim on a subscription lasts unless renewed (every third of it)");
  add_duration_ms(command, "--webhook-poll-ms", "RUDI_WEBHOOK_POLL_MS", w.poll,
                  "look for new events this often even without the event feed's doorbell");
  command.add_option("--webhook-concurrency", w.concurrency, "subscriptions this node delivers at once")
      ->envname("RUDI_WEBHOOK_CONCURRENCY")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
}

void add_security_options(CLI::App& command, SecurityConfig& security, bool keys) {
  command
      .add_option("--password-denylist", security.password_denylist,
                  "file of passwords refused as too common")
      ->envname("RUDI_PASSWORD_DENYLIST")
      ->capture_default_str();
  if (!keys) return;
  // Secrets come from the environment only (a flag would show in the process list).
  command
      .add_option("--data-keys", security.data_keys,
                  "keys sealing sensitive fields: id:base64[,id:base64] (env only)")
      ->envname("RUDI_DATA_KEYS")
      ->required();
  command
      .add_option("--blind-index-key", security.blind_index_key,
                  "key of exact-match hashes: base64 (env only)")
      ->envname("RUDI_BLIND_INDEX_KEY")
      ->required();
  command
      .add_option("--session-idle-minutes", security.session_idle_minutes,
                  "a session ends after this much idleness")
      ->envname("RUDI_SESSION_IDLE_MINUTES")
      ->check(CLI::Range(1, 24 * 60))
      ->capture_default_str();
  command
      .add_option("--session-absolute-hours", security.session_absolute_hours,
                  "a session ends this long after sign-in")
      ->envname("RUDI_SESSION_ABSOLUTE_HOURS")
      ->check(CLI::Range(1, 24 * 7))
      ->capture_default_str();
  command
      .add_option("--allowed-origin", security.allowed_origins,
                  "origins that may send changing requests (default: the request's own)")
      ->envname("RUDI_ALLOWED_ORIGINS")
      ->delimiter(',');
  command.add_option("--tls-cert", security.tls_certificate, "PEM certificate chain: serve HTTPS")
      ->envname("RUDI_TLS_CERT")
      ->check(CLI::ExistingFile);
  command.add_option("--tls-key", security.tls_private_key, "PEM private key of --tls-cert")
      ->envname("RUDI_TLS_KEY")
      ->check(CLI::ExistingFile);
}

void add_statistics_options(CLI::App& command, StatisticsConfig& statistics) {
  command
      .add_option("--statistics-k", statistics.k,
                  "the smallest cell of people published in statistics; smaller cells are suppressed")
      ->envname("RUDI_STATISTICS_K")
      ->check(CLI::Range(3, 1000))
      ->capture_default_str();
}

void add_home_nationality(CLI::App& command, std::string& home) {
  command
      .add_option("--home-nationality", home,
                  "ISO 3166-1 alpha-2 code of the nationals a roster import takes in")
      ->envname("RUDI_HOME_NATIONALITY")
      ->check([](const std::string& code) {
        return is_country_code(code) ? std::string() : std::string("an ISO 3166-1 alpha-2 code, e.g. KE");
      })
      ->capture_default_str();
}

}  // namespace

CommandLine::CommandLine() {
  config_.database.schema_dir = RUDI_DEFAULT_SCHEMA_DIR;
  config_.serve.webui_dir = RUDI_DEFAULT_WEBUI_DIR;
  config_.security.password_denylist = RUDI_DEFAULT_PASSWORD_DENYLIST;
  config_.serve.threads = std::max(2u, std::min(8u, std::thread::hardware_concurrency()));
  app_.require_subcommand(1);
  app_.set_help_all_flag("--help-all", "help for every subcommand");

  serve_ = app_.add_subcommand("serve", "serve the API and the dashboards over HTTP");
  add_database_options(*serve_, config_.database, true);
  add_serve_options(*serve_, config_.serve);
  add_home_nationality(*serve_, config_.home_nationality);
  add_security_options(*serve_, config_.security, true);
  add_webhook_delivery_options(*serve_, config_.webhook_delivery);
  add_statistics_options(*serve_, config_.statistics);
  serve_->callback([this] {
    if (config_.security.tls_certificate.empty() != config_.security.tls_private_key.empty()) {
      throw CLI::ValidationError("--tls-cert and --tls-key", "give both, or neither");
    }
  });

  migrate_ = app_.add_subcommand("migrate", "apply the schema's pending migrations, as the schema's owner");
  add_database_options(*migrate_, config_.database, false);
  migrate_
      ->add_option("--migration-database-url", config_.database.migration_url,
                   "libpq connection string of the schema's owner (default: --database-url)")
      ->envname("RUDI_MIGRATION_DATABASE_URL");
  add_admin_subcommands();
}

void CommandLine::add_admin_subcommands() {
  auto& a = config_.admin;
  auto with_db = [this](CLI::App* command) {
    add_database_options(*command, config_.database, false);
    add_security_options(*command, config_.security, false);
    return command;
  };
  auto* user = app_.add_subcommand("user", "manage users (as the system, audited)")->require_subcommand(1);
  auto* user_add =
      with_db(user->add_subcommand("add", "create a user; the password is asked for without echo"));
  user_add->add_option("--username", a.username, "3 to 64 of a-z 0-9 . _ -")->required();
  user_add->add_option("--display-name", a.display_name, "the name shown to colleagues")->required();
  user_add
      ->add_option("--role", a.role,
                   "embassy_officer, ministry_officer, prosecutor, administrator or auditor")
      ->required();
  user_add->add_option("--mission-id", a.mission_id, "the mission of an embassy officer");
  user_add->add_option("--password-file", a.password_file, "read the password from this file's first line");
  commands_[user_add] = [this] { return run_user_add(config_); };
  auto* user_list = with_db(user->add_subcommand("list", "list users"));
  commands_[user_list] = [this] { return run_user_list(config_); };
  auto* user_disable = with_db(user->add_subcommand("disable", "disable a user and end their sessions"));
  user_disable->add_option("--username", a.username)->required();
  commands_[user_disable] = [this] { return run_user_disable(config_); };
  auto* user_reset =
      with_db(user->add_subcommand("reset-password", "set a new password and end their sessions"));
  user_reset->add_option("--username", a.username)->required();
  user_reset->add_option("--password-file", a.password_file, "read the password from this file's first line");
  commands_[user_reset] = [this] { return run_user_reset_password(config_); };
  auto* user_2fa = with_db(user->add_subcommand("reset-second-factor", "remove a user's second factor"));
  user_2fa->add_option("--username", a.username)->required();
  commands_[user_2fa] = [this] { return run_user_reset_second_factor(config_); };

  auto* mission =
      app_.add_subcommand("mission", "manage missions (as the system, audited)")->require_subcommand(1);
  auto* mission_add = with_db(mission->add_subcommand("add", "create a mission"));
  mission_add->add_option("--name", a.name, "e.g. Embassy in Bangkok")->required();
  mission_add->add_option("--kind", a.kind, "embassy, high_commission or consulate")->capture_default_str();
  mission_add->add_option("--host-country", a.host_country, "ISO 3166-1 alpha-2, e.g. TH")->required();
  mission_add->add_option("--city", a.city)->required();
  commands_[mission_add] = [this] { return run_mission_add(config_); };
  auto* mission_list = with_db(mission->add_subcommand("list", "list missions"));
  commands_[mission_list] = [this] { return run_mission_list(config_); };

  auto* token = app_.add_subcommand("token", "API tokens for integrations")->require_subcommand(1);
  auto* token_add = with_db(token->add_subcommand("add", "issue a token carrying a user's role and scope"));
  token_add->add_option("--name", a.name, "what the token is for")->required();
  token_add->add_option("--username", a.username, "whose authority it carries")->required();
  commands_[token_add] = [this] { return run_token_add(config_); };

  auto* audit = app_.add_subcommand("audit", "the audit log")->require_subcommand(1);
  auto* verify =
      with_db(audit->add_subcommand("verify", "recompute the hash chain; name the first row that breaks it"));
  commands_[verify] = [this] { return run_audit_verify(config_); };

  auto* seed = app_.add_subcommand("seed", "demo data")->require_subcommand(1);
  auto* demo = with_db(
      seed->add_subcommand("demo", "invented demo data and one login per role, on an empty database"));
  demo->add_option("--data-keys", config_.security.data_keys, "(env only)")
      ->envname("RUDI_DATA_KEYS")
      ->required();
  demo->add_option("--blind-index-key", config_.security.blind_index_key, "(env only)")
      ->envname("RUDI_BLIND_INDEX_KEY")
      ->required();
  commands_[demo] = [this] { return run_seed_demo(config_); };

  add_webhook_subcommands(with_db);
  auto* exports = app_.add_subcommand("export",
                                      "anonymised statistics and HTCDS case records, to standard output "
                                      "(as the system, audited)")
                      ->require_subcommand(1);
  auto* statistics = with_db(exports->add_subcommand(
      "statistics", "counts of people consenting to statistics, cells under k suppressed (CTDC columns)"));
  add_statistics_options(*statistics, config_.statistics);
  statistics->add_option("--format", config_.exports.format, "csv or json")
      ->check(CLI::IsMember({"csv", "json"}))
      ->capture_default_str();
  statistics->add_option("--k", config_.exports.k, "raise the smallest published cell for this export")
      ->check(CLI::Range(3, 1000));
  commands_[statistics] = [this] { return run_export_statistics(config_); };
  auto* htcds = with_db(exports->add_subcommand(
      "htcds", "HTCDS v2.0 case records (JSON lines) of people consenting to partner referral"));
  htcds->add_flag("--identified", config_.exports.identified,
                  "add names, date of birth and phone (the partner_referral consent allows them)");
  commands_[htcds] = [this] { return run_export_htcds(config_); };
  auto& im = config_.import;
  auto* import = app_.add_subcommand("import", "bring records in from files")->require_subcommand(1);
  auto* roster = import->add_subcommand(
      "roster", "import a roster (CSV) of released or rescued people into a cohort, in a user's name");
  roster->add_option("file", im.file, "the CSV file")->required()->check(CLI::ExistingFile);
  roster->add_option("--cohort", im.cohort_id, "the cohort's id")->required()->check(CLI::PositiveNumber);
  roster->add_option("--as", im.username, "the user in whose name (role and mission) the import runs")
      ->required();
  roster->add_flag("--dry-run", im.dry_run, "check and report, change nothing");
  roster->add_flag("--partial", im.partial, "import the good rows even when some are rejected");
  roster->add_option("--mapping", im.mapping,
                     "header → field overrides: a JSON object, or @file holding one");
  add_home_nationality(*roster, config_.home_nationality);
  add_database_options(*roster, config_.database, false);
  roster->add_option("--data-keys", config_.security.data_keys, "(env only)")
      ->envname("RUDI_DATA_KEYS")
      ->required();
  roster->add_option("--blind-index-key", config_.security.blind_index_key, "(env only)")
      ->envname("RUDI_BLIND_INDEX_KEY")
      ->required();
  commands_[roster] = [this] { return run_import_roster(config_); };

  auto* keys = app_.add_subcommand("keys", "encryption keys")->require_subcommand(1);
  auto* generate =
      keys->add_subcommand("generate", "print fresh RUDI_DATA_KEYS and RUDI_BLIND_INDEX_KEY lines");
  commands_[generate] = [] { return run_keys_generate(); };
}

void CommandLine::add_webhook_subcommands(const std::function<CLI::App*(CLI::App*)>& with_db) {
  auto& w = config_.webhook;
  auto* webhook =
      app_.add_subcommand("webhook", "outbound webhooks (as the system, audited)")->require_subcommand(1);
  auto* add =
      with_db(webhook->add_subcommand("add", "subscribe a receiver; its signing secret is shown once"));
  add->add_option("--name", w.name, "what the receiver is, e.g. SMS gateway of the family liaison")
      ->required();
  add->add_option("--url", w.url, "the receiver's https:// address")->required();
  add->add_option("--purpose", w.purpose, "prosecution, family_contact, partner_referral or statistics")
      ->required();
  add->add_option("--event-type", w.event_types, "an event type to deliver (repeat; none: every type)");
  add->add_option("--topic", w.topics,
                  "nation, mission:<id>, cohort:<id> or person:<id> (repeat; none: all)");
  add->add_option("--mission-id", w.mission_id, "the scope: one mission's records (none: the nation)");
  add->add_option("--data-keys", config_.security.data_keys, "(env only)")
      ->envname("RUDI_DATA_KEYS")
      ->required();
  add->add_option("--blind-index-key", config_.security.blind_index_key, "(env only)")
      ->envname("RUDI_BLIND_INDEX_KEY")
      ->required();
  add->add_flag("--webhook-allow-http", config_.webhook_delivery.allow_http,
                "allow http to a loopback address (tests)")
      ->envname("RUDI_WEBHOOK_ALLOW_HTTP");
  commands_[add] = [this] { return run_webhook_add(config_); };
  auto* list = with_db(webhook->add_subcommand("list", "list subscriptions"));
  commands_[list] = [this] { return run_webhook_list(config_); };
  auto* remove = with_db(webhook->add_subcommand("remove", "remove a subscription and its dead letters"));
  remove->add_option("--id", w.id)->required();
  commands_[remove] = [this] { return run_webhook_remove(config_); };
  auto* dead =
      with_db(webhook->add_subcommand("dead-letters", "a subscription's events that were not taken"));
  dead->add_option("--id", w.id)->required();
  dead->add_option("--limit", w.limit, "newest first, at most this many")->check(CLI::Range(1, 1000));
  commands_[dead] = [this] { return run_webhook_dead_letters(config_); };
  auto* replay = with_db(webhook->add_subcommand("replay", "deliver dead letters again"));
  replay->add_option("--id", w.id)->required();
  replay->add_option("--dead-letter-id", w.dead_letter_id, "one dead letter (none: every one)");
  commands_[replay] = [this] { return run_webhook_replay(config_); };
}

void CommandLine::parse(int argc, const char* const* argv) {
  app_.parse(argc, argv);
}

bool CommandLine::chose(const std::string& subcommand) const {
  return app_.got_subcommand(subcommand);
}

int CommandLine::run() {
  if (serve_->parsed()) return run_serve(config_);
  if (migrate_->parsed()) return run_migrate(config_.database);
  for (const auto& [command, run] : commands_) {
    if (command->parsed()) return run();
  }
  return 2;
}

}  // namespace rudi::app
