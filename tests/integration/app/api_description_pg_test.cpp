// The API description and the router describe the same routes: every route the router knows is in the
// OpenAPI document, and every operation of the document is a route.
#include <gtest/gtest.h>

#include <boost/asio/thread_pool.hpp>
#include <set>

#include "app/routes.hpp"
#include "auth/secret_box.hpp"
#include "http/openapi_document.hpp"
#include "support/scratch_database.hpp"

namespace rudi {
namespace {

TEST(ApiDescription, DescribesExactlyTheRoutesTheServerServes) {
  if (!test::database_available()) GTEST_FAIL() << "no test database: run the tests through ./ops/test";
  test::ScratchDatabase db;
  auto database = store::Database::open({db.app_url(), 1});
  ASSERT_TRUE(database);
  auto keyring = auth::Keyring::parse("k1:" + auth::new_key_base64(), auth::new_key_base64());
  ASSERT_TRUE(keyring);
  boost::asio::thread_pool hashing(1);
  const auth::PasswordHasher hasher;
  const auto policy = auth::PasswordPolicy::without_denylist();
  service::Health health(**database, {});
  service::Authentication authentication(**database, *keyring, hasher, hashing, {});
  service::Administration administration(**database, hasher, policy, hashing);
  service::AuditLog audit_log(**database);
  service::JourneyRecords records(**database, *keyring);
  service::CaseFiles cases(**database);
  service::DuplicateDesk duplicates(**database);
  service::Webhooks webhooks(**database, *keyring, {});
  service::RosterImports imports(**database, *keyring);
  http::Metrics metrics;
  mrz::MrzReading mrz_reading(**database);
  statistics::StatisticsExports statistics(**database, 5);
  app::Services services{health,     authentication, administration, audit_log,   records,    cases,
                         duplicates, webhooks,       metrics,        mrz_reading, statistics, imports};
  http::Router router;
  app::add_routes(router, services);

  std::set<std::string> served;
  for (const auto& [verb, pattern] : router.routes()) {
    std::string method(boost::beast::http::to_string(verb));
    std::transform(method.begin(), method.end(), method.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    served.insert(method + " " + pattern);
  }
  const auto document = nlohmann::json::parse(http::openapi_document());
  EXPECT_EQ(document["openapi"], "3.1.0");
  std::set<std::string> described;
  for (const auto& [path, operations] : document["paths"].items()) {
    for (const auto& [method, operation] : operations.items()) {
      described.insert(method + " " + path);
      EXPECT_TRUE(operation.contains("responses")) << method << " " << path;
    }
  }
  for (const auto& route : served) EXPECT_TRUE(described.count(route)) << "not described: " << route;
  for (const auto& route : described)
    EXPECT_TRUE(served.count(route)) << "described but not served: " << route;
  hashing.join();
}

}  // namespace
}  // namespace rudi
