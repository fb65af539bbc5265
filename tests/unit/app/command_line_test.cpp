#include "app/command_line.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include "app/listen_address.hpp"

namespace rudi::app {
namespace {

// Environment variables set for one test and removed after it.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) { setenv(name, value, 1); }
  ~ScopedEnv() { unsetenv(name_); }

 private:
  const char* name_;
};

// Serving needs keys; these are syntactically valid ones for parsing only.
struct WithKeys {
  ScopedEnv data{"RUDI_DATA_KEYS", "k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="};
  ScopedEnv index{"RUDI_BLIND_INDEX_KEY", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="};
};

void parse(CommandLine& cli, std::vector<const char*> args) {
  args.insert(args.begin(), "rudi");
  cli.parse(static_cast<int>(args.size()), args.data());
}

TEST(CommandLine, ServeHasSafeDefaults) {
  WithKeys keys;
  CommandLine cli;
  parse(cli, {"serve", "--database-url", "postgresql://a@b/c"});
  const Config& config = cli.config();
  EXPECT_TRUE(cli.chose("serve"));
  EXPECT_EQ(config.serve.listen, "127.0.0.1:8080");
  EXPECT_GE(config.serve.threads, 2u);
  EXPECT_EQ(config.database.url, "postgresql://a@b/c");
  EXPECT_EQ(config.database.pool_size, 8u);
  EXPECT_EQ(config.serve.limits.body_limit, 1024u * 1024u);
  EXPECT_EQ(config.serve.limits.read_timeout, std::chrono::seconds(10));
  EXPECT_FALSE(config.database.schema_dir.empty());
}

TEST(CommandLine, EnvironmentVariablesSetOptions) {
  ScopedEnv url("RUDI_DATABASE_URL", "postgresql://from-env/db");
  ScopedEnv threads("RUDI_THREADS", "3");
  ScopedEnv body("RUDI_BODY_LIMIT_BYTES", "2048");
  ScopedEnv read("RUDI_READ_TIMEOUT_MS", "1500");
  WithKeys keys;
  CommandLine cli;
  parse(cli, {"serve"});
  EXPECT_EQ(cli.config().database.url, "postgresql://from-env/db");
  EXPECT_EQ(cli.config().serve.threads, 3u);
  EXPECT_EQ(cli.config().serve.limits.body_limit, 2048u);
  EXPECT_EQ(cli.config().serve.limits.read_timeout, std::chrono::milliseconds(1500));
}

TEST(CommandLine, FlagsWinOverTheEnvironment) {
  ScopedEnv threads("RUDI_THREADS", "3");
  WithKeys keys;
  CommandLine cli;
  parse(cli, {"serve", "--database-url", "x", "--threads", "5"});
  EXPECT_EQ(cli.config().serve.threads, 5u);
}

TEST(CommandLine, RefusesValuesOutOfRange) {
  for (std::vector<const char*> bad : std::vector<std::vector<const char*>>{
           {"serve", "--database-url", "x", "--threads", "0"},
           {"serve", "--database-url", "x", "--db-pool-size", "0"},
           {"serve", "--database-url", "x", "--listen", "127.0.0.1"},
           {"serve", "--database-url", "x", "--listen", "not-an-address:80"},
           {"serve", "--database-url", "x", "--log-level", "loud"},
           {"serve", "--database-url", "x", "--read-timeout-ms", "-5"},
           {"serve"},
           {}}) {
    CommandLine cli;
    EXPECT_THROW(parse(cli, bad), CLI::ParseError);
  }
}

TEST(CommandLine, ServeNeedsItsKeysAndBothTlsFilesOrNeither) {
  {
    ScopedEnv unset_data("RUDI_DATA_KEYS", "");
    unsetenv("RUDI_DATA_KEYS");
    unsetenv("RUDI_BLIND_INDEX_KEY");
    CommandLine cli;
    EXPECT_THROW(parse(cli, {"serve", "--database-url", "x"}), CLI::ParseError);
  }
  WithKeys keys;
  CommandLine cli;
  EXPECT_THROW(
      parse(cli, {"serve", "--database-url", "x", "--tls-cert", RUDI_TEST_SCHEMA_DIR "/001_foundation.sql"}),
      CLI::ParseError);
}

TEST(CommandLine, AdministrativeSubcommandsParse) {
  CommandLine cli;
  parse(cli, {"user", "add", "--database-url", "x", "--username", "amina", "--display-name", "Amina",
              "--role", "embassy_officer", "--mission-id", "1"});
  EXPECT_EQ(cli.config().admin.username, "amina");
  EXPECT_EQ(cli.config().admin.mission_id, 1);
  CommandLine verify;
  parse(verify, {"audit", "verify", "--database-url", "x"});
  EXPECT_TRUE(verify.chose("audit"));
}

TEST(CommandLine, WebhookDeliveryIsConfiguredByFlagsAndTheEnvironment) {
  WithKeys keys;
  ScopedEnv attempts("RUDI_WEBHOOK_MAX_ATTEMPTS", "4");
  CommandLine cli;
  parse(cli, {"serve", "--database-url", "x", "--webhook-backoff-ms", "250", "--webhook-allow-http"});
  const auto& w = cli.config().webhook_delivery;
  EXPECT_EQ(w.max_attempts, 4);
  EXPECT_EQ(w.backoff, std::chrono::milliseconds(250));
  EXPECT_TRUE(w.allow_http);
  EXPECT_EQ(w.timeouts.response, std::chrono::seconds(10));
  CommandLine defaults;
  parse(defaults, {"serve", "--database-url", "x"});
  EXPECT_FALSE(defaults.config().webhook_delivery.allow_http);
  CommandLine refused;
  EXPECT_THROW(parse(refused, {"serve", "--database-url", "x", "--webhook-max-attempts", "0"}),
               CLI::ParseError);
}

TEST(CommandLine, WebhookSubcommandsParse) {
  WithKeys keys;
  CommandLine cli;
  parse(cli, {"webhook", "add", "--database-url", "x", "--name", "SMS gateway", "--url",
              "https://sms.example.org/", "--purpose", "family_contact", "--event-type",
              "person.transitioned", "--event-type", "consent.recorded", "--mission-id", "2"});
  EXPECT_TRUE(cli.chose("webhook"));
  EXPECT_EQ(cli.config().webhook.event_types,
            (std::vector<std::string>{"person.transitioned", "consent.recorded"}));
  EXPECT_EQ(cli.config().webhook.mission_id, 2);
  CommandLine replay;
  parse(replay, {"webhook", "replay", "--database-url", "x", "--id", "3", "--dead-letter-id", "9"});
  EXPECT_EQ(replay.config().webhook.id, 3);
  EXPECT_EQ(replay.config().webhook.dead_letter_id, 9);
}

TEST(CommandLine, HelpListsOptionsWithTheirVariablesAndDefaults) {
  CommandLine cli;
  const std::string help = cli.help("serve");
  for (const char* expected :
       {"--listen", "RUDI_LISTEN", "127.0.0.1:8080", "RUDI_DATABASE_URL", "RUDI_THREADS", "RUDI_DB_POOL_SIZE",
        "RUDI_BODY_LIMIT_BYTES", "RUDI_HEADER_LIMIT_BYTES", "RUDI_READ_TIMEOUT_MS", "RUDI_IDLE_TIMEOUT_MS",
        "RUDI_MAX_CONNECTIONS", "RUDI_LOG_LEVEL", "1048576"}) {
    EXPECT_NE(help.find(expected), std::string::npos) << expected;
  }
}

TEST(CommandLine, MigrateTakesTheOwnersUrl) {
  CommandLine cli;
  parse(cli, {"migrate", "--database-url", "app", "--migration-database-url", "owner"});
  EXPECT_TRUE(cli.chose("migrate"));
  EXPECT_EQ(cli.config().database.migration_url, "owner");
}

TEST(ListenAddress, ParsesIpv4Ipv6AndLocalhost) {
  auto v4 = parse_listen_address("127.0.0.1:8080");
  ASSERT_TRUE(v4);
  EXPECT_EQ(v4->port(), 8080);
  auto v6 = parse_listen_address("[::1]:0");
  ASSERT_TRUE(v6);
  EXPECT_TRUE(v6->address().is_v6());
  auto local = parse_listen_address("localhost:9");
  ASSERT_TRUE(local);
  EXPECT_EQ(local->address().to_string(), "127.0.0.1");
  EXPECT_FALSE(parse_listen_address("127.0.0.1:65536"));
  EXPECT_FALSE(parse_listen_address("127.0.0.1:"));
  EXPECT_FALSE(parse_listen_address(":80x"));
}

TEST(CommandLine, ImportRosterTakesAFileACohortAUserAndItsFlags) {
  WithKeys keys;
  CommandLine cli;
  parse(cli, {"import", "roster", RUDI_SOURCE_DIR "/integrations/roster/template.csv", "--cohort", "7",
              "--as", "amina.embassy", "--dry-run", "--partial", "--mapping", R"({"Apellido":"family_name"})",
              "--database-url", "postgresql://a@b/c"});
  const auto& im = cli.config().import;
  EXPECT_EQ(im.cohort_id, 7);
  EXPECT_EQ(im.username, "amina.embassy");
  EXPECT_TRUE(im.dry_run);
  EXPECT_TRUE(im.partial);
  EXPECT_EQ(im.mapping, R"({"Apellido":"family_name"})");
  EXPECT_EQ(cli.config().home_nationality, "KE");
}

TEST(CommandLine, ImportRosterRefusesAMissingFileAndABadHomeNationality) {
  WithKeys keys;
  CommandLine missing;
  EXPECT_THROW(parse(missing, {"import", "roster", "/no/such/file.csv", "--cohort", "7", "--as", "u",
                               "--database-url", "postgresql://a@b/c"}),
               CLI::ParseError);
  CommandLine nationality;
  EXPECT_THROW(parse(nationality, {"import", "roster", RUDI_SOURCE_DIR "/integrations/roster/template.csv",
                                   "--cohort", "7", "--as", "u", "--home-nationality", "Kenya",
                                   "--database-url", "postgresql://a@b/c"}),
               CLI::ParseError);
  ScopedEnv home("RUDI_HOME_NATIONALITY", "UG");
  CommandLine serve;
  parse(serve, {"serve", "--database-url", "postgresql://a@b/c"});
  EXPECT_EQ(serve.config().home_nationality, "UG");
  EXPECT_EQ(serve.config().serve.limits.large_body_limit, 16u * 1024u * 1024u);
}

}  // namespace
}  // namespace rudi::app
