// One HTTP/1.1 connection: reads requests within the server's limits, routes them and writes the
// responses, one at a time, on the connection's own strand.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "http/problem.hpp"
#include "http/types.hpp"

namespace rudi::http {

class Server;

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(boost::asio::ip::tcp::socket socket, Server& server);
  ~Connection();

  void start();
  // Ends the connection if it is waiting for a request; one in the middle of a request finishes it.
  void close_if_idle();
  // Ends the connection whatever it is doing (the shutdown grace period is over).
  void close_now();

 private:
  static boost::asio::awaitable<void> run(std::shared_ptr<Connection> self);
  // Serves one request; false when the connection is to close afterwards.
  boost::asio::awaitable<bool> serve_one();
  boost::asio::awaitable<bool> send(Response& response, bool keep_alive, const std::string& request_id,
                                    std::string_view method, std::string_view route,
                                    std::chrono::steady_clock::time_point started);
  // Answers a request that could not be read whole, then closes.
  boost::asio::awaitable<bool> refuse(const Problem& problem, const std::string& request_id,
                                      std::chrono::steady_clock::time_point started);
  // Reads and discards what the client still sends, briefly and boundedly, so that closing does not
  // reset the connection before the client has read our answer.
  boost::asio::awaitable<void> linger_close();

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  Server& server_;
  bool idle_ = true;
};

}  // namespace rudi::http
