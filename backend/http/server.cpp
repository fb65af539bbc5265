#include "http/server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/ssl.hpp>
#include <vector>

#include "http/connection.hpp"
#include "log/log.hpp"

namespace rudi::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::ip::tcp;

Server::Server(asio::io_context& io, ServerLimits limits, const Router& router, Metrics& metrics)
    : io_(io),
      limits_(limits),
      router_(router),
      metrics_(metrics),
      strand_(asio::make_strand(io)),
      acceptor_(strand_),
      drain_timer_(strand_) {}

Server::~Server() = default;

Result<tcp::endpoint> Server::listen(const tcp::endpoint& at) {
  boost::system::error_code ec;
  acceptor_.open(at.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(at, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Error::unavailable("cannot listen on " + at.address().to_string() + ":" +
                              std::to_string(at.port()) + ": " + ec.message());
  }
  return acceptor_.local_endpoint();
}

void Server::start() {
  asio::co_spawn(strand_, accept_loop(), asio::detached);
}

asio::awaitable<void> Server::accept_loop() {
  while (!shutting_down()) {
    auto [ec, socket] =
        co_await acceptor_.async_accept(asio::make_strand(io_), asio::as_tuple(asio::use_awaitable));
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) break;
    if (ec) {
      // Out of descriptors, most likely: wait a moment instead of spinning on the error.
      log::warn("accept failed", {{"error", ec.message()}});
      asio::steady_timer pause(strand_, std::chrono::milliseconds(50));
      co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
      continue;
    }
    if (open_connections() >= limits_.max_connections) {
      boost::system::error_code ignored;
      socket.close(ignored);
      log::warn("connection refused: at the connection limit", {{"limit", limits_.max_connections}});
      continue;
    }
    // Responses and live events are written whole: Nagle's algorithm would only hold each small write
    // back until the previous one is acknowledged (up to the peer's delayed-ACK time, 40 ms on Linux).
    boost::system::error_code ignored;
    socket.set_option(asio::ip::tcp::no_delay(true), ignored);
    if (tls_) {
      std::make_shared<TlsConnection>(beast::ssl_stream<beast::tcp_stream>(std::move(socket), *tls_), *this)
          ->start();
    } else {
      std::make_shared<PlainConnection>(beast::tcp_stream(std::move(socket)), *this)->start();
    }
  }
}

void Server::shutdown(std::function<void()> drained) {
  if (shutting_down_.exchange(true)) return;
  asio::post(strand_, [this, drained = std::move(drained)]() mutable {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    const auto open = connections_open_now();
    for (const auto& connection : open) connection->close_if_idle();
    log::info("shutting down", {{"open_connections", open.size()}});
    drain_timer_.expires_after(limits_.shutdown_grace);
    drain_timer_.async_wait([this, drained = std::move(drained)](const boost::system::error_code&) {
      const auto left = connections_open_now();
      if (!left.empty()) log::warn("shutdown grace period over", {{"open_connections", left.size()}});
      for (const auto& connection : left) connection->close_now();
      drained();
    });
    finish_drain_if_empty();
  });
}

std::vector<std::shared_ptr<ConnectionBase>> Server::connections_open_now() const {
  std::vector<std::shared_ptr<ConnectionBase>> open;
  std::lock_guard lock(connections_mutex_);
  for (const auto& [raw, weak] : connections_) {
    if (auto connection = weak.lock()) open.push_back(std::move(connection));
  }
  return open;
}

std::size_t Server::open_connections() const {
  std::lock_guard lock(connections_mutex_);
  return connections_.size();
}

void Server::register_connection(const std::shared_ptr<ConnectionBase>& connection) {
  std::lock_guard lock(connections_mutex_);
  connections_.emplace(connection.get(), connection);
}

void Server::unregister_connection(ConnectionBase* connection) {
  {
    std::lock_guard lock(connections_mutex_);
    connections_.erase(connection);
  }
  if (shutting_down()) asio::post(strand_, [this] { finish_drain_if_empty(); });
}

void Server::finish_drain_if_empty() {
  if (open_connections() == 0) drain_timer_.cancel();
}

}  // namespace rudi::http
