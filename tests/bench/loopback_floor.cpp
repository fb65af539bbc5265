// The machine's floor for the live benchmark: what fanning a message out to N local TCP connections costs
// with nothing else in the way — no websocket framing, no JSON, no database, no access checks, no library:
// one thread sends a fixed 300-byte message to every connection with send(2), another receives them with
// epoll and recv(2), as the load client and a server would on the same machine. Whatever a websocket
// server does on top of this, it cannot deliver faster, nor at less CPU a message, than this does here.
//   loopback_floor [--connections N] [--rate R] [--seconds S]
// Prints one line of figures and a JSON line; asserts nothing.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr std::size_t kMessageBytes = 300;  // about the size of a transition's event as a dashboard gets it

std::int64_t now_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

double thread_cpu_s() {
  rusage usage{};
  getrusage(RUSAGE_THREAD, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string(what) + ": " + std::strerror(errno));
}

struct Options {
  int connections = 1000;
  int rate = 200;
  int seconds = 10;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const int value = std::atoi(argv[i + 1]);
    if (flag == "--connections")
      o.connections = value;
    else if (flag == "--rate")
      o.rate = value;
    else if (flag == "--seconds")
      o.seconds = value;
    else
      throw std::runtime_error("unknown option " + flag);
  }
  if (o.connections < 1 || o.rate < 1 || o.seconds < 1) throw std::runtime_error("counts must be positive");
  return o;
}

double percentile(std::vector<std::int64_t>& values, double p) {
  if (values.empty()) return 0;
  const auto k = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
  return static_cast<double>(values[k]) / 1000.0;
}

}  // namespace

int main(int argc, char** argv) try {
  const Options o = parse(argc, argv);
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  check(listener >= 0, "socket");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  check(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0, "bind");
  check(listen(listener, 4096) == 0, "listen");
  socklen_t length = sizeof address;
  check(getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) == 0, "getsockname");

  // Both ends of every connection, in this process: the receiving ends for the client thread.
  std::vector<int> sending, receiving;
  const int one = 1;
  for (int i = 0; i < o.connections; ++i) {
    const int c = socket(AF_INET, SOCK_STREAM, 0);
    check(c >= 0, "socket");
    check(connect(c, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0, "connect");
    const int s = accept(listener, nullptr, nullptr);
    check(s >= 0, "accept");
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    fcntl(c, F_SETFL, fcntl(c, F_GETFL) | O_NONBLOCK);
    sending.push_back(s);
    receiving.push_back(c);
  }

  const long messages = static_cast<long>(o.rate) * o.seconds;
  const long expected = messages * o.connections;
  std::atomic<long> received{0};
  std::atomic<bool> done{false};
  std::vector<std::int64_t> latencies;
  latencies.reserve(static_cast<std::size_t>(expected));
  double client_cpu = 0;

  // The client: epoll over every receiving end; each message carries the time it was sent.
  std::thread client([&] {
    const int poll = epoll_create1(0);
    for (int i = 0; i < o.connections; ++i) {
      epoll_event e{};
      e.events = EPOLLIN;
      e.data.u32 = static_cast<std::uint32_t>(i);
      epoll_ctl(poll, EPOLL_CTL_ADD, receiving[static_cast<std::size_t>(i)], &e);
    }
    std::vector<std::size_t> partial(static_cast<std::size_t>(o.connections), 0);
    std::vector<std::array<char, kMessageBytes>> pending(static_cast<std::size_t>(o.connections));
    std::vector<epoll_event> ready(256);
    char buffer[16384];
    const double started = thread_cpu_s();
    while (!done.load(std::memory_order_relaxed)) {
      const int n = epoll_wait(poll, ready.data(), static_cast<int>(ready.size()), 100);
      for (int r = 0; r < n; ++r) {
        const auto i = ready[static_cast<std::size_t>(r)].data.u32;
        const ssize_t got = recv(receiving[i], buffer, sizeof buffer, 0);
        if (got <= 0) continue;
        const std::int64_t at = now_us();
        // Whole messages only: a message split across reads is put together first.
        for (ssize_t offset = 0; offset < got;) {
          const std::size_t take =
              std::min<std::size_t>(kMessageBytes - partial[i], static_cast<std::size_t>(got - offset));
          std::memcpy(pending[i].data() + partial[i], buffer + offset, take);
          partial[i] += take;
          offset += static_cast<ssize_t>(take);
          if (partial[i] < kMessageBytes) break;
          partial[i] = 0;
          std::int64_t sent = 0;
          std::memcpy(&sent, pending[i].data(), sizeof sent);
          latencies.push_back(at - sent);
          if (received.fetch_add(1, std::memory_order_relaxed) + 1 == expected) done = true;
        }
      }
    }
    client_cpu = thread_cpu_s() - started;
    close(poll);
  });

  // The sender: a message to every connection at the rate, its send time in its first bytes.
  std::array<char, kMessageBytes> message{};
  std::memset(message.data(), 'x', message.size());
  const double server_started = thread_cpu_s();
  const auto start = std::chrono::steady_clock::now();
  for (long m = 0; m < messages; ++m) {
    std::this_thread::sleep_until(start + std::chrono::microseconds(1'000'000L * m / o.rate));
    const std::int64_t sent = now_us();
    std::memcpy(message.data(), &sent, sizeof sent);
    for (const int s : sending) {
      if (send(s, message.data(), message.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(message.size()))
        throw std::runtime_error("a send fell short: the receiver is behind");
    }
  }
  const double server_cpu = thread_cpu_s() - server_started;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!done && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  done = true;
  client.join();
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const long got = received.load();
  const double p50 = percentile(latencies, 0.5), p99 = percentile(latencies, 0.99);
  std::printf(
      "loopback floor, %d connections at %d/s for %d s: %ld of %ld messages in %.1f s; latency p50 %.2f ms, "
      "p99 %.2f ms; CPU a message: sender %.2f µs, receiver %.2f µs\n",
      o.connections, o.rate, o.seconds, got, expected, elapsed, p50, p99,
      server_cpu * 1e6 / static_cast<double>(std::max(got, 1L)),
      client_cpu * 1e6 / static_cast<double>(std::max(got, 1L)));
  std::printf(
      "{\"connections\":%d,\"rate\":%d,\"received\":%ld,\"expected\":%ld,\"p50_ms\":%.3f,\"p99_ms\":%.3f,"
      "\"sender_cpu_us_per_message\":%.2f,\"receiver_cpu_us_per_message\":%.2f}\n",
      o.connections, o.rate, got, expected, p50, p99,
      server_cpu * 1e6 / static_cast<double>(std::max(got, 1L)),
      client_cpu * 1e6 / static_cast<double>(std::max(got, 1L)));
  for (const int s : sending) close(s);
  for (const int c : receiving) close(c);
  close(listener);
  return got == expected ? 0 : 1;
} catch (const std::exception& e) {
  std::fprintf(stderr, "loopback_floor: %s\n", e.what());
  return 2;
}
