#include "store/prepared.hpp"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>

#include <cstdlib>
#include <mutex>
#include <set>
#include <string>
#include <tuple>

namespace rudi::store {
namespace {

PGconn* connection_of(soci::session& sql) {
  // By name, not dynamic_cast: SOCI's shared library does not export the backend's type information.
  if (sql.get_backend_name() != "postgresql") throw soci::soci_error("prepared statements need PostgreSQL");
  return static_cast<soci::postgresql_session_backend*>(sql.get_backend())->conn_;
}

// Which names are prepared on which connection. A re-opened connection is a new backend process, so the
// backend's process id joins the key: a reused PGconn address cannot pass for one that prepared a name.
std::mutex prepared_mutex;
std::set<std::tuple<PGconn*, int, std::string>> prepared_names;

[[noreturn]] void fail(PGconn* conn, PGresult* result) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string message = PQerrorMessage(conn);
  const std::string sqlstate = state && std::char_traits<char>::length(state) == 5 ? state : "XX000";
  if (result) PQclear(result);
  throw soci::postgresql_soci_error(message, sqlstate.c_str());
}

}  // namespace

PreparedResult run_prepared(soci::session& sql, const char* name, const char* text,
                            const std::vector<SqlParam>& params) {
  PGconn* conn = connection_of(sql);
  const auto key = std::make_tuple(conn, PQbackendPID(conn), std::string(name));
  bool known = false;
  {
    std::lock_guard lock(prepared_mutex);
    known = prepared_names.count(key) > 0;
  }
  if (!known) {
    PGresult* made = PQprepare(conn, name, text, static_cast<int>(params.size()), nullptr);
    if (PQresultStatus(made) != PGRES_COMMAND_OK) fail(conn, made);
    PQclear(made);
    std::lock_guard lock(prepared_mutex);
    prepared_names.insert(key);
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  PGresult* result =
      PQexecPrepared(conn, name, static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0);
  const auto status = PQresultStatus(result);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) fail(conn, result);
  PreparedResult out;
  const int rows = PQntuples(result), columns = PQnfields(result);
  out.rows.reserve(static_cast<std::size_t>(rows));
  for (int r = 0; r < rows; ++r) {
    auto& row = out.rows.emplace_back();
    row.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      if (PQgetisnull(result, r, c))
        row.emplace_back(std::nullopt);
      else
        row.emplace_back(
            std::string(PQgetvalue(result, r, c), static_cast<std::size_t>(PQgetlength(result, r, c))));
    }
  }
  const char* affected = PQcmdTuples(result);
  out.affected = affected && *affected ? std::strtol(affected, nullptr, 10) : 0;
  PQclear(result);
  return out;
}

void forget_prepared(soci::session& sql) {
  // A session whose last reconnect failed has no backend (and asking its name would throw): nothing
  // of it is prepared any more.
  if (sql.get_backend() == nullptr) return;
  PGconn* conn = connection_of(sql);
  std::lock_guard lock(prepared_mutex);
  std::erase_if(prepared_names, [conn](const auto& key) { return std::get<0>(key) == conn; });
}

}  // namespace rudi::store
