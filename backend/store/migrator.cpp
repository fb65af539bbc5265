// Migration files may hold many statements, which only libpq's simple query protocol (PQexec) runs, so
// the migrator talks to libpq directly instead of through SOCI.
#include "store/migrator.hpp"

#include <libpq-fe.h>

#include <map>
#include <memory>

namespace rudi::store {
namespace {

// Any fixed number will do; it only has to be the same for every node. "rudi" in ASCII.
constexpr const char* kAdvisoryLockKey = "1920295017";

using Connection = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using QueryResult = std::unique_ptr<PGresult, decltype(&PQclear)>;

std::string first_line(const char* message) {
  std::string text = message ? message : "";
  if (auto end = text.find('\n'); end != std::string::npos) text.resize(end);
  return text;
}

Result<QueryResult> execute(PGconn* conn, const std::string& sql) {
  QueryResult result(PQexec(conn, sql.c_str()), &PQclear);
  const auto status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return Error::internal(first_line(PQerrorMessage(conn)));
  }
  return result;
}

Status record(PGconn* conn, const MigrationFile& file) {
  const std::string version = std::to_string(file.version);
  const char* values[] = {version.c_str(), file.file_name.c_str(), file.sha256.c_str()};
  QueryResult result(PQexecParams(conn,
                                  "INSERT INTO schema_migrations (version, file_name, sha256) "
                                  "VALUES ($1::integer, $2, $3)",
                                  3, nullptr, values, nullptr, nullptr, 0),
                     &PQclear);
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK)
    return Error::internal(first_line(PQerrorMessage(conn)));
  return ok_status();
}

struct AppliedMigration {
  std::string file_name;
  std::string sha256;
};

Result<std::map<int, AppliedMigration>> applied_migrations(PGconn* conn) {
  auto rows = execute(conn, "SELECT version, file_name, sha256 FROM schema_migrations ORDER BY version");
  if (!rows) return rows.error();
  std::map<int, AppliedMigration> applied;
  for (int i = 0; i < PQntuples(rows->get()); ++i) {
    applied[std::stoi(PQgetvalue(rows->get(), i, 0))] = {PQgetvalue(rows->get(), i, 1),
                                                         PQgetvalue(rows->get(), i, 2)};
  }
  return applied;
}

Status check_history(const std::map<int, AppliedMigration>& applied,
                     const std::vector<MigrationFile>& files) {
  std::map<int, const MigrationFile*> by_version;
  for (const auto& f : files) by_version[f.version] = &f;
  for (const auto& [version, row] : applied) {
    auto it = by_version.find(version);
    if (it == by_version.end()) {
      return Error::conflict("migration " + row.file_name +
                             " was applied to this database but is not in the schema directory; "
                             "this build is older than the database");
    }
    if (it->second->sha256 != row.sha256) {
      return Error::conflict(
          "migration " + row.file_name + " was changed after it was applied (recorded sha256 " + row.sha256 +
          ", file now " + it->second->sha256 + "); restore the file and put the change in a new migration");
    }
  }
  return ok_status();
}

}  // namespace

Result<MigrationOutcome> apply_migrations(const std::string& owner_url,
                                          const std::vector<MigrationFile>& files) {
  Connection conn(PQconnectdb(owner_url.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    return Error::unavailable("cannot connect to the database: " + first_line(PQerrorMessage(conn.get())));
  }
  // Quiet the NOTICEs that IF NOT EXISTS raises; they would go to stderr.
  if (auto r = execute(conn.get(), "SET client_min_messages = warning"); !r) return r.error();
  // Session-level lock: a second migrator waits here and then finds the work done.
  if (auto r = execute(conn.get(), std::string("SELECT pg_advisory_lock(") + kAdvisoryLockKey + ")"); !r) {
    return r.error();
  }
  if (auto r = execute(conn.get(),
                       "CREATE TABLE IF NOT EXISTS schema_migrations ("
                       " version integer PRIMARY KEY,"
                       " file_name text NOT NULL,"
                       " sha256 text NOT NULL,"
                       " applied_at timestamptz NOT NULL DEFAULT now())");
      !r) {
    return r.error();
  }
  auto applied = applied_migrations(conn.get());
  if (!applied) return applied.error();
  if (Status s = check_history(*applied, files); !s) return s.error();

  MigrationOutcome outcome;
  outcome.version = applied->empty() ? 0 : applied->rbegin()->first;
  for (const auto& file : files) {
    if (applied->count(file.version)) continue;
    if (auto r = execute(conn.get(), "BEGIN"); !r) return r.error();
    auto run = execute(conn.get(), file.sql);
    Status recorded = run ? record(conn.get(), file) : Status(run.error());
    if (!recorded) {
      (void)execute(conn.get(), "ROLLBACK");
      return Error::internal("migration " + file.file_name + " failed: " + recorded.error().detail);
    }
    if (auto r = execute(conn.get(), "COMMIT"); !r) {
      return Error::internal("migration " + file.file_name + " failed at commit: " + r.error().detail);
    }
    outcome.applied.push_back(file.file_name);
    outcome.version = file.version;
  }
  (void)execute(conn.get(), std::string("SELECT pg_advisory_unlock(") + kAdvisoryLockKey + ")");
  return outcome;
}

}  // namespace rudi::store
