#include "app/command_line.hpp"

#include <thread>

#include "app/listen_address.hpp"
#include "app/migrate_command.hpp"
#include "app/serve_command.hpp"

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
  add_duration_ms(command, "--shutdown-grace-ms", "RUDI_SHUTDOWN_GRACE_MS", limits.shutdown_grace,
                  "time requests in flight get to finish on SIGTERM or SIGINT");
}

}  // namespace

CommandLine::CommandLine() {
  config_.database.schema_dir = RUDI_DEFAULT_SCHEMA_DIR;
  config_.serve.threads = std::max(2u, std::min(8u, std::thread::hardware_concurrency()));
  app_.require_subcommand(1);
  app_.set_help_all_flag("--help-all", "help for every subcommand");

  serve_ = app_.add_subcommand("serve", "serve the API and the dashboards over HTTP");
  add_database_options(*serve_, config_.database, true);
  add_serve_options(*serve_, config_.serve);

  migrate_ = app_.add_subcommand("migrate", "apply the schema's pending migrations, as the schema's owner");
  add_database_options(*migrate_, config_.database, false);
  migrate_
      ->add_option("--migration-database-url", config_.database.migration_url,
                   "libpq connection string of the schema's owner (default: --database-url)")
      ->envname("RUDI_MIGRATION_DATABASE_URL");
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
  return 2;
}

}  // namespace rudi::app
