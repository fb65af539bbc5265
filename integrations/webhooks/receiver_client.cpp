#include "integrations/webhooks/receiver_client.hpp"

#include <openssl/ssl.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/version.hpp>

namespace rudi::webhooks {
namespace {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;
using namespace asio::experimental::awaitable_operators;

constexpr auto kAwait = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kAnswerLimit = 64 * 1024;

http::request<http::string_body> request_of(const WebhookUrl& url,
                                            const std::vector<std::pair<std::string, std::string>>& headers,
                                            std::string body) {
  http::request<http::string_body> req{http::verb::post, url.target, 11};
  const bool default_port = url.port == (url.tls ? "443" : "80");
  const std::string host = url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host;
  req.set(http::field::host, default_port ? host : host + ":" + url.port);
  req.set(http::field::user_agent, "Rudi-Webhooks/1");
  req.set(http::field::content_type, "application/json");
  req.set(http::field::connection, "close");
  for (const auto& [name, value] : headers) req.set(name, value);
  req.body() = std::move(body);
  req.prepare_payload();
  return req;
}

// Resolving has no timeout of its own: it races a timer.
asio::awaitable<std::pair<beast::error_code, tcp::resolver::results_type>> resolve(
    const WebhookUrl& url, std::chrono::milliseconds limit) {
  auto executor = co_await asio::this_coro::executor;
  tcp::resolver resolver(executor);
  asio::steady_timer timer(executor, limit);
  auto raced = co_await (resolver.async_resolve(url.host, url.port, kAwait) || timer.async_wait(kAwait));
  if (raced.index() == 1)
    co_return std::pair{beast::error_code(asio::error::timed_out), tcp::resolver::results_type{}};
  auto [ec, results] = std::get<0>(std::move(raced));
  co_return std::pair{ec, std::move(results)};
}

template <class Stream>
asio::awaitable<PostOutcome> exchange(Stream& stream, http::request<http::string_body>& req,
                                      std::chrono::milliseconds limit) {
  beast::get_lowest_layer(stream).expires_after(limit);
  auto [write_ec, written] = co_await http::async_write(stream, req, kAwait);
  if (write_ec) co_return PostOutcome{false, 0, "sending: " + write_ec.message()};
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(kAnswerLimit);
  parser.header_limit(16 * 1024);
  auto [read_ec, read] = co_await http::async_read(stream, buffer, parser, kAwait);
  if (read_ec == beast::error::timeout) co_return PostOutcome{false, 0, "no answer in time"};
  if (read_ec && !parser.is_header_done())
    co_return PostOutcome{false, 0, "reading the answer: " + read_ec.message()};
  const int status = static_cast<int>(parser.get().result_int());
  if (status >= 200 && status < 300) co_return PostOutcome{true, status, ""};
  co_return PostOutcome{false, status, "answered " + std::to_string(status)};
}

}  // namespace

asio::awaitable<PostOutcome> post_to_receiver(asio::ssl::context& tls, const WebhookUrl& url,
                                              std::vector<std::pair<std::string, std::string>> headers,
                                              std::string body, PostTimeouts timeouts) {
  auto executor = co_await asio::this_coro::executor;
  auto [resolve_ec, endpoints] = co_await resolve(url, timeouts.connect);
  if (resolve_ec) co_return PostOutcome{false, 0, "resolving the host: " + resolve_ec.message()};
  auto req = request_of(url, headers, std::move(body));

  if (!url.tls) {
    beast::tcp_stream stream(executor);
    stream.expires_after(timeouts.connect);
    auto [connect_ec, connected] = co_await stream.async_connect(endpoints, kAwait);
    if (connect_ec) co_return PostOutcome{false, 0, "connecting: " + connect_ec.message()};
    auto outcome = co_await exchange(stream, req, timeouts.response);
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    co_return outcome;
  }

  beast::ssl_stream<beast::tcp_stream> stream(executor, tls);
  if (!SSL_set_tlsext_host_name(stream.native_handle(), url.host.c_str()))
    co_return PostOutcome{false, 0, "cannot set the TLS server name"};
  stream.set_verify_mode(asio::ssl::verify_peer);
  stream.set_verify_callback(asio::ssl::host_name_verification(url.host));
  auto& tcp_layer = beast::get_lowest_layer(stream);
  tcp_layer.expires_after(timeouts.connect);
  auto [connect_ec, connected] = co_await tcp_layer.async_connect(endpoints, kAwait);
  if (connect_ec) co_return PostOutcome{false, 0, "connecting: " + connect_ec.message()};
  tcp_layer.expires_after(timeouts.response);
  auto [handshake_ec] = co_await stream.async_handshake(asio::ssl::stream_base::client, kAwait);
  if (handshake_ec) co_return PostOutcome{false, 0, "TLS handshake: " + handshake_ec.message()};
  auto outcome = co_await exchange(stream, req, timeouts.response);
  tcp_layer.expires_after(std::chrono::seconds(1));
  auto [shutdown_ec] = co_await stream.async_shutdown(kAwait);  // a receiver that ends rudely is no failure
  (void)shutdown_ec;
  co_return outcome;
}

}  // namespace rudi::webhooks
