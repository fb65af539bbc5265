#include "live/event_feed.hpp"

#include <libpq-fe.h>
#include <unistd.h>

#include <boost/asio/post.hpp>

#include "log/log.hpp"

namespace rudi::live {
namespace {
namespace asio = boost::asio;

const std::string& new_events_query() {
  static const std::string text =
      std::string("SELECT ") + store::kEventColumns + " FROM events WHERE seq > $1 ORDER BY seq LIMIT $2";
  return text;
}

// What one read found: the events after `after`, or that the connection is gone.
struct ReadResult {
  bool connection_lost = false;
  std::vector<FeedEvent> events;
};

// Runs on the feed's query thread, with the connection to itself.
ReadResult read_after(PGconn* conn, std::int64_t after, int limit) {
  ReadResult out;
  if (!PQconsumeInput(conn)) {
    out.connection_lost = true;
    return out;
  }
  while (PGnotify* n = PQnotifies(conn)) PQfreemem(n);  // a doorbell: what rang it is read from the table
  const std::string after_text = std::to_string(after), limit_text = std::to_string(limit);
  const char* params[2] = {after_text.c_str(), limit_text.c_str()};
  PGresult* r = PQexecParams(conn, new_events_query().c_str(), 2, nullptr, params, nullptr, nullptr, 0);
  if (PQresultStatus(r) != PGRES_TUPLES_OK) {
    if (PQstatus(conn) == CONNECTION_OK) {
      const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
      log::error("event feed query failed", {{"sqlstate", state ? state : ""}});
    }
    PQclear(r);
    out.connection_lost = true;  // either way, start again on a fresh connection
    return out;
  }
  const int columns = PQnfields(r);
  std::vector<std::optional<std::string>> row(static_cast<std::size_t>(columns));
  for (int i = 0; i < PQntuples(r); ++i) {
    for (int c = 0; c < columns; ++c)
      row[static_cast<std::size_t>(c)] =
          PQgetisnull(r, i, c) ? std::nullopt : std::optional<std::string>(PQgetvalue(r, i, c));
    out.events.push_back(store::event_from_row(row));
  }
  PQclear(r);
  return out;
}

}  // namespace

EventFeed::EventFeed(asio::any_io_executor executor, std::string database_url, Deliver deliver,
                     FeedSettings settings)
    : strand_(asio::make_strand(executor)),
      url_(std::move(database_url)),
      deliver_(std::move(deliver)),
      settings_(settings),
      timer_(strand_) {}

EventFeed::~EventFeed() {
  queries_.join();
  close_connection();
}

void EventFeed::start(std::int64_t after_seq) {
  asio::post(strand_, [self = shared_from_this(), after_seq] {
    self->last_seq_ = after_seq;
    self->connect();
  });
}

void EventFeed::stop() {
  asio::post(strand_, [self = shared_from_this()] {
    self->stopped_ = true;
    self->timer_.cancel();
    if (self->socket_) self->socket_->cancel();
  });
}

void EventFeed::connect() {
  if (stopped_) return;
  asio::post(queries_, [self = shared_from_this()]() mutable {
    PGconn* conn = PQconnectdb(self->url_.c_str());
    bool ok = PQstatus(conn) == CONNECTION_OK;
    if (ok) {
      PGresult* r = PQexec(conn, "LISTEN rudi_events");
      ok = PQresultStatus(r) == PGRES_COMMAND_OK;
      PQclear(r);
    }
    if (!ok) {
      PQfinish(conn);
      conn = nullptr;
    }
    auto& strand = self->strand_;
    asio::post(strand, [self = std::move(self), conn] {
      if (!conn) {
        self->lost();
        return;
      }
      self->conn_ = conn;
      // Asio watches a duplicate of libpq's socket, so that closing one never closes the other's.
      self->socket_ = std::make_unique<asio::posix::stream_descriptor>(self->strand_, ::dup(PQsocket(conn)));
      self->read();  // catch up on what was numbered while the feed was away
    });
  });
}

void EventFeed::arm() {
  if (stopped_ || !conn_) return;
  socket_->async_wait(asio::posix::stream_descriptor::wait_read,
                      [self = shared_from_this()](const boost::system::error_code& ec) {
                        if (!ec) self->read();
                      });
  timer_.expires_after(settings_.backstop);
  timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    if (!ec) self->read();
  });
}

void EventFeed::read() {
  if (reading_ || !conn_) return;
  if (stopped_) {
    close_connection();
    return;
  }
  reading_ = true;
  timer_.cancel();
  socket_->cancel();
  asio::post(queries_,
             [self = shared_from_this(), conn = conn_, after = last_seq_, limit = settings_.batch]() mutable {
               auto found = read_after(conn, after, limit);
               auto& strand = self->strand_;
               asio::post(strand, [self = std::move(self), found = std::move(found)]() mutable {
                 self->reading_ = false;
                 if (found.connection_lost) {
                   self->lost();
                   return;
                 }
                 const bool full = static_cast<int>(found.events.size()) == self->settings_.batch;
                 // What the sequencer offered while the query ran was delivered already.
                 std::erase_if(found.events, [&](const FeedEvent& e) { return e.seq <= self->last_seq_; });
                 if (!found.events.empty()) {
                   self->last_seq_ = found.events.back().seq;
                   self->last_delivery_ = std::chrono::steady_clock::now();
                   if (!self->stopped_) self->deliver_(std::move(found.events));
                 }
                 if (full)
                   self->read();
                 else
                   self->arm();
               });
             });
}

void EventFeed::offer(std::vector<FeedEvent> events) {
  asio::post(strand_, [self = shared_from_this(), events = std::move(events)]() mutable {
    if (self->stopped_ || events.empty() || events.front().seq != self->last_seq_ + 1) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - self->last_delivery_ < self->settings_.quiet) return;
    self->last_seq_ = events.back().seq;
    self->last_delivery_ = now;
    self->deliver_(std::move(events));
  });
}

void EventFeed::lost() {
  close_connection();
  if (stopped_) return;
  log::warn("event feed reconnecting", {{"after_seq", last_seq_}});
  timer_.expires_after(settings_.retry);
  timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    if (!ec) self->connect();
  });
}

void EventFeed::close_connection() {
  if (socket_) {
    boost::system::error_code ignored;
    socket_->close(ignored);
    socket_.reset();
  }
  if (conn_) {
    PQfinish(conn_);
    conn_ = nullptr;
  }
}

}  // namespace rudi::live
