// The database pool: SOCI sessions used only from a bounded pool of database threads, never from the
// network threads. Coroutines await `run`, which hops to a database thread, leases a session, runs the
// work and resumes the coroutine on its own executor with the result.
#pragma once

#include <soci/connection-pool.h>
#include <soci/session.h>
#include <atomic>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"

namespace rudi::store {

struct DatabaseSettings {
  std::string url;                    // libpq connection string of the application's role
  std::size_t pool_size = 8;          // sessions and database threads
  std::size_t max_waiting = 256;      // queued work beyond this is refused as unavailable
  int connect_timeout_seconds = 5;    // so that an unreachable server fails fast
  int statement_timeout_ms = 30'000;  // no statement holds a session for ever
};

struct DatabasePoolStats {
  std::size_t size = 0;
  std::size_t in_use = 0;
  std::size_t waiting = 0;
};

class Database {
 public:
  // Opens every session of the pool; fails when the database cannot be reached.
  static Result<std::unique_ptr<Database>> open(const DatabaseSettings& settings);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs `work(soci::session&) -> Result<T>` on a database thread and resumes the caller with its
  // result. Refused with `unavailable` when too much work is already waiting.
  template <class T, class Work>
  boost::asio::awaitable<Result<T>> run(Work work) {
    return boost::asio::async_initiate<decltype(boost::asio::use_awaitable), void(Result<T>)>(
        [this, work = std::move(work)](auto handler) mutable {
          auto executor = boost::asio::get_associated_executor(handler);
          if (!admit()) {
            boost::asio::dispatch(executor, [handler = std::move(handler)]() mutable {
              std::move(handler)(Result<T>(Error::unavailable("the database is busy; try again shortly")));
            });
            return;
          }
          auto guard = boost::asio::make_work_guard(executor);
          boost::asio::post(threads_, [this, work = std::move(work), handler = std::move(handler),
                                       guard = std::move(guard)]() mutable {
            std::optional<Result<T>> out;
            Status status = with_session([&](soci::session& sql) { out.emplace(work(sql)); });
            Result<T> result = status ? std::move(*out) : Result<T>(status.error());
            auto executor = guard.get_executor();
            guard.reset();
            boost::asio::dispatch(executor,
                                  [handler = std::move(handler), result = std::move(result)]() mutable {
                                    std::move(handler)(std::move(result));
                                  });
          });
        },
        boost::asio::use_awaitable);
  }

  // The same, on the calling thread: for start-up checks and command-line tools.
  template <class T, class Work>
  Result<T> run_here(Work work) {
    waiting_.fetch_add(1);
    std::optional<Result<T>> out;
    Status status = with_session([&](soci::session& sql) { out.emplace(work(sql)); });
    return status ? std::move(*out) : Result<T>(status.error());
  }

  DatabasePoolStats stats() const;

  // Called on a database thread after work that appended events (and, normally, committed them): the
  // node's sequencer numbers them at once rather than at its next poll. Set before the pool is used.
  void on_events_appended(std::function<void()> hook) { events_hook_ = std::move(hook); }

  // Finishes queued work and joins the database threads.
  void close();

 private:
  explicit Database(const DatabaseSettings& settings);
  bool admit();
  // Leases a session (reconnecting it if it was lost), runs `work`, and turns database exceptions
  // into errors: `unavailable` when the connection is gone, `internal` otherwise.
  Status with_session(const std::function<void(soci::session&)>& work);
  Status prepare_session(soci::session& sql, std::size_t position);

  DatabaseSettings settings_;
  std::string connect_string_;
  soci::connection_pool pool_;
  std::vector<std::atomic<bool>> broken_;
  boost::asio::thread_pool threads_;
  std::atomic<std::size_t> in_use_{0};
  std::atomic<std::size_t> waiting_{0};
  std::once_flag closed_;
  std::function<void()> events_hook_;
};

}  // namespace rudi::store
