#include "app/serve_command.hpp"

#include <sys/resource.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <thread>
#include <vector>

#include "app/listen_address.hpp"
#include "app/routes.hpp"
#include "auth/password.hpp"
#include "auth/secret_box.hpp"
#include "http/admin_routes.hpp"
#include "http/audit_routes.hpp"
#include "http/health_routes.hpp"
#include "http/identity_routes.hpp"
#include "http/journey_routes.hpp"
#include "http/live_endpoint.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "http/session_authenticator.hpp"
#include "http/web_assets.hpp"
#include "http/webhook_routes.hpp"
#include "integrations/webhooks/dispatcher.hpp"
#include "live/event_feed.hpp"
#include "live/event_sequencer.hpp"
#include "live/hub.hpp"
#include "log/log.hpp"
#include "service/administration.hpp"
#include "service/audit_log.hpp"
#include "service/authentication.hpp"
#include "service/health.hpp"
#include "service/idempotency.hpp"
#include "service/journey_records.hpp"
#include "service/live_access.hpp"
#include "service/webhook_outbox.hpp"
#include "service/webhooks.hpp"
#include "store/database.hpp"
#include "store/event_log.hpp"
#include "store/migration_files.hpp"

namespace rudi::app {
namespace {

// Each open connection is a descriptor; allow as many as the hard limit permits.
void raise_descriptor_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

std::vector<int> versions_of(const std::vector<store::MigrationFile>& files) {
  std::vector<int> versions;
  for (const auto& f : files) versions.push_back(f.version);
  return versions;
}

}  // namespace

int run_serve(const Config& config) {
  log::set_level(log::parse_level(config.serve.log_level).value_or(log::Level::info));
  raise_descriptor_limit();

  auto endpoint = parse_listen_address(config.serve.listen);
  if (!endpoint) {
    log::error("invalid listen address", {{"reason", endpoint.error().detail}});
    return 2;
  }
  auto files = store::load_migration_files(config.database.schema_dir);
  if (!files) {
    log::error("cannot read migrations", {{"reason", files.error().detail}});
    return 2;
  }

  auto keyring = auth::Keyring::parse(config.security.data_keys, config.security.blind_index_key);
  if (!keyring) {
    log::error("invalid encryption keys", {{"reason", keyring.error().detail}});
    return 2;
  }
  auto password_policy = auth::PasswordPolicy::load(config.security.password_denylist);
  if (!password_policy) {
    log::error("cannot read the password deny-list", {{"reason", password_policy.error().detail}});
    return 2;
  }

  store::DatabaseSettings settings;
  settings.url = config.database.url;
  settings.pool_size = config.database.pool_size;
  settings.max_waiting = config.database.max_waiting;
  settings.statement_timeout_ms = config.database.statement_timeout_ms;
  settings.connect_timeout_seconds = config.database.connect_timeout_s;
  auto database = store::Database::open(settings);
  if (!database) {
    log::error("cannot open the database", {{"reason", database.error().detail}});
    return 1;
  }
  store::Database& db = **database;

  service::Health health(db, versions_of(*files));
  if (const auto readiness = health.readiness_now(); !readiness.ready) {
    log::error("refusing to start", {{"reason", readiness.reason}});
    return 1;
  }

  // The sequencer numbers committed events and chains audit rows, on a session of its own.
  store::DatabaseSettings sequencer_settings = settings;
  sequencer_settings.pool_size = 1;
  auto sequencer_db = store::Database::open(sequencer_settings);
  if (!sequencer_db) {
    log::error("cannot open the database", {{"reason", sequencer_db.error().detail}});
    return 1;
  }
  live::EventSequencer sequencer(**sequencer_db, {});
  sequencer.start();
  // This node's writes ring its sequencer in-process: their events are numbered (and pushed) at once.
  db.on_events_appended([&sequencer] { sequencer.wake(); });

  http::Metrics metrics;
  metrics.add_gauge("rudi_events_numbered", "events this node's sequencer has numbered",
                    [&sequencer] { return static_cast<double>(sequencer.events_numbered()); });
  metrics.add_gauge("rudi_db_pool_size", "database sessions in the pool", [&db] { return db.stats().size; });
  metrics.add_gauge("rudi_db_pool_in_use", "database sessions running work now",
                    [&db] { return db.stats().in_use; });
  metrics.add_gauge("rudi_db_pool_waiting", "database work waiting for a session",
                    [&db] { return db.stats().waiting; });

  // Password hashing is CPU- and memory-heavy (Argon2id): two threads of its own bound both.
  boost::asio::thread_pool hashing(2);
  const auth::PasswordHasher hasher;
  service::AuthenticationSettings auth_settings;
  auth_settings.session_idle = std::chrono::minutes(config.security.session_idle_minutes);
  auth_settings.session_absolute = std::chrono::hours(config.security.session_absolute_hours);
  service::Authentication authentication(db, *keyring, hasher, hashing, auth_settings);
  service::Administration administration(db, hasher, *password_policy, hashing);
  service::AuditLog audit_log(db);
  service::JourneyRecords records(db, *keyring);
  service::RosterImports imports(db, *keyring);
  service::CaseFiles cases(db);
  service::DuplicateDesk duplicates(db);
  service::Idempotency idempotency(db);
  service::Webhooks webhook_subscriptions(db, *keyring, {config.webhook_delivery.allow_http});
  mrz::MrzReading mrz_reading(db);
  statistics::StatisticsExports statistics(db, config.statistics.k);
  http::SessionAuthenticator authenticator(authentication);

  http::Router router;
  router.set_authentication(&authenticator, http::OriginPolicy{config.security.allowed_origins});
  router.set_idempotency(&idempotency);
  Services services{health,     authentication, administration,         audit_log, records,
                    cases,      duplicates,     webhook_subscriptions,  metrics,   mrz_reading,
                    statistics, imports,        config.home_nationality};
  add_routes(router, services);
  // The web UI, when it is built; the API serves without it.
  auto web = http::WebAssets::load(config.serve.webui_dir);
  std::shared_ptr<const http::WebAssets> assets;
  if (web) {
    assets = std::make_shared<const http::WebAssets>(std::move(*web));
    router.set_fallback([assets](const http::Request& request) { return assets->serve(request); });
    log::info("web UI", {{"files", assets->file_count()}});
  } else {
    log::info("no web UI", {{"reason", web.error().detail}});
  }

  boost::asio::io_context io(static_cast<int>(config.serve.threads));
  http::Server server(io, config.serve.limits, router, metrics);
  auto bound = server.listen(*endpoint);
  if (!bound) {
    log::error("cannot listen", {{"reason", bound.error().detail}});
    return 1;
  }
  if (!config.security.tls_certificate.empty()) {
    auto tls = std::make_shared<boost::asio::ssl::context>(boost::asio::ssl::context::tls_server);
    boost::system::error_code ec;
    tls->set_options(boost::asio::ssl::context::default_workarounds | boost::asio::ssl::context::no_sslv2 |
                         boost::asio::ssl::context::no_sslv3 | boost::asio::ssl::context::no_tlsv1 |
                         boost::asio::ssl::context::no_tlsv1_1 | boost::asio::ssl::context::single_dh_use,
                     ec);
    if (!ec) tls->use_certificate_chain_file(config.security.tls_certificate, ec);
    if (!ec) tls->use_private_key_file(config.security.tls_private_key, boost::asio::ssl::context::pem, ec);
    if (ec) {
      log::error("cannot load the TLS certificate or key", {{"reason", ec.message()}});
      return 2;
    }
    server.use_tls(std::move(tls));
  }
  // Webhook deliveries: a thread and database sessions of their own, so that receivers never hold the API's
  // or the hub's; the event feed rings them as it rings the hub.
  store::DatabaseSettings webhook_settings = settings;
  webhook_settings.pool_size = 2;
  auto webhook_db = store::Database::open(webhook_settings);
  if (!webhook_db) {
    log::error("cannot open the database", {{"reason", webhook_db.error().detail}});
    return 1;
  }
  service::WebhookOutbox webhook_outbox(**webhook_db, *keyring);
  auto dispatcher = std::make_unique<webhooks::WebhookDispatcher>(webhook_outbox, config.webhook_delivery);
  if (const auto& ca = config.webhook_delivery.ca_file; !ca.empty()) {
    if (auto trusted = dispatcher->trust_authorities(ca); !trusted) {
      log::error("cannot use the webhook certificate authorities", {{"reason", trusted.error().detail}});
      return 2;
    }
  }
  dispatcher->start();
  const auto& webhook_counts = dispatcher->counts();
  metrics.add_gauge("rudi_webhook_delivered", "webhook events receivers took, since start",
                    [&webhook_counts] { return static_cast<double>(webhook_counts.delivered.load()); });
  metrics.add_gauge("rudi_webhook_failed_tries", "webhook tries that failed, since start",
                    [&webhook_counts] { return static_cast<double>(webhook_counts.failed_tries.load()); });
  metrics.add_gauge("rudi_webhook_dead_lettered", "webhook events dead-lettered, since start",
                    [&webhook_counts] { return static_cast<double>(webhook_counts.dead_lettered.load()); });
  metrics.add_gauge("rudi_webhook_subscriptions", "webhook subscriptions this node delivers now",
                    [&webhook_counts] { return static_cast<double>(webhook_counts.subscriptions.load()); });
  // The live hub: this node's event feed (one LISTENing connection) hands each new event to the hub, which
  // sends it to the websockets that follow its topics and may see it.
  service::LiveAccess live_access(db, config.serve.live.retention);
  auto hub = std::make_shared<live::Hub>(io.get_executor());
  const auto head = db.run_here<std::int64_t>(
      [](soci::session& sql) -> Result<std::int64_t> { return store::latest_event_seq(sql); });
  if (!head) {
    log::error("cannot read the event sequence", {{"reason", head.error().detail}});
    return 1;
  }
  hub->start_at(*head);
  auto feed = std::make_shared<live::EventFeed>(
      io.get_executor(), config.database.url,
      [hub, deliveries = dispatcher.get()](std::vector<live::FeedEvent> events) {
        hub->publish(std::move(events));
        deliveries->wake();
      });
  feed->start(*head);
  sequencer.on_numbered(
      [weak = std::weak_ptr<live::EventFeed>(feed)](std::vector<store::EventRecord> events) {
        if (auto f = weak.lock()) f->offer(std::move(events));
      });
  http::LiveEndpoint live_endpoint(authenticator, http::OriginPolicy{config.security.allowed_origins},
                                   live_access, hub, config.serve.live);
  server.use_live(&live_endpoint);
  metrics.add_gauge("rudi_live_sockets", "live websockets open",
                    [&live_endpoint] { return static_cast<double>(live_endpoint.open_sockets().load()); });
  server.start();

  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&server, feed](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    log::info("stop requested", {{"signal", signal}});
    server.shutdown([feed] { feed->stop(); });
  });

  const std::string host =
      bound->address().is_v6() ? "[" + bound->address().to_string() + "]" : bound->address().to_string();
  log::info("listening", {{"address", bound->address().to_string()},
                          {"port", bound->port()},
                          {"url", std::string(config.security.tls_certificate.empty() ? "http" : "https") +
                                      "://" + host + ":" + std::to_string(bound->port()) + "/"},
                          {"threads", config.serve.threads}});

  // The io_context runs out of work once the server has drained; every thread then returns.
  std::vector<std::thread> threads;
  for (unsigned i = 1; i < config.serve.threads; ++i) threads.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& t : threads) t.join();

  hashing.join();
  dispatcher->stop();
  (*webhook_db)->close();
  dispatcher.reset();
  sequencer.stop();
  (*sequencer_db)->close();
  db.close();
  log::info("stopped");
  return 0;
}

}  // namespace rudi::app
