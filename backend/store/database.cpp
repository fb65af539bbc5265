// Pool mechanics: sessions are opened at start, marked broken when PostgreSQL goes away, and reopened
// on their next lease, so that the process recovers by itself when the database comes back.
#include "store/database.hpp"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>

#include "log/log.hpp"
#include "store/connection_string.hpp"
#include "store/event_log.hpp"
#include "store/prepared.hpp"

namespace rudi::store {
namespace {

PGconn* native_connection(soci::session& sql) {
  // SOCI does not export the backend's type information, so no dynamic_cast; the pool only ever opens
  // PostgreSQL sessions.
  if (sql.get_backend() == nullptr || sql.get_backend_name() != "postgresql") return nullptr;
  return static_cast<soci::postgresql_session_backend*>(sql.get_backend())->conn_;
}

bool connection_lost(soci::session& sql) {
  PGconn* conn = native_connection(sql);
  return conn == nullptr || PQstatus(conn) != CONNECTION_OK;
}

}  // namespace

Database::Database(const DatabaseSettings& settings)
    : settings_(settings),
      connect_string_(
          with_parameter(settings.url, "connect_timeout", std::to_string(settings.connect_timeout_seconds))),
      pool_(settings.pool_size),
      broken_(settings.pool_size),
      threads_(settings.pool_size) {}

Result<std::unique_ptr<Database>> Database::open(const DatabaseSettings& settings) {
  if (settings.pool_size == 0) return Error::invalid("the database pool needs at least one session");
  std::unique_ptr<Database> db(new Database(settings));
  for (std::size_t i = 0; i < settings.pool_size; ++i) {
    try {
      db->pool_.at(i).open(soci::postgresql, db->connect_string_);
    } catch (const soci::soci_error& e) {
      db->close();
      // libpq's message names the host and port, never a password; safe and needed to fix the setup.
      return Error::unavailable(std::string("cannot connect to the database: ") + e.get_error_message());
    }
    if (Status s = db->prepare_session(db->pool_.at(i), i); !s) {
      db->close();
      return s.error();
    }
  }
  return db;
}

Database::~Database() {
  close();
}

void Database::close() {
  std::call_once(closed_, [this] { threads_.join(); });
}

bool Database::admit() {
  if (waiting_.fetch_add(1) >= settings_.max_waiting) {
    waiting_.fetch_sub(1);
    return false;
  }
  return true;
}

DatabasePoolStats Database::stats() const {
  return {settings_.pool_size, in_use_.load(), waiting_.load()};
}

Status Database::prepare_session(soci::session& sql, std::size_t position) {
  try {
    sql << "SET statement_timeout = " + std::to_string(settings_.statement_timeout_ms);
    broken_[position] = false;
    return ok_status();
  } catch (const soci::soci_error& e) {
    broken_[position] = true;
    return Error::unavailable("the database connection could not be prepared");
  }
}

Status Database::with_session(const std::function<void(soci::session&)>& work) {
  waiting_.fetch_sub(1);
  in_use_.fetch_add(1);
  struct InUse {
    std::atomic<std::size_t>& count;
    ~InUse() { count.fetch_sub(1); }
  } in_use{in_use_};

  const std::size_t position = pool_.lease();
  struct Lease {
    soci::connection_pool& pool;
    std::size_t position;
    ~Lease() { pool.give_back(position); }
  } lease{pool_, position};
  soci::session& sql = pool_.at(position);

  if (broken_[position]) {
    try {
      forget_prepared(sql);
      sql.reconnect();
    } catch (const soci::soci_error&) {
      return Error::unavailable("the database is unreachable");
    }
    if (Status s = prepare_session(sql, position); !s) return s;
    log::info("database connection restored", {{"pool_position", position}});
  }

  try {
    take_events_appended();
    work(sql);
    if (take_events_appended() && events_hook_) events_hook_();
    return ok_status();
  } catch (const soci::soci_error& e) {
    if (connection_lost(sql)) {
      broken_[position] = true;
      log::warn("database connection lost", {{"pool_position", position}});
      return Error::unavailable("the database is unreachable");
    }
    // The message may quote row values, so only the SQLSTATE is logged.
    std::string sqlstate;
    if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) sqlstate = pg->sqlstate();
    log::error("database statement failed", {{"sqlstate", sqlstate}});
    return Error::internal("a database statement failed");
  }
}

}  // namespace rudi::store
