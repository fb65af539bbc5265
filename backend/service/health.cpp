#include "service/health.hpp"

#include "store/schema_state.hpp"

namespace rudi::service {
namespace {

Readiness to_readiness(const Result<store::SchemaState>& state) {
  if (!state) return {false, state.error().detail};
  if (!state->current()) return {false, state->describe()};
  return {true, {}};
}

}  // namespace

Health::Health(store::Database& database, std::vector<int> expected_schema_versions)
    : database_(database), expected_versions_(std::move(expected_schema_versions)) {}

boost::asio::awaitable<Readiness> Health::readiness() {
  auto state = co_await database_.run<store::SchemaState>(
      [this](soci::session& sql) { return store::read_schema_state(sql, expected_versions_); });
  co_return to_readiness(state);
}

Readiness Health::readiness_now() {
  return to_readiness(database_.run_here<store::SchemaState>(
      [this](soci::session& sql) { return store::read_schema_state(sql, expected_versions_); }));
}

}  // namespace rudi::service
