#include "http/connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl.hpp>

#include "http/access_log.hpp"
#include "http/live_endpoint.hpp"
#include "http/live_socket.hpp"
#include "http/request_id.hpp"
#include "http/responses.hpp"
#include "http/server.hpp"
#include "log/log.hpp"

namespace rudi::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kReadChunk = 4096;

// Errors that only mean the peer went away or we closed: not failures worth a log line.
bool expected_end(const beast::error_code& ec) {
  return ec == asio::error::eof || ec == beast_http::error::end_of_stream ||
         ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
         ec == beast::error::timeout || ec == asio::error::broken_pipe || ec == asio::error::not_connected;
}

bool is_parse_error(const beast::error_code& ec) {
  return ec.category() == beast_http::make_error_code(beast_http::error::bad_method).category();
}

// Methods are labels in metrics; a client-chosen method must not create new series.
std::string_view method_label(Verb verb) {
  if (verb == Verb::unknown) return "OTHER";
  const auto name = beast_http::to_string(verb);
  return {name.data(), name.size()};
}

double milliseconds_since(std::chrono::steady_clock::time_point started) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}

}  // namespace

template <class Stream>
Connection<Stream>::Connection(Stream stream, Server& server)
    : stream_(std::move(stream)), buffer_(server.limits().header_limit + kReadChunk * 16), server_(server) {
  server_.metrics().connection_opened();
}

template <class Stream>
Connection<Stream>::~Connection() {
  server_.metrics().connection_closed();
  server_.unregister_connection(this);
}

template <class Stream>
void Connection<Stream>::start() {
  server_.register_connection(this->shared_from_this());
  asio::co_spawn(stream_.get_executor(), run(this->shared_from_this()), [](std::exception_ptr failure) {
    if (!failure) return;
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      log::error("connection failed", {{"error", e.what()}});
    }
  });
}

template <class Stream>
void Connection<Stream>::close_if_idle() {
  asio::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
    if (self->idle_) self->lowest().cancel();
  });
}

template <class Stream>
void Connection<Stream>::close_now() {
  asio::dispatch(stream_.get_executor(), [self = this->shared_from_this()] { self->lowest().close(); });
}

template <class Stream>
asio::awaitable<void> Connection<Stream>::run(std::shared_ptr<Connection> self) {
  const ServerLimits& limits = self->server_.limits();
  if constexpr (kTls) {
    self->lowest().expires_after(limits.read_timeout);
    auto [ec, used] = co_await self->stream_.async_handshake(boost::asio::ssl::stream_base::server,
                                                             self->buffer_.data(), kTuple);
    if (ec) co_return;  // not TLS, or a client that gave up: nothing to answer
    self->buffer_.consume(used);
  }
  bool first = true;
  for (;;) {
    self->idle_ = true;
    // A request already received (pipelined) is still answered, with 503 when shutting down.
    if (self->server_.shutting_down() && self->buffer_.size() == 0) break;
    if (self->buffer_.size() == 0) {
      // The first byte of a request must come within the idle time (or the read time, for the first
      // request of a connection); the whole request then within the read time.
      self->lowest().expires_after(first ? limits.read_timeout : limits.idle_timeout);
      auto [ec, n] = co_await self->stream_.async_read_some(self->buffer_.prepare(kReadChunk), kTuple);
      if (ec) break;
      self->buffer_.commit(n);
    }
    first = false;
    self->idle_ = false;
    if (!co_await self->serve_one()) break;
  }
  if (!self->handed_over_) co_await self->end_stream();
}

template <class Stream>
asio::awaitable<void> Connection<Stream>::end_stream() {
  if constexpr (kTls) {
    lowest().expires_after(std::chrono::seconds(1));
    co_await stream_.async_shutdown(kTuple);
  } else {
    beast::error_code ignored;
    lowest().socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  }
}

template <class Stream>
asio::awaitable<bool> Connection<Stream>::serve_one() {
  const ServerLimits& limits = server_.limits();
  beast_http::request_parser<beast_http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(limits.header_limit));
  // The route is known only once the header is read: until then, the larger of the two limits.
  parser.body_limit(std::max(limits.body_limit, limits.large_body_limit));

  lowest().expires_after(limits.read_timeout);
  auto [header_ec, header_bytes] = co_await beast_http::async_read_header(stream_, buffer_, parser, kTuple);
  const auto started = std::chrono::steady_clock::now();
  const std::string request_id = new_request_id();
  // A declared Content-Length over the limit is caught with the header, before any body is read.
  if (header_ec == beast_http::error::body_limit) {
    co_return co_await refuse(payload_too_large_problem(std::max(limits.body_limit, limits.large_body_limit)),
                              request_id, started);
  }
  if (header_ec == beast_http::error::header_limit) {
    co_return co_await refuse(header_too_large_problem(limits.header_limit), request_id, started);
  }
  if (header_ec && is_parse_error(header_ec)) {
    co_return co_await refuse(
        malformed_request_problem("the request could not be parsed: " + header_ec.message()), request_id,
        started);
  }
  if (header_ec) co_return false;  // timed out or gone: nobody to answer

  if (server_.shutting_down()) co_return co_await refuse(shutting_down_problem(), request_id, started);
  const std::size_t body_limit =
      server_.router().takes_large_body(parser.get().method(), parser.get().target())
          ? limits.large_body_limit
          : limits.body_limit;
  if (auto length = parser.content_length(); length && *length > body_limit) {
    co_return co_await refuse(payload_too_large_problem(body_limit), request_id, started);
  }
  if (!parser.is_done()) {
    parser.body_limit(body_limit);
    auto [body_ec, body_bytes] = co_await beast_http::async_read(stream_, buffer_, parser, kTuple);
    if (body_ec == beast_http::error::body_limit) {
      co_return co_await refuse(payload_too_large_problem(body_limit), request_id, started);
    }
    if (body_ec && is_parse_error(body_ec)) {
      co_return co_await refuse(malformed_request_problem("the body could not be read: " + body_ec.message()),
                                request_id, started);
    }
    if (body_ec) co_return false;
  }

  Request request = parser.release();
  if (server_.live() && is_live_upgrade(request)) co_return co_await upgrade(request, request_id, started);
  std::string route;
  beast::error_code peer_ec;
  const auto peer = lowest().socket().remote_endpoint(peer_ec);
  const std::string peer_address = peer_ec ? std::string() : peer.address().to_string();
  Response response = co_await server_.router().dispatch(request, request_id, peer_address, route);
  // While shutting down, a connection stays open only to answer requests it has already received.
  const bool keep_alive = request.keep_alive() && !(server_.shutting_down() && buffer_.size() == 0);
  co_return co_await send(response, keep_alive, request_id, method_label(request.method()), route, started);
}

template <class Stream>
asio::awaitable<bool> Connection<Stream>::send(Response& response, bool keep_alive,
                                               const std::string& request_id, std::string_view method,
                                               std::string_view route,
                                               std::chrono::steady_clock::time_point started) {
  response.set("X-Request-Id", request_id);
  response.keep_alive(keep_alive);
  // Counted before the write, so that a client that has read the response also sees it in /metrics.
  const double elapsed_ms = milliseconds_since(started);
  const unsigned status = static_cast<unsigned>(response.result_int());
  server_.metrics().observe_request(route, method, status, elapsed_ms / 1000.0);
  log_request(request_id, method, route, status, elapsed_ms);
  lowest().expires_after(server_.limits().write_timeout);
  auto [ec, written] = co_await beast_http::async_write(stream_, response, kTuple);
  if (ec) {
    if (!expected_end(ec))
      log::warn("response not sent", {{"request_id", request_id}, {"error", ec.message()}});
    co_return false;
  }
  co_return keep_alive;
}

template <class Stream>
asio::awaitable<bool> Connection<Stream>::upgrade(Request& request, const std::string& request_id,
                                                  std::chrono::steady_clock::time_point started) {
  auto admitted = co_await server_.live()->admit(request);
  if (auto* refusal = std::get_if<Response>(&admitted)) {
    co_return co_await send(*refusal, false, request_id, "GET", kLivePath, started);
  }
  const double elapsed_ms = milliseconds_since(started);
  server_.metrics().observe_request(kLivePath, "GET", 101, elapsed_ms / 1000.0);
  log_request(request_id, "GET", kLivePath, 101, elapsed_ms);
  lowest().expires_never();  // the websocket keeps its own time
  auto socket = std::make_shared<LiveSocket<Stream>>(std::move(stream_), *server_.live(), server_,
                                                     std::move(std::get<Caller>(admitted)), request);
  socket->start(std::move(request));
  handed_over_ = true;
  co_return false;
}

template <class Stream>
asio::awaitable<bool> Connection<Stream>::refuse(const Problem& problem, const std::string& request_id,
                                                 std::chrono::steady_clock::time_point started) {
  Response response = problem_response(11, problem);
  co_await send(response, false, request_id, "OTHER", "unmatched", started);
  co_await linger_close();
  co_return false;
}

template <class Stream>
asio::awaitable<void> Connection<Stream>::linger_close() {
  if constexpr (kTls) {
    co_await end_stream();
    lowest().close();
    co_return;
  }
  beast::error_code ignored;
  lowest().socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  lowest().expires_after(std::chrono::seconds(1));
  std::array<char, kReadChunk> scratch;
  std::size_t discarded = 0;
  while (discarded < 4 * 1024 * 1024) {
    auto [ec, n] = co_await stream_.async_read_some(asio::buffer(scratch), kTuple);
    if (ec) break;
    discarded += n;
  }
  lowest().close();
}

template class Connection<beast::tcp_stream>;
template class Connection<beast::ssl_stream<beast::tcp_stream>>;

}  // namespace rudi::http
