// One HTTP/1.1 connection: reads requests within the server's limits, routes them and writes the
// responses, one at a time, on the connection's own strand.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <type_traits>

#include "http/problem.hpp"
#include "http/types.hpp"

namespace rudi::http {

class Server;

// What the server needs of every connection, plain or TLS, to shut down gracefully.
class ConnectionBase {
 public:
  virtual ~ConnectionBase() = default;
  virtual void close_if_idle() = 0;
  virtual void close_now() = 0;
};

template <class Stream>
class Connection : public ConnectionBase, public std::enable_shared_from_this<Connection<Stream>> {
 public:
  Connection(Stream stream, Server& server);
  ~Connection() override;

  void start();
  // Ends the connection if it is waiting for a request; one in the middle of a request finishes it.
  void close_if_idle() override;
  // Ends the connection whatever it is doing (the shutdown grace period is over).
  void close_now() override;

 private:
  static constexpr bool kTls = !std::is_same_v<Stream, boost::beast::tcp_stream>;
  static boost::asio::awaitable<void> run(std::shared_ptr<Connection> self);
  boost::beast::tcp_stream& lowest() { return boost::beast::get_lowest_layer(stream_); }
  // Ends the TLS session (close_notify), within a bound, or half-closes the TCP connection.
  boost::asio::awaitable<void> end_stream();
  // Serves one request; false when the connection is to close afterwards.
  boost::asio::awaitable<bool> serve_one();
  boost::asio::awaitable<bool> send(Response& response, bool keep_alive, const std::string& request_id,
                                    std::string_view method, std::string_view route,
                                    std::chrono::steady_clock::time_point started);
  // Hands the connection to a live websocket, or answers why not.
  boost::asio::awaitable<bool> upgrade(Request& request, const std::string& request_id,
                                       std::chrono::steady_clock::time_point started);
  // Answers a request that could not be read whole, then closes.
  boost::asio::awaitable<bool> refuse(const Problem& problem, const std::string& request_id,
                                      std::chrono::steady_clock::time_point started);
  // Reads and discards what the client still sends, briefly and boundedly, so that closing does not
  // reset the connection before the client has read our answer.
  boost::asio::awaitable<void> linger_close();

  Stream stream_;
  boost::beast::flat_buffer buffer_;
  Server& server_;
  bool idle_ = true;
  bool handed_over_ = false;  // the stream now belongs to a live websocket
};

using PlainConnection = Connection<boost::beast::tcp_stream>;
using TlsConnection = Connection<boost::beast::ssl_stream<boost::beast::tcp_stream>>;

}  // namespace rudi::http
