#include "support/scratch_database.hpp"

#include <poll.h>

#include <libpq-fe.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <memory>
#include <random>
#include <stdexcept>

#include "store/connection_string.hpp"
#include "store/migration_files.hpp"
#include "store/migrator.hpp"
#include "support/child_process.hpp"

namespace rudi::test {
namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

std::string unique_name() {
  static std::atomic<int> counter{0};
  std::random_device random;
  return "rudi_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
         std::to_string(random() % 100000);
}

}  // namespace

int control_database(const std::string& command) {
  const char* control = std::getenv("RUDI_TEST_DB_CONTROL");
  if (control == nullptr) return -1;
  ChildProcess process({"/bin/bash", control, command});
  return process.wait_exit(std::chrono::seconds(120)).value_or(-1);
}

bool database_available() {
  return !env("RUDI_TEST_DATABASE_URL").empty() && !env("RUDI_TEST_OWNER_DATABASE_URL").empty();
}

namespace {
std::string query_with(const std::string& url, const std::string& setup, const std::string& sql) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(url.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(conn.get()));
  if (!setup.empty()) {
    std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(conn.get(), setup.c_str()), &PQclear);
    if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) throw std::runtime_error(PQerrorMessage(conn.get()));
  }
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn.get(), sql.c_str()), &PQclear);
  const auto status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    throw std::runtime_error(PQerrorMessage(conn.get()));
  if (status == PGRES_TUPLES_OK && PQntuples(result.get()) > 0 && PQnfields(result.get()) > 0) {
    return PQgetvalue(result.get(), 0, 0);
  }
  return "";
}
}  // namespace

std::string ScratchDatabase::nation_query(const std::string& sql) const {
  return query_with(app_url(), "SELECT set_config('rudi.role', 'ministry_officer', false)", sql);
}

std::string query(const std::string& url, const std::string& sql) {
  return query_with(url, "", sql);
}

ScratchDatabase::ScratchDatabase(bool migrated) : name_(unique_name()) {
  if (!database_available()) throw std::runtime_error("no test database: run the tests through ./ops/test");
  query(env("RUDI_TEST_OWNER_DATABASE_URL"), "CREATE DATABASE " + name_);
  if (!migrated) return;
  auto files = store::load_migration_files(schema_dir());
  if (!files) throw std::runtime_error(files.error().detail);
  auto outcome = store::apply_migrations(owner_url(), *files);
  if (!outcome) throw std::runtime_error(outcome.error().detail);
}

ScratchDatabase::~ScratchDatabase() {
  try {
    query(env("RUDI_TEST_OWNER_DATABASE_URL"), "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  } catch (const std::exception&) {
    // The cluster goes away with the test run; a database left behind harms nothing.
  }
}

std::string ScratchDatabase::owner_url() const {
  return store::with_database(env("RUDI_TEST_OWNER_DATABASE_URL"), name_);
}

std::string ScratchDatabase::app_url() const {
  return store::with_database(env("RUDI_TEST_DATABASE_URL"), name_);
}

bool ScratchDatabase::wait_until_sequenced(std::chrono::milliseconds timeout) const {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(owner_url().c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(conn.get()));
  PQclear(PQexec(conn.get(), "LISTEN rudi_events"));
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    // Listening first, then looking: a pass that ends between the two still rings.
    PGresult* r = PQexec(conn.get(),
                         "SELECT (SELECT count(*) FROM events WHERE seq IS NULL) + "
                         "(SELECT count(*) FROM audit_log WHERE id IS NULL)");
    const bool done = PQresultStatus(r) == PGRES_TUPLES_OK && std::string(PQgetvalue(r, 0, 0)) == "0";
    PQclear(r);
    if (done) return true;
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    // A pass that chains only audit rows rings no bell: look again after a short while at the latest.
    pollfd socket{PQsocket(conn.get()), POLLIN, 0};
    ::poll(&socket, 1, static_cast<int>(std::min<long>(left.count(), 50)));
    PQconsumeInput(conn.get());
    while (PGnotify* n = PQnotifies(conn.get())) PQfreemem(n);
  }
}

std::string ScratchDatabase::owner_query(const std::string& sql) const {
  return query(owner_url(), sql);
}

}  // namespace rudi::test
