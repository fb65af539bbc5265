#include "support/http_client.hpp"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>

namespace rudi::test {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

namespace {
asio::ip::tcp::endpoint loopback(unsigned short port) {
  return {asio::ip::make_address("127.0.0.1"), port};
}
}  // namespace

HttpReply http_request(unsigned short port, const std::string& method, const std::string& target,
                       const std::string& body, const Headers& headers, std::chrono::milliseconds timeout) {
  asio::io_context io;
  auto future = asio::co_spawn(
      io,
      [&]() -> asio::awaitable<HttpReply> {
        beast::tcp_stream stream(co_await asio::this_coro::executor);
        stream.expires_after(timeout);
        co_await stream.async_connect(loopback(port), asio::use_awaitable);
        bhttp::request<bhttp::string_body> request;
        request.method_string(method);
        request.target(target);
        request.version(11);
        request.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port));
        for (const auto& [name, value] : headers) request.set(name, value);
        request.body() = body;
        if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")
          request.prepare_payload();
        co_await bhttp::async_write(stream, request, asio::use_awaitable);
        beast::flat_buffer buffer;
        bhttp::response_parser<bhttp::string_body> parser;
        parser.body_limit(64 * 1024 * 1024);
        if (method == "HEAD") parser.skip(true);
        co_await bhttp::async_read(stream, buffer, parser, asio::use_awaitable);
        auto& response = parser.get();
        HttpReply reply;
        reply.status = response.result_int();
        for (const auto& field : response) {
          std::string name(field.name_string());
          std::transform(name.begin(), name.end(), name.begin(),
                         [](unsigned char c) { return std::tolower(c); });
          reply.headers[name] = std::string(field.value());
        }
        reply.body = response.body();
        co_return reply;
      },
      asio::use_future);
  io.run();
  return future.get();
}

RawExchange raw_exchange(unsigned short port, const std::string& bytes, std::chrono::milliseconds timeout) {
  asio::io_context io;
  auto future = asio::co_spawn(
      io,
      [&]() -> asio::awaitable<RawExchange> {
        beast::tcp_stream stream(co_await asio::this_coro::executor);
        stream.expires_after(timeout);
        co_await stream.async_connect(loopback(port), asio::use_awaitable);
        RawExchange exchange;
        auto [write_ec, written] =
            co_await asio::async_write(stream, asio::buffer(bytes), asio::as_tuple(asio::use_awaitable));
        std::array<char, 4096> chunk;
        for (;;) {
          auto [ec, n] =
              co_await stream.async_read_some(asio::buffer(chunk), asio::as_tuple(asio::use_awaitable));
          exchange.received.append(chunk.data(), n);
          if (ec == asio::error::eof || ec == asio::error::connection_reset) {
            exchange.closed_by_server = true;
            break;
          }
          if (ec) break;
        }
        (void)write_ec;
        co_return exchange;
      },
      asio::use_future);
  io.run();
  return future.get();
}

unsigned status_of(const std::string& raw_response) {
  if (raw_response.rfind("HTTP/1.1 ", 0) != 0 || raw_response.size() < 12) return 0;
  return static_cast<unsigned>(std::stoi(raw_response.substr(9, 3)));
}

}  // namespace rudi::test
