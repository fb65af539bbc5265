// The listener: accepts connections, each on its own strand, knows which are open, and runs the
// graceful shutdown (stop accepting, answer new requests with 503, let requests in flight finish
// within a bounded time, then report that it has drained).
#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "domain/result.hpp"
#include "http/limits.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

namespace rudi::http {

class ConnectionBase;
class LiveEndpoint;

class Server {
 public:
  Server(boost::asio::io_context& io, ServerLimits limits, const Router& router, Metrics& metrics);
  ~Server();

  // Binds and listens; returns the bound endpoint (port 0 picks a free one).
  Result<boost::asio::ip::tcp::endpoint> listen(const boost::asio::ip::tcp::endpoint& at);
  void start();

  // Stops accepting and lets requests in flight finish; when every connection has closed, or the grace
  // period has passed and the rest are closed by force, calls `drained` once. The io_context then runs
  // out of work by itself. Safe to call from any thread, and more than once (later calls do nothing).
  void shutdown(std::function<void()> drained = [] {});

  bool shutting_down() const { return shutting_down_.load(); }
  const ServerLimits& limits() const { return limits_; }
  const Router& router() const { return router_; }
  Metrics& metrics() { return metrics_; }
  std::size_t open_connections() const;

  // Called by connections as they open and close.
  void register_connection(const std::shared_ptr<ConnectionBase>& connection);
  void unregister_connection(ConnectionBase* connection);

  // Upgrades GET /api/v1/live to the live websocket through this endpoint.
  void use_live(LiveEndpoint* live) { live_ = live; }
  LiveEndpoint* live() const { return live_; }

  // Serve HTTPS with this context (certificate and key loaded) instead of plain HTTP.
  void use_tls(std::shared_ptr<boost::asio::ssl::context> context) { tls_ = std::move(context); }

 private:
  boost::asio::awaitable<void> accept_loop();
  void finish_drain_if_empty();
  std::vector<std::shared_ptr<ConnectionBase>> connections_open_now() const;

  boost::asio::io_context& io_;
  ServerLimits limits_;
  const Router& router_;
  Metrics& metrics_;
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer drain_timer_;
  std::atomic<bool> shutting_down_{false};
  mutable std::mutex connections_mutex_;
  std::unordered_map<ConnectionBase*, std::weak_ptr<ConnectionBase>> connections_;
  std::shared_ptr<boost::asio::ssl::context> tls_;
  LiveEndpoint* live_ = nullptr;
};

}  // namespace rudi::http
