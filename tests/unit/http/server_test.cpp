// The HTTP server over real loopback sockets, with routes made for the test: bad input of every kind is
// answered or cut as documented, and the server keeps serving others meanwhile.
#include "http/server.hpp"

#include <gtest/gtest.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <future>
#include <regex>
#include <thread>

#include "http/responses.hpp"
#include "support/http_client.hpp"

namespace rudi::http {
namespace {
namespace asio = boost::asio;
using namespace std::chrono_literals;
using test::http_request;
using test::raw_exchange;
using test::status_of;

class ServerTest : public ::testing::Test {
 protected:
  void start(ServerLimits limits = test_limits()) {
    router_.get("/fast", [](RequestContext& c) -> asio::awaitable<Response> {
      co_return json_response(c.request, Status::ok, {{"ok", true}});
    });
    router_.add(
        Verb::post, "/echo",
        [](RequestContext& c) -> asio::awaitable<Response> {
          co_return json_response(c.request, Status::ok, *c.body);
        },
        RouteOptions(BodyKind::json));
    // A route that takes files: bodies up to the large-body limit.
    router_.add(
        Verb::post, "/upload",
        [](RequestContext& c) -> asio::awaitable<Response> {
          co_return json_response(c.request, Status::ok, {{"bytes", c.request.body().size()}});
        },
        RouteOptions(BodyKind::none, false, false, true));
    router_.get("/throws", [](RequestContext&) -> asio::awaitable<Response> {
      throw std::runtime_error("a bug");
      co_return Response{};
    });
    // Holds its request until the test opens the gate: a request in flight, for shutdown tests.
    router_.get("/gate", [this](RequestContext& c) -> asio::awaitable<Response> {
      gate_entered_.set_value();
      co_await gate_.async_wait(asio::as_tuple(asio::use_awaitable));
      co_return json_response(c.request, Status::ok, {{"gate", "passed"}});
    });
    server_ = std::make_unique<Server>(io_, limits, router_, metrics_);
    auto bound = server_->listen({asio::ip::make_address("127.0.0.1"), 0});
    ASSERT_TRUE(bound) << bound.error().detail;
    port_ = bound->port();
    server_->start();
    // One network thread: the test's timer and the server never race.
    thread_ = std::thread([this] { io_.run(); });
  }

  static ServerLimits test_limits() {
    ServerLimits limits;
    limits.header_limit = 2048;
    limits.body_limit = 1024;
    limits.large_body_limit = 8192;
    limits.read_timeout = 1s;
    limits.idle_timeout = 1s;
    limits.shutdown_grace = 10s;
    limits.max_connections = 64;
    return limits;
  }

  void open_gate() {
    asio::post(io_, [this] { gate_.cancel(); });
  }

  void TearDown() override {
    if (!server_) return;
    open_gate();
    server_->shutdown();
    thread_.join();
  }

  asio::io_context io_;
  asio::steady_timer gate_{io_, asio::steady_timer::time_point::max()};
  std::promise<void> gate_entered_;
  Router router_;
  Metrics metrics_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  unsigned short port_ = 0;
};

TEST_F(ServerTest, AnswersAKnownRoute) {
  start();
  auto reply = http_request(port_, "GET", "/fast");
  EXPECT_EQ(reply.status, 200u);
  EXPECT_EQ(reply.json()["ok"], true);
  EXPECT_EQ(reply.header("cache-control"), "no-store");
  EXPECT_TRUE(std::regex_match(reply.header("x-request-id"), std::regex("[0-9a-f]{32}")));
  EXPECT_NE(http_request(port_, "GET", "/fast").header("x-request-id"), reply.header("x-request-id"));
}

TEST_F(ServerTest, UnknownPathsGet404AsProblemJson) {
  start();
  auto reply = http_request(port_, "GET", "/nowhere?x=1");
  EXPECT_EQ(reply.status, 404u);
  EXPECT_EQ(reply.header("content-type"), "application/problem+json");
  EXPECT_EQ(reply.json()["type"], "urn:rudi:problem:not-found");
  EXPECT_EQ(reply.json()["status"], 404);
}

TEST_F(ServerTest, WrongMethodsGet405WithAllow) {
  start();
  auto reply = http_request(port_, "DELETE", "/echo");
  EXPECT_EQ(reply.status, 405u);
  EXPECT_EQ(reply.header("allow"), "POST");
  EXPECT_EQ(
      http_request(port_, "POST", "/fast", "{}", {{"Content-Type", "application/json"}}).header("allow"),
      "GET, HEAD");
}

TEST_F(ServerTest, HeadAnswersLikeGetWithoutABody) {
  start();
  auto reply = http_request(port_, "HEAD", "/fast");
  EXPECT_EQ(reply.status, 200u);
  EXPECT_EQ(reply.header("content-length"), "11");
  EXPECT_TRUE(reply.body.empty());
}

TEST_F(ServerTest, EchoesValidJson) {
  start();
  auto reply =
      http_request(port_, "POST", "/echo", R"({"name":"Wanjiru"})", {{"Content-Type", "application/json"}});
  EXPECT_EQ(reply.status, 200u);
  EXPECT_EQ(reply.json()["name"], "Wanjiru");
}

TEST_F(ServerTest, InvalidJsonGets400WithTheOffset) {
  start();
  auto reply = http_request(port_, "POST", "/echo", R"({"name": })", {{"Content-Type", "application/json"}});
  EXPECT_EQ(reply.status, 400u);
  EXPECT_EQ(reply.json()["type"], "urn:rudi:problem:invalid-json");
  EXPECT_EQ(reply.json()["offset"], 9);
}

TEST_F(ServerTest, InvalidUtf8Gets400) {
  start();
  auto reply =
      http_request(port_, "POST", "/echo", "{\"name\":\"\xc3\x28\"}", {{"Content-Type", "application/json"}});
  EXPECT_EQ(reply.status, 400u);
  EXPECT_EQ(reply.json()["type"], "urn:rudi:problem:invalid-json");
}

TEST_F(ServerTest, AWrongContentTypeGets415) {
  start();
  auto reply =
      http_request(port_, "POST", "/echo", "name=x", {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(reply.status, 415u);
  EXPECT_EQ(reply.json()["type"], "urn:rudi:problem:unsupported-media-type");
}

TEST_F(ServerTest, AHandlerThatThrowsGets500WithoutDetails) {
  start();
  auto reply = http_request(port_, "GET", "/throws");
  EXPECT_EQ(reply.status, 500u);
  EXPECT_EQ(reply.body.find("a bug"), std::string::npos);
  EXPECT_EQ(http_request(port_, "GET", "/fast").status, 200u);
}

TEST_F(ServerTest, AMalformedRequestLineGets400AndTheServerGoesOn) {
  start();
  auto exchange = raw_exchange(port_, "GET /fast HTTP/9\r\n\r\n");
  EXPECT_EQ(status_of(exchange.received), 400u);
  EXPECT_NE(exchange.received.find("malformed-request"), std::string::npos);
  EXPECT_TRUE(exchange.closed_by_server);
  auto garbage = raw_exchange(port_, std::string("\x01\x02\x03 / HTTP/1.1\r\n\r\n"));
  EXPECT_EQ(status_of(garbage.received), 400u);
  EXPECT_EQ(http_request(port_, "GET", "/fast").status, 200u);
}

TEST_F(ServerTest, AnOversizedHeaderGets431) {
  start();
  auto exchange = raw_exchange(
      port_, "GET /fast HTTP/1.1\r\nHost: x\r\nX-Padding: " + std::string(4096, 'a') + "\r\n\r\n");
  EXPECT_EQ(status_of(exchange.received), 431u);
  EXPECT_TRUE(exchange.closed_by_server);
  EXPECT_EQ(http_request(port_, "GET", "/fast").status, 200u);
}

TEST_F(ServerTest, AnOversizedBodyIsRefusedBeforeItIsRead) {
  start();
  // Only the headers are sent: the refusal must not wait for 4 KiB that never come.
  auto exchange = raw_exchange(
      port_,
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n");
  EXPECT_EQ(status_of(exchange.received), 413u);
  EXPECT_NE(exchange.received.find("payload-too-large"), std::string::npos);
  EXPECT_TRUE(exchange.closed_by_server);
}

TEST_F(ServerTest, AnOversizedChunkedBodyGets413) {
  start();
  std::string request =
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: "
      "chunked\r\n\r\n";
  for (int i = 0; i < 4; ++i) request += "200\r\n" + std::string(512, ' ') + "\r\n";
  request += "0\r\n\r\n";
  auto exchange = raw_exchange(port_, request);
  EXPECT_EQ(status_of(exchange.received), 413u);
}

TEST_F(ServerTest, ARouteThatTakesFilesHasTheLargeBodyLimitAndNoOtherRouteHasIt) {
  start();
  auto upload =
      http_request(port_, "POST", "/upload", std::string(4096, 'x'), {{"Content-Type", "text/csv"}});
  EXPECT_EQ(upload.status, 200u);
  EXPECT_EQ(upload.json()["bytes"], 4096);
  std::string chunked =
      "POST /upload HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 4; ++i) chunked += "200\r\n" + std::string(512, 'x') + "\r\n";
  chunked += "0\r\n\r\n";
  EXPECT_EQ(status_of(raw_exchange(port_, chunked).received), 200u);

  auto too_large = raw_exchange(port_, "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 9000\r\n\r\n");
  EXPECT_EQ(status_of(too_large.received), 413u);
  EXPECT_NE(too_large.received.find("\"limit\":8192"), std::string::npos);
  auto echo = raw_exchange(
      port_,
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n");
  EXPECT_EQ(status_of(echo.received), 413u);
  EXPECT_NE(echo.received.find("\"limit\":1024"), std::string::npos);
}

TEST_F(ServerTest, AClientThatTricklesBytesIsCutAtTheReadTimeoutWhileOthersAreServed) {
  start();
  // One byte every 200 ms, never finishing the request: the read deadline (1 s) is for the whole request,
  // not per byte, so the server must cut it although bytes keep coming.
  auto trickle = std::async(std::launch::async, [this] {
    asio::io_context io;
    auto done = asio::co_spawn(
        io,
        [this]() -> asio::awaitable<bool> {
          boost::beast::tcp_stream stream(co_await asio::this_coro::executor);
          stream.expires_after(20s);  // the client's own bound, far beyond the server's
          co_await stream.async_connect({asio::ip::make_address("127.0.0.1"), port_}, asio::use_awaitable);
          const std::string request = "GET /fast HTTP/1.1\r\nHost: x\r\nX-Slow: " + std::string(1000, 'z');
          asio::steady_timer pace(stream.get_executor());
          for (char c : request) {
            auto [ec, n] =
                co_await asio::async_write(stream, asio::buffer(&c, 1), asio::as_tuple(asio::use_awaitable));
            if (ec) co_return true;  // the server has closed the connection
            pace.expires_after(200ms);
            co_await pace.async_wait(asio::use_awaitable);
          }
          co_return false;
        },
        asio::use_future);
    io.run();
    return done.get();
  });
  // Meanwhile the server answers others at once.
  for (int i = 0; i < 5; ++i) EXPECT_EQ(http_request(port_, "GET", "/fast", "", {}, 2s).status, 200u);
  EXPECT_TRUE(trickle.get()) << "the trickling client was never cut off";
}

TEST_F(ServerTest, AnIdleKeptAliveConnectionIsClosed) {
  start();
  auto exchange = raw_exchange(port_, "GET /fast HTTP/1.1\r\nHost: x\r\n\r\n", 20s);
  EXPECT_EQ(status_of(exchange.received), 200u);
  EXPECT_TRUE(exchange.closed_by_server) << "the idle connection was not closed within the client's 20 s";
}

TEST_F(ServerTest, ConnectionsBeyondTheLimitAreClosed) {
  ServerLimits limits = test_limits();
  limits.max_connections = 1;
  limits.idle_timeout = 30s;
  start(limits);
  asio::io_context io;
  boost::beast::tcp_stream held(io);
  held.connect({asio::ip::make_address("127.0.0.1"), port_});
  // A request answered on the held connection proves the server has counted it.
  const std::string request = "GET /fast HTTP/1.1\r\nHost: x\r\n\r\n";
  asio::write(held, asio::buffer(request));
  std::array<char, 1024> buffer;
  const auto n = held.socket().read_some(asio::buffer(buffer));
  ASSERT_EQ(status_of(std::string(buffer.data(), n)), 200u);

  auto refused = raw_exchange(port_, request, 5s);
  EXPECT_TRUE(refused.received.empty());
  EXPECT_TRUE(refused.closed_by_server);
}

TEST_F(ServerTest, ShutdownFinishesRequestsInFlightAndRefusesTheRest) {
  start();
  // Two pipelined requests: the first is held in flight, the second waits behind it.
  auto exchange = std::async(std::launch::async, [this] {
    return raw_exchange(port_, "GET /gate HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\n\r\n",
                        20s);
  });
  ASSERT_EQ(gate_entered_.get_future().wait_for(10s), std::future_status::ready);

  std::promise<void> drained;
  server_->shutdown([&drained] { drained.set_value(); });
  open_gate();

  const auto received = exchange.get();
  EXPECT_EQ(status_of(received.received), 200u) << received.received;
  EXPECT_NE(received.received.find("\"gate\":\"passed\""), std::string::npos);
  const auto second = received.received.find("HTTP/1.1 ", 10);
  ASSERT_NE(second, std::string::npos) << received.received;
  EXPECT_EQ(status_of(received.received.substr(second)), 503u);
  EXPECT_NE(received.received.find("shutting-down"), std::string::npos);
  EXPECT_TRUE(received.closed_by_server);
  EXPECT_EQ(drained.get_future().wait_for(10s), std::future_status::ready);
}

TEST_F(ServerTest, MetricsCountRequestsByRoutePattern) {
  start();
  http_request(port_, "GET", "/fast");
  http_request(port_, "GET", "/nowhere/secret-name");
  const std::string text = metrics_.render();
  EXPECT_NE(text.find(R"(rudi_http_requests_total{method="GET",route="/fast",status="200"} 1)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(R"(route="unmatched",status="404")"), std::string::npos) << text;
  EXPECT_EQ(text.find("secret-name"), std::string::npos);
  EXPECT_NE(text.find("rudi_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(text.find("rudi_http_open_connections"), std::string::npos);
}

}  // namespace
}  // namespace rudi::http
