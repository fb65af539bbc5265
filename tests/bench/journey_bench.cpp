// Transitions per second over HTTP: `clients` workers, each on its own kept-alive connection and its
// own person, alternate hold and release (each a full transition: a locked read, the update, a journey
// step, an event and an audit row) for `seconds`, and the latencies of the accepted ones are reported.
//   journey_bench PORT TOKEN SECONDS PERSON_ID...   (as many person ids as clients)
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using Clock = std::chrono::steady_clock;

struct Tally {
  std::vector<double> latencies_ms;
  long failures = 0;
};

asio::awaitable<void> worker(unsigned short port, std::string token, std::int64_t person, Clock::time_point until,
                             Tally& tally) {
  beast::tcp_stream stream(co_await asio::this_coro::executor);
  co_await stream.async_connect({asio::ip::make_address("127.0.0.1"), port}, asio::use_awaitable);
  beast::flat_buffer buffer;
  bool hold = true;
  while (Clock::now() < until) {
    http::request<http::string_body> request{http::verb::post, "/api/v1/people/" + std::to_string(person) + "/transitions", 11};
    request.set(http::field::host, "127.0.0.1");
    request.set(http::field::authorization, "Bearer " + token);
    request.set(http::field::content_type, "application/json");
    request.body() = hold ? R"({"hold":true,"hold_reason":"hospitalised"})" : R"({"release":true})";
    request.prepare_payload();
    const auto started = Clock::now();
    stream.expires_after(std::chrono::seconds(30));
    co_await http::async_write(stream, request, asio::use_awaitable);
    http::response<http::string_body> response;
    co_await http::async_read(stream, buffer, response, asio::use_awaitable);
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    if (response.result_int() == 201) {
      tally.latencies_ms.push_back(ms);
    } else {
      ++tally.failures;  // e.g. a person left on hold by an earlier run: the other request fixes that
    }
    hold = !hold;
  }
}

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: journey_bench PORT TOKEN SECONDS PERSON_ID...\n");
    return 2;
  }
  const auto port = static_cast<unsigned short>(std::stoi(argv[1]));
  const std::string token = argv[2];
  const int seconds = std::stoi(argv[3]);
  std::vector<std::int64_t> people;
  for (int i = 4; i < argc; ++i) people.push_back(std::stoll(argv[i]));

  asio::io_context io;
  std::vector<Tally> tallies(people.size());
  const auto until = Clock::now() + std::chrono::seconds(seconds);
  const auto started = Clock::now();
  for (std::size_t i = 0; i < people.size(); ++i) {
    asio::co_spawn(io, worker(port, token, people[i], until, tallies[i]), asio::detached);
  }
  io.run();
  const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();

  std::vector<double> all;
  long failures = 0;
  for (const auto& t : tallies) {
    all.insert(all.end(), t.latencies_ms.begin(), t.latencies_ms.end());
    failures += t.failures;
  }
  std::sort(all.begin(), all.end());
  auto pct = [&](double p) { return all.empty() ? 0.0 : all[std::min(all.size() - 1, static_cast<std::size_t>(p * all.size()))]; };
  std::printf("%zu clients: %.0f transitions/s, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, %ld refused\n", people.size(),
              all.size() / elapsed, pct(0.50), pct(0.90), pct(0.99), failures);
  return 0;
}
