// Load client of the live websocket hub (`ops/bench live`, tests/bench/live_bench.sh). It opens N websocket
// connections, subscribes each to one topic, and then either times one change reaching all of them or
// counts and times the events of a stream of changes. It works against Rudi (`rudi serve`) and against the
// Node `ws` baseline (tests/bench/ws_baseline/server.js), which speak the same frames.
//
//   live_load --port P[,P2...] --bearer TOKEN --topic cohort:7 [flags]
//
// Connections
//   --host ADDR             server address, an IP (default 127.0.0.1)
//   --port P[,P2...]        server port(s); connection i goes to port i mod count (two nodes: 500 on each)
//   --path PATH             upgrade target (default /api/v1/live)
//   --bearer TOKEN          sent as `Authorization: Bearer TOKEN` at the upgrade (no Origin header is sent)
//   --topic TOPIC           the topic every connection subscribes to (default cohort:1)
//   --connections N         connections to hold (default 1)
//   --batch B               handshakes in flight at once while opening, so that the accept backlog copes
//                           (default 200)
//   --open-timeout S        seconds to open all of them (default 120); one connection's connect, upgrade
//                           and `subscribed` must come within 30 s
//   --threads T             threads running the client's io_context (default 1)
//
// Changes (without either flag the client only opens, reports and closes)
//   --writer transitions    each change a transition of a person over HTTP: POST
//                           /api/v1/people/{id}/transitions with the bearer token, hold and release in turn
//                           (the person's state is read first); needs --people (default)
//   --writer publish        each change a POST of {"topic":...,"data":...} to --publish-path (the baseline)
//   --people ID[,ID...]     the people the transitions move; each writer connection moves its own ones
//   --publish-path PATH     (default /publish)
//   --write-port P          port the changes are posted to (default the first --port)
//   --write-rate R          changes per second, paced by a timer...
//   --write-seconds S       ...for S seconds; then the counts and latencies of the events received
//   --writers K             kept-alive HTTP connections the changes go over (default 16, at most one per
//                           person with --writer transitions)
//   --drain-timeout S       after the last change, seconds to wait for every connection to have every event
//                           (default 15)
//   --broadcast-once        instead of a stream: one change, and the time until every connection has it
//   --broadcast-timeout S   bound of that wait (default 30)
//
// Reporting
//   --server-pid PID[,...]  server processes whose resident memory (VmRSS) is read before opening, when
//                           all are held and at the end, and whose CPU time (user + system) is read over the
//                           changes and the wait for their events (each summed over the pids)
//   --label TEXT            names the run in the output
//
// Latency of an event = the client's monotonic clock (steady_clock, µs) at receipt − the event's
// `sent_at_mono_us` (the baseline's time of receipt of the POST on the same machine's monotonic clock) if
// present; else the client's wall clock (system_clock, µs) − its `sent_at_us` (µs since the epoch) or its
// `committed_at` (ISO-8601 UTC, e.g. 2026-11-23T15:40:01.123456Z: the commit of the change in Rudi, by
// PostgreSQL's wall clock, which is this machine's). The baseline's `sent_at_us` is Node's start-up wall
// clock advanced by its monotonic one, and drifts from the system's as that is adjusted (seen: −3.7 ms).
// Expected events per connection = successful changes (each transition is one event on its cohort's topic).
// Lost = expected − distinct events received; duplicates = an event number received again; out of order = a
// new number lower than one already received.
//
// Output: human-readable lines, then one line of JSON (the only line that starts with `{`). Exit status 0
// when every connection was opened (and, with --broadcast-once, every held one got the change), 1
// otherwise, 2 on bad usage.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using Clock = std::chrono::steady_clock;
using tcp = asio::ip::tcp;

namespace {

// ---------------------------------------------------------------------------------------------------------
// Options

struct Options {
  std::string host = "127.0.0.1";
  std::vector<unsigned short> ports;
  std::string path = "/api/v1/live";
  std::string bearer;
  std::string topic = "cohort:1";
  int connections = 1;
  int batch = 200;
  double open_timeout_s = 120;
  int threads = 1;
  std::string writer = "transitions";
  std::vector<std::int64_t> people;
  std::string publish_path = "/publish";
  std::optional<unsigned short> write_port;
  double write_rate = 0;
  double write_seconds = 0;
  int writers = 16;
  double drain_timeout_s = 15;
  bool broadcast_once = false;
  double broadcast_timeout_s = 30;
  std::vector<int> server_pids;
  std::string label;
};

[[noreturn]] void usage(const std::string& why) {
  std::fprintf(stderr, "live_load: %s\n(the flags are described at the top of tests/bench/live_load.cpp)\n",
               why.c_str());
  std::exit(2);
}

template <class T>
T number(std::string_view text, const char* flag) {
  T value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) usage(std::string("not a number for ") + flag);
  return value;
}

template <class T>
std::vector<T> numbers(std::string_view text, const char* flag) {
  std::vector<T> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    out.push_back(number<T>(text.substr(0, comma), flag));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (flag == "--broadcast-once") {
      o.broadcast_once = true;
      continue;
    }
    if (flag == "--help" || flag == "-h")
      usage("usage: live_load --port P --bearer TOKEN --topic TOPIC [flags]");
    if (i + 1 >= argc) usage(std::string("no value for ") + argv[i]);
    const std::string_view value = argv[++i];
    const char* f = argv[i - 1];
    if (flag == "--host")
      o.host = value;
    else if (flag == "--port")
      o.ports = numbers<unsigned short>(value, f);
    else if (flag == "--path")
      o.path = value;
    else if (flag == "--bearer")
      o.bearer = value;
    else if (flag == "--topic")
      o.topic = value;
    else if (flag == "--connections")
      o.connections = number<int>(value, f);
    else if (flag == "--batch")
      o.batch = number<int>(value, f);
    else if (flag == "--open-timeout")
      o.open_timeout_s = number<double>(value, f);
    else if (flag == "--threads")
      o.threads = number<int>(value, f);
    else if (flag == "--writer")
      o.writer = value;
    else if (flag == "--people")
      o.people = numbers<std::int64_t>(value, f);
    else if (flag == "--publish-path")
      o.publish_path = value;
    else if (flag == "--write-port")
      o.write_port = number<unsigned short>(value, f);
    else if (flag == "--write-rate")
      o.write_rate = number<double>(value, f);
    else if (flag == "--write-seconds")
      o.write_seconds = number<double>(value, f);
    else if (flag == "--writers")
      o.writers = number<int>(value, f);
    else if (flag == "--drain-timeout")
      o.drain_timeout_s = number<double>(value, f);
    else if (flag == "--broadcast-timeout")
      o.broadcast_timeout_s = number<double>(value, f);
    else if (flag == "--server-pid")
      o.server_pids = numbers<int>(value, f);
    else if (flag == "--label")
      o.label = value;
    else
      usage(std::string("unknown flag ") + argv[i - 1]);
  }
  if (o.ports.empty()) usage("--port is required");
  if (o.connections < 1 || o.batch < 1 || o.threads < 1 || o.writers < 1) usage("counts must be positive");
  if (o.writer != "transitions" && o.writer != "publish") usage("--writer is transitions or publish");
  const bool writes = o.broadcast_once || o.write_rate > 0;
  if (writes && o.writer == "transitions" && o.people.empty()) usage("--writer transitions needs --people");
  if (o.write_rate > 0 && o.write_seconds <= 0) usage("--write-rate needs --write-seconds");
  if (o.writer == "transitions") o.writers = std::min<int>(o.writers, static_cast<int>(o.people.size()));
  if (!o.write_port) o.write_port = o.ports.front();
  return o;
}

// ---------------------------------------------------------------------------------------------------------
// Small helpers

std::int64_t wall_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// VmRSS of a process in kB, 0 if it cannot be read.
long rss_kb(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return 0;
}

long rss_total_kb(const std::vector<int>& pids) {
  long total = 0;
  for (int pid : pids) total += rss_kb(pid);
  return total;
}

// User + system CPU seconds of a process (/proc/PID/stat, fields 14 and 15), 0 if it cannot be read.
double cpu_seconds(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(stat, line);
  const auto name_end = line.rfind(')');  // the command's name may hold spaces; the fields follow it
  if (name_end == std::string::npos) return 0;
  std::istringstream fields(line.substr(name_end + 1));
  std::string skipped;
  for (int field = 3; field <= 13; ++field) fields >> skipped;
  long user = 0, system = 0;
  fields >> user >> system;
  return static_cast<double>(user + system) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double cpu_total_seconds(const std::vector<int>& pids) {
  double total = 0;
  for (int pid : pids) total += cpu_seconds(pid);
  return total;
}

double own_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Digits at text[at, at + n) as a number, or -1.
int digits(std::string_view text, std::size_t at, std::size_t n) {
  if (at + n > text.size()) return -1;
  int value = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// "2026-11-23T15:40:01.123456Z" (any number of fraction digits; Z or ±hh:mm) as µs since the epoch.
std::optional<std::int64_t> parse_iso8601_us(std::string_view t) {
  const int year = digits(t, 0, 4), month = digits(t, 5, 2), day = digits(t, 8, 2);
  const int hour = digits(t, 11, 2), minute = digits(t, 14, 2), second = digits(t, 17, 2);
  if (year < 0 || month < 1 || day < 1 || hour < 0 || minute < 0 || second < 0) return std::nullopt;
  if (t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != ' ') || t[13] != ':' || t[16] != ':')
    return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{year},
                                         std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) return std::nullopt;
  std::int64_t us =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::sys_days{date}.time_since_epoch())
          .count();
  us += ((hour * 60LL + minute) * 60LL + second) * 1'000'000LL;
  std::size_t i = 19;
  if (i < t.size() && t[i] == '.') {
    std::int64_t scale = 100'000;
    for (++i; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i) {
      us += (t[i] - '0') * scale;
      scale /= 10;
    }
  }
  if (i < t.size() && t[i] == 'Z') return us;
  if (i + 6 == t.size() && (t[i] == '+' || t[i] == '-') && t[i + 3] == ':') {
    const int oh = digits(t, i + 1, 2), om = digits(t, i + 4, 2);
    if (oh < 0 || om < 0) return std::nullopt;
    const std::int64_t offset = (oh * 60LL + om) * 60'000'000LL;
    return t[i] == '+' ? us - offset : us + offset;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------------------
// The few top-level fields of a server frame, read without building a JSON tree: the client must keep up
// with hundreds of thousands of frames a second on one core.

struct Frame {
  std::string_view op;
  std::optional<std::int64_t> seq;
  std::optional<std::int64_t> sent_at_us;
  std::optional<std::int64_t> sent_at_mono_us;  // the monotonic clock's, which this client reads too
  std::string_view committed_at;
  std::string_view message;
};

class Scanner {
 public:
  explicit Scanner(std::string_view text) : t_(text) {}

  bool frame(Frame& f) {
    space();
    if (!eat('{')) return false;
    space();
    if (eat('}')) return true;
    for (;;) {
      space();
      std::string_view key;
      if (!string(key)) return false;
      space();
      if (!eat(':')) return false;
      space();
      const std::size_t start = i_;
      if (!value()) return false;
      const std::string_view raw = t_.substr(start, i_ - start);
      if (key == "op")
        f.op = unquote(raw);
      else if (key == "seq")
        f.seq = integer(raw);
      else if (key == "sent_at_us")
        f.sent_at_us = integer(raw);
      else if (key == "sent_at_mono_us")
        f.sent_at_mono_us = integer(raw);
      else if (key == "committed_at")
        f.committed_at = unquote(raw);
      else if (key == "message")
        f.message = unquote(raw);
      space();
      if (eat(',')) continue;
      return eat('}');
    }
  }

 private:
  void space() {
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\n' || t_[i_] == '\r' || t_[i_] == '\t')) ++i_;
  }
  bool eat(char c) {
    if (i_ < t_.size() && t_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  // A string's contents, escapes left as they are (the fields read here have none).
  bool string(std::string_view& out) {
    if (!eat('"')) return false;
    const std::size_t start = i_;
    while (i_ < t_.size() && t_[i_] != '"') i_ += t_[i_] == '\\' ? 2 : 1;
    if (i_ >= t_.size()) return false;
    out = t_.substr(start, i_ - start);
    ++i_;
    return true;
  }
  bool value() {
    if (i_ >= t_.size()) return false;
    if (t_[i_] == '"') {
      std::string_view ignored;
      return string(ignored);
    }
    if (t_[i_] == '{' || t_[i_] == '[') {
      int depth = 0;
      while (i_ < t_.size()) {
        const char c = t_[i_];
        if (c == '"') {
          std::string_view ignored;
          if (!string(ignored)) return false;
          continue;
        }
        ++i_;
        if (c == '{' || c == '[')
          ++depth;
        else if ((c == '}' || c == ']') && --depth == 0)
          return true;
      }
      return false;
    }
    while (i_ < t_.size() && t_[i_] != ',' && t_[i_] != '}' && t_[i_] != ' ' && t_[i_] != '\n') ++i_;
    return true;
  }
  static std::string_view unquote(std::string_view raw) {
    if (raw.size() >= 2 && raw.front() == '"') return raw.substr(1, raw.size() - 2);
    return {};
  }
  static std::optional<std::int64_t> integer(std::string_view raw) {
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
    if (ec != std::errc()) return std::nullopt;
    (void)end;  // a fraction after the integer part (a float µs) is dropped
    return v;
  }

  std::string_view t_;
  std::size_t i_ = 0;
};

// ---------------------------------------------------------------------------------------------------------
// State shared by the coroutines. Each connection's own record is written only by its reader; the
// controller polls the atomics and reads the rest once the io_context has stopped.

struct Connection {
  enum State { not_open, open, lost };
  std::atomic<int> state{not_open};
  std::atomic<long> events{0};               // event frames received, duplicates included
  std::atomic<std::int64_t> first_event{0};  // steady-clock µs of the first event, 0 before it
  std::vector<std::int64_t> seqs;            // in order of receipt
  std::vector<std::int64_t> latencies_us;
  long untimed = 0;  // events with neither sent_at_us nor a readable committed_at
};

struct Shared {
  const Options& o;
  asio::io_context& io;
  std::vector<Connection> connections;
  std::atomic<int> next_to_open{0};
  std::atomic<int> opened{0}, open_failed{0}, closed{0};
  std::atomic<long> resets{0}, errors{0}, other_frames{0};
  std::atomic<long> writes_ok{0}, writes_failed{0}, writers_done{0};
  double server_cpu_s = 0, client_cpu_s = 0;  // over the changes and the wait for their events
  std::mutex notes_mutex;
  std::vector<std::string> notes;             // the first few distinct failures, for the report
  std::vector<std::vector<double>> write_ms;  // per writer: the HTTP time of each successful change

  Shared(const Options& options, asio::io_context& context)
      : o(options),
        io(context),
        connections(static_cast<std::size_t>(options.connections)),
        write_ms(static_cast<std::size_t>(options.writers)) {}

  void note(const std::string& what) {
    std::lock_guard lock(notes_mutex);
    if (notes.size() < 8 && std::find(notes.begin(), notes.end(), what) == notes.end()) notes.push_back(what);
  }
};

std::int64_t steady_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now().time_since_epoch()).count();
}

asio::awaitable<void> sleep_for(std::chrono::milliseconds d) {
  asio::steady_timer timer(co_await asio::this_coro::executor, d);
  co_await timer.async_wait(asio::use_awaitable);
}

// ---------------------------------------------------------------------------------------------------------
// The websocket connections

// A socket on the io_context's own executor type (no type-erased executor copied for each operation), and
// a completion handler a frame once open (no coroutine resumed a frame): the client shares the machine
// with the servers it measures, and should take as little of it as it can.
using Socket = asio::basic_stream_socket<tcp, asio::io_context::executor_type>;
using Ws = websocket::stream<Socket>;

struct Link {
  Ws ws;
  beast::flat_buffer buffer;
  asio::steady_timer opening;  // bounds the opening: the socket is closed when it fires
  explicit Link(asio::io_context& io) : ws(io.get_executor()), opening(io) {}
};

// An event's latency at receipt by the clock its stamp allows (see the top of the file), if it has one.
std::optional<std::int64_t> latency_us(const Frame& f) {
  if (f.sent_at_mono_us) return steady_us() - *f.sent_at_mono_us;
  if (f.sent_at_us) return wall_us() - *f.sent_at_us;
  if (!f.committed_at.empty())
    if (const auto at = parse_iso8601_us(f.committed_at)) return wall_us() - *at;
  return std::nullopt;
}

void on_frame(Shared& s, Connection& c, std::string_view text) {
  Frame f;
  Scanner scanner(text);
  if (!scanner.frame(f)) {
    s.other_frames.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  if (f.op == "event") {
    if (c.first_event.load(std::memory_order_relaxed) == 0)
      c.first_event.store(steady_us(), std::memory_order_relaxed);
    c.seqs.push_back(f.seq.value_or(-1));
    if (const auto latency = latency_us(f))
      c.latencies_us.push_back(*latency);
    else
      ++c.untimed;
    c.events.fetch_add(1, std::memory_order_release);
  } else if (f.op == "reset") {
    s.resets.fetch_add(1, std::memory_order_relaxed);
    s.note("reset: " + std::string(text.substr(0, 200)));
  } else if (f.op == "error") {
    s.errors.fetch_add(1, std::memory_order_relaxed);
    s.note("error frame: " + std::string(text.substr(0, 200)));
  } else if (f.op != "pong" && f.op != "subscribed") {
    s.other_frames.fetch_add(1, std::memory_order_relaxed);
  }
}

void connection_lost(Shared& s, Connection& c, Link& link, const beast::error_code& ec) {
  c.state.store(Connection::lost);
  s.closed.fetch_add(1);
  if (ec == websocket::error::closed)
    s.note("closed by the server: code " + std::to_string(link.ws.reason().code) + " " +
           std::string(link.ws.reason().reason.c_str()));
  else
    s.note("connection lost: " + ec.message());
}

void read_events(Shared& s, std::shared_ptr<Link> link, std::size_t index) {
  Link& l = *link;
  l.ws.async_read(l.buffer, [&s, link = std::move(link), index](beast::error_code ec, std::size_t n) mutable {
    Connection& c = s.connections[index];
    if (ec) {
      connection_lost(s, c, *link, ec);
      return;
    }
    on_frame(s, c, std::string_view(static_cast<const char*>(link->buffer.cdata().data()), n));
    link->buffer.consume(n);
    read_events(s, std::move(link), index);
  });
}

// Connect, upgrade, subscribe and wait for `subscribed`, all within 30 s; then hands the link to a reader.
asio::awaitable<void> open_one(Shared& s, std::size_t index) {
  const Options& o = s.o;
  const unsigned short port = o.ports[index % o.ports.size()];
  auto link = std::make_shared<Link>(s.io);
  link->opening.expires_after(std::chrono::seconds(30));
  link->opening.async_wait([link](const boost::system::error_code& ec) {
    boost::system::error_code ignored;
    if (!ec) link->ws.next_layer().close(ignored);
  });
  co_await link->ws.next_layer().async_connect(tcp::endpoint(asio::ip::make_address(o.host), port),
                                               asio::use_awaitable);
  link->ws.next_layer().set_option(tcp::no_delay(true));
  const std::string authorization = "Bearer " + o.bearer;
  link->ws.set_option(websocket::stream_base::decorator([authorization](websocket::request_type& request) {
    request.set(http::field::user_agent, "rudi-live-load");
    if (authorization.size() > 7) request.set(http::field::authorization, authorization);
  }));
  link->ws.read_message_max(1 << 20);
  websocket::response_type response;
  try {
    co_await link->ws.async_handshake(response, o.host + ":" + std::to_string(port), o.path,
                                      asio::use_awaitable);
  } catch (const boost::system::system_error& e) {
    throw std::runtime_error("upgrade refused: HTTP " + std::to_string(response.result_int()) + " " +
                             e.code().message());
  }
  link->ws.text(true);
  const std::string subscribe = R"({"op":"subscribe","topics":[")" + o.topic + R"("]})";
  co_await link->ws.async_write(asio::buffer(subscribe), asio::use_awaitable);
  for (;;) {
    const std::size_t n = co_await link->ws.async_read(link->buffer, asio::use_awaitable);
    const std::string_view text(static_cast<const char*>(link->buffer.cdata().data()), n);
    Frame f;
    Scanner scanner(text);
    const bool ok = scanner.frame(f);
    if (ok && f.op == "subscribed") {
      link->buffer.consume(n);
      break;
    }
    if (ok && (f.op == "error" || f.op == "reset"))
      throw std::runtime_error("subscribe refused: " + std::string(text.substr(0, 200)));
    if (ok && f.op == "event") on_frame(s, s.connections[index], text);  // a replay, should one come
    link->buffer.consume(n);
  }
  link->opening.cancel();  // from here on the server's pings and the controller's deadlines bound the waits
  s.connections[index].state.store(Connection::open);
  read_events(s, std::move(link), index);
}

// One of --batch openers: takes the next connection to open until none is left.
asio::awaitable<void> opener(Shared& s) {
  for (;;) {
    const int index = s.next_to_open.fetch_add(1);
    if (index >= s.o.connections) co_return;
    try {
      co_await open_one(s, static_cast<std::size_t>(index));
      s.opened.fetch_add(1);
    } catch (const std::exception& e) {
      s.open_failed.fetch_add(1);
      s.note(std::string("open failed: ") + e.what());
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// The changes: HTTP POSTs over kept-alive connections

class HttpClient {
 public:
  HttpClient(const asio::any_io_executor& executor, const Options& o) : stream_(executor), o_(o) {}

  // Opens the connection ahead of the first request, so that its time is not the request's.
  asio::awaitable<void> connect() {
    try {
      co_await open();
    } catch (const boost::system::system_error& e) {
      last_error_ = e.code().message();
      close();
    }
  }

  // The response's status, 0 if the request could not be sent or answered (the connection is then
  // reopened at the next request). Throws nothing.
  asio::awaitable<int> request(http::verb verb, const std::string& target, const std::string& body,
                               std::string* response_body) {
    try {
      co_await open();
      http::request<http::string_body> req{verb, target, 11};
      req.set(http::field::host, o_.host);
      if (!o_.bearer.empty()) req.set(http::field::authorization, "Bearer " + o_.bearer);
      if (verb == http::verb::post) {
        req.set(http::field::content_type, "application/json");
        req.body() = body;
      }
      req.prepare_payload();
      stream_.expires_after(std::chrono::seconds(10));
      co_await http::async_write(stream_, req, asio::use_awaitable);
      http::response<http::string_body> res;
      co_await http::async_read(stream_, buffer_, res, asio::use_awaitable);
      if (!res.keep_alive()) close();
      if (response_body) *response_body = std::move(res.body());
      co_return res.result_int();
    } catch (const boost::system::system_error& e) {
      last_error_ = e.code().message();
      close();
      co_return 0;
    }
  }

  const std::string& last_error() const { return last_error_; }

 private:
  asio::awaitable<void> open() {
    if (connected_) co_return;
    stream_.expires_after(std::chrono::seconds(10));
    co_await stream_.async_connect(tcp::endpoint(asio::ip::make_address(o_.host), *o_.write_port),
                                   asio::use_awaitable);
    stream_.socket().set_option(tcp::no_delay(true));
    connected_ = true;
  }

  void close() {
    boost::system::error_code ignored;
    stream_.socket().close(ignored);
    buffer_.clear();
    connected_ = false;
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  const Options& o_;
  bool connected_ = false;
  std::string last_error_;
};

// Moves the writer's people in turn, each between held and released; or publishes to the baseline.
class Changer {
 public:
  Changer(const asio::any_io_executor& executor, Shared& s, std::vector<std::int64_t> people)
      : http_(executor, s.o), s_(s), people_(std::move(people)), held_(people_.size(), false) {}

  // Reads whether each person is on hold, so that the first change of each is one that can succeed.
  asio::awaitable<void> prepare() {
    co_await http_.connect();
    for (std::size_t i = 0; i < people_.size(); ++i) {
      std::string body;
      const int status =
          co_await http_.request(http::verb::get, "/api/v1/people/" + std::to_string(people_[i]), "", &body);
      if (status != 200)
        s_.note("reading person " + std::to_string(people_[i]) + ": HTTP " + std::to_string(status));
      held_[i] = body.find("\"on_hold\":true") != std::string::npos;
    }
  }

  // One change; true if the server accepted it.
  asio::awaitable<bool> change() {
    int status = 0;
    int expected = 200;
    if (s_.o.writer == "publish") {
      const std::string body =
          R"({"topic":")" + s_.o.topic + R"(","data":{"n":)" + std::to_string(count_++) + "}}";
      status = co_await http_.request(http::verb::post, s_.o.publish_path, body, nullptr);
    } else {
      expected = 201;
      const std::size_t i = next_++ % people_.size();
      const std::string body = held_[i] ? R"({"release":true,"reason":"bench"})"
                                        : R"({"hold":true,"hold_reason":"hospitalised","reason":"bench"})";
      status = co_await http_.request(
          http::verb::post, "/api/v1/people/" + std::to_string(people_[i]) + "/transitions", body, nullptr);
      held_[i] = !held_[i];  // a refusal (a person moved by someone else) puts the next request right
    }
    if (status == expected) co_return true;
    s_.note(status == 0 ? "change failed: " + http_.last_error()
                        : "change refused: HTTP " + std::to_string(status));
    co_return false;
  }

 private:
  HttpClient http_;
  Shared& s_;
  std::vector<std::int64_t> people_;
  std::vector<bool> held_;
  std::size_t next_ = 0;
  long count_ = 0;
};

// Writer w of K: its k-th change is due at start + (w + k·K) / rate, until start + seconds; a late one is
// sent at once, and none after start + seconds.
asio::awaitable<void> writer(Shared& s, int w, Clock::time_point start) {
  const Options& o = s.o;
  std::vector<std::int64_t> mine;
  for (std::size_t i = static_cast<std::size_t>(w); i < o.people.size();
       i += static_cast<std::size_t>(o.writers))
    mine.push_back(o.people[i]);
  Changer changer(co_await asio::this_coro::executor, s, std::move(mine));
  co_await changer.prepare();
  asio::steady_timer timer(co_await asio::this_coro::executor);
  const auto end =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.write_seconds));
  for (long k = 0;; ++k) {
    const auto due = start + std::chrono::duration_cast<Clock::duration>(
                                 std::chrono::duration<double>((w + k * o.writers) / o.write_rate));
    if (due >= end) break;
    timer.expires_at(due);
    co_await timer.async_wait(asio::use_awaitable);
    const auto sent = Clock::now();
    if (sent >= end) break;  // a server that cannot keep up gets fewer changes, not a longer run
    if (co_await changer.change()) {
      s.writes_ok.fetch_add(1);
      s.write_ms[static_cast<std::size_t>(w)].push_back(
          std::chrono::duration<double, std::milli>(Clock::now() - sent).count());
    } else {
      s.writes_failed.fetch_add(1);
    }
  }
  s.writers_done.fetch_add(1);
}

// ---------------------------------------------------------------------------------------------------------
// Report

double percentile(const std::vector<std::int64_t>& sorted_us, double p) {
  if (sorted_us.empty()) return 0;
  const auto i =
      std::min(sorted_us.size() - 1, static_cast<std::size_t>(p * static_cast<double>(sorted_us.size())));
  return static_cast<double>(sorted_us[i]) / 1000.0;
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
      continue;
    }
    out += c;
  }
  return out + "\"";
}

struct Report {
  std::string json;  // the fields so far, without braces
  void add(const char* key, const std::string& raw) {
    if (!json.empty()) json += ',';
    json += std::string("\"") + key + "\":" + raw;
  }
  void add(const char* key, long v) { add(key, std::to_string(v)); }
  void add(const char* key, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    add(key, std::string(buf));
  }
};

// ---------------------------------------------------------------------------------------------------------
// The run

struct Outcome {
  int status = 0;
};

// Waits, checking every 20 ms, until `done()` or the deadline; true if done.
// (`done` by reference: g++ 12 mishandles lambdas passed by value to coroutines.)
template <class Done>
asio::awaitable<bool> wait_until(const Done& done, Clock::time_point deadline) {
  for (;;) {
    if (done()) co_return true;
    if (Clock::now() >= deadline) co_return false;
    co_await sleep_for(std::chrono::milliseconds(20));
  }
}

asio::awaitable<void> run(Shared& s, Report& report, Outcome& outcome) {
  const Options& o = s.o;
  const auto executor = co_await asio::this_coro::executor;
  const long rss_before = rss_total_kb(o.server_pids);

  // Open.
  const auto open_started = Clock::now();
  for (int i = 0; i < std::min(o.batch, o.connections); ++i)
    asio::co_spawn(executor, opener(s), asio::detached);
  co_await wait_until([&] { return s.opened.load() + s.open_failed.load() >= o.connections; },
                      open_started + std::chrono::duration_cast<Clock::duration>(
                                         std::chrono::duration<double>(o.open_timeout_s)));
  const double open_s = seconds_since(open_started);
  const int held = s.opened.load();
  const long rss_held = rss_total_kb(o.server_pids);
  std::printf("%s%d of %d connections held (%d failed) after %.2f s of opening (%.0f a second)\n",
              o.label.empty() ? "" : (o.label + ": ").c_str(), held, o.connections, s.open_failed.load(),
              open_s, held / open_s);
  if (!o.server_pids.empty())
    std::printf("server resident memory: %.1f MiB before, %.1f MiB with them held (%.1f KiB a connection)\n",
                rss_before / 1024.0, rss_held / 1024.0,
                held ? static_cast<double>(rss_held - rss_before) / held : 0.0);
  report.add("label", json_string(o.label));
  report.add("connections", static_cast<long>(o.connections));
  report.add("held", static_cast<long>(held));
  report.add("open_failed", static_cast<long>(s.open_failed.load()));
  report.add("open_s", open_s);
  report.add("rss_before_kb", rss_before);
  report.add("rss_held_kb", rss_held);
  if (held < o.connections) outcome.status = 1;

  if (held > 0 && o.broadcast_once) {
    // One change; the time until every held connection has an event.
    Changer changer(
        executor, s,
        o.people.empty() ? std::vector<std::int64_t>{} : std::vector<std::int64_t>{o.people.front()});
    co_await changer.prepare();
    const std::int64_t sent = steady_us();
    const bool accepted = co_await changer.change();
    const std::int64_t answered = steady_us();
    auto got = [&] {
      long n = 0;
      for (const auto& c : s.connections) n += c.first_event.load(std::memory_order_relaxed) != 0;
      return n;
    };
    bool all = false;
    if (accepted)
      all = co_await wait_until([&] { return got() >= held - s.closed.load(); },
                                Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                                   std::chrono::duration<double>(o.broadcast_timeout_s)));
    std::vector<std::int64_t> after;  // µs from sending the change to each connection's receipt
    for (const auto& c : s.connections)
      if (const auto t = c.first_event.load(); t != 0) after.push_back(t - sent);
    std::sort(after.begin(), after.end());
    const double last_ms = after.empty() ? 0 : static_cast<double>(after.back()) / 1000.0;
    std::printf(
        "one change (%s, answered in %.1f ms) reached %zu of %d held connections; the last %.1f ms after it "
        "was sent (half of them within %.1f ms)%s\n",
        accepted ? "accepted" : "REFUSED", static_cast<double>(answered - sent) / 1000.0, after.size(), held,
        last_ms, percentile(after, 0.5), all ? "" : " -- NOT ALL");
    report.add("broadcast_accepted", std::string(accepted ? "true" : "false"));
    report.add("broadcast_got", static_cast<long>(after.size()));
    report.add("broadcast_p50_ms", percentile(after, 0.5));
    report.add("broadcast_last_ms", last_ms);
    if (!accepted || !all) outcome.status = 1;
  } else if (held > 0 && o.write_rate > 0) {
    // A stream of changes; then every connection should have every event.
    const auto start = Clock::now() + std::chrono::milliseconds(200);
    const double server_cpu_before = cpu_total_seconds(o.server_pids);
    const double own_cpu_before = own_cpu_seconds();
    for (int w = 0; w < o.writers; ++w) asio::co_spawn(executor, writer(s, w, start), asio::detached);
    co_await wait_until([&] { return s.writers_done.load() >= o.writers; },
                        start + std::chrono::duration_cast<Clock::duration>(
                                    std::chrono::duration<double>(o.write_seconds + 30)));
    const double write_s = seconds_since(start);
    const long expected_each = s.writes_ok.load();
    // Every open connection should now get every event; the ones lost on the way are not waited for.
    const auto drain_started = Clock::now();
    const bool complete = co_await wait_until(
        [&] {
          for (const auto& c : s.connections)
            if (c.state.load() == Connection::open &&
                c.events.load(std::memory_order_acquire) < expected_each)
              return false;
          return true;
        },
        drain_started +
            std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.drain_timeout_s)));
    const double drain_s = seconds_since(drain_started);
    s.server_cpu_s = cpu_total_seconds(o.server_pids) - server_cpu_before;
    s.client_cpu_s = own_cpu_seconds() - own_cpu_before;
    std::printf(
        "changes offered at %.0f a second for %.0f s, %.0f a second accepted; every connection still open "
        "had every event %s %.2f s after the last\n",
        o.write_rate, o.write_seconds, static_cast<double>(expected_each) / o.write_seconds,
        complete ? "within" : "NOT within", drain_s);
    report.add("writes", expected_each);
    report.add("write_failures", s.writes_failed.load());
    report.add("write_s", write_s);
    report.add("write_rate", static_cast<double>(expected_each) / o.write_seconds);
    report.add("drain_s", drain_s);
    report.add("drained", std::string(complete ? "true" : "false"));
  }
  report.add("rss_end_kb", rss_total_kb(o.server_pids));
  s.io.stop();
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse_options(argc, argv);

  // As many descriptors as the hard limit allows: 10,000 connections need 10,000 of them.
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < static_cast<rlim_t>(o.connections) + 64)
    std::fprintf(stderr, "live_load: warning: %llu descriptors allowed for %d connections\n",
                 static_cast<unsigned long long>(limit.rlim_cur), o.connections);

  asio::io_context io(o.threads);
  Shared s(o, io);
  Report report;
  Outcome outcome;
  asio::co_spawn(io, run(s, report, outcome), [](std::exception_ptr e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      std::fprintf(stderr, "live_load: %s\n", ex.what());
      std::exit(1);
    }
  });
  std::vector<std::thread> threads;
  for (int i = 1; i < o.threads; ++i) threads.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& t : threads) t.join();
  // Everything is quiet now: the readers' records can be read without locks.

  if (o.write_rate > 0 && !o.broadcast_once && s.opened.load() > 0) {
    const long expected_each = s.writes_ok.load();
    const long held = s.opened.load();
    long received = 0, lost = 0, extra = 0, duplicates = 0, out_of_order = 0, untimed = 0,
         short_connections = 0;
    std::size_t samples = 0;
    for (const auto& c : s.connections) samples += c.latencies_us.size();
    std::vector<std::int64_t> latencies;
    latencies.reserve(samples);
    std::unordered_set<std::int64_t> seen;
    std::unordered_map<std::int64_t, std::int64_t> first_receipt;  // seq -> the least latency, µs
    for (const auto& c : s.connections) {
      if (c.state.load() == Connection::not_open) continue;
      seen.clear();
      std::int64_t highest = -1;
      for (const std::int64_t seq : c.seqs) {
        ++received;
        if (!seen.insert(seq).second) {
          ++duplicates;
          continue;
        }
        if (seq < highest) ++out_of_order;
        highest = std::max(highest, seq);
      }
      const long distinct = static_cast<long>(seen.size());
      if (distinct < expected_each) {
        lost += expected_each - distinct;
        ++short_connections;
      } else {
        extra += distinct - expected_each;  // e.g. a change whose answer timed out but which was committed
      }
      untimed += c.untimed;
      latencies.insert(latencies.end(), c.latencies_us.begin(), c.latencies_us.end());
      // Every event timed: its latencies line up with its sequence numbers.
      if (c.untimed == 0 && c.latencies_us.size() == c.seqs.size()) {
        for (std::size_t i = 0; i < c.seqs.size(); ++i) {
          auto [it, added] = first_receipt.try_emplace(c.seqs[i], c.latencies_us[i]);
          if (!added) it->second = std::min(it->second, c.latencies_us[i]);
        }
      }
    }
    // Each event's latency to the first dashboard that got it: the path before the fan-out (the database,
    // the sequencer, the feed) and the first write; the rest of the spread is the fan-out itself.
    std::vector<std::int64_t> firsts;
    firsts.reserve(first_receipt.size());
    for (const auto& [seq, us] : first_receipt) firsts.push_back(us);
    std::sort(firsts.begin(), firsts.end());
    const long expected = expected_each * held;
    std::sort(latencies.begin(), latencies.end());
    const double max_ms = latencies.empty() ? 0 : static_cast<double>(latencies.back()) / 1000.0;
    std::vector<double> write_ms;
    for (const auto& w : s.write_ms) write_ms.insert(write_ms.end(), w.begin(), w.end());
    std::sort(write_ms.begin(), write_ms.end());
    const double write_p50 = write_ms.empty() ? 0 : write_ms[write_ms.size() / 2];
    std::printf(
        "%s%ld changes accepted (%ld refused or failed; each answered in %.1f ms at the median); %ld events "
        "expected on %ld connections, %ld received: %ld lost (%ld connections short, %d closed by the "
        "server), %ld duplicates, %ld out of order, %ld unexpected\n",
        o.label.empty() ? "" : (o.label + ": ").c_str(), expected_each, s.writes_failed.load(), write_p50,
        expected, held, received, lost, short_connections, s.closed.load(), duplicates, out_of_order, extra);
    std::printf(
        "latency from %s to receipt: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (%zu samples)\n",
        o.writer == "publish" ? "the POST" : "commit", percentile(latencies, 0.5), percentile(latencies, 0.9),
        percentile(latencies, 0.99), max_ms, latencies.size());
    if (!firsts.empty())
      std::printf("latency to the first connection that received each event: p50 %.2f ms, p99 %.2f ms\n",
                  percentile(firsts, 0.5), percentile(firsts, 0.99));
    const double cpu_us_per_event = received ? s.server_cpu_s * 1e6 / static_cast<double>(received) : 0.0;
    if (!o.server_pids.empty())
      std::printf(
          "CPU over the changes and their delivery: server %.2f s (%.1f µs an event delivered), this client "
          "%.2f s\n",
          s.server_cpu_s, cpu_us_per_event, s.client_cpu_s);
    report.add("server_cpu_s", s.server_cpu_s);
    report.add("server_cpu_us_per_event", cpu_us_per_event);
    report.add("client_cpu_s", s.client_cpu_s);
    report.add("expected", expected);
    report.add("received", received);
    report.add("lost", lost);
    report.add("short_connections", short_connections);
    report.add("duplicates", duplicates);
    report.add("out_of_order", out_of_order);
    report.add("unexpected", extra);
    report.add("untimed", untimed);
    report.add("write_p50_ms", write_p50);
    report.add("p50_ms", percentile(latencies, 0.5));
    report.add("p90_ms", percentile(latencies, 0.9));
    report.add("p99_ms", percentile(latencies, 0.99));
    report.add("max_ms", max_ms);
    if (!firsts.empty()) {
      report.add("first_p50_ms", percentile(firsts, 0.5));
      report.add("first_p99_ms", percentile(firsts, 0.99));
    }
  }
  report.add("closed", static_cast<long>(s.closed.load()));
  report.add("resets", s.resets.load());
  report.add("error_frames", s.errors.load());
  report.add("other_frames", s.other_frames.load());
  {
    std::string notes = "[";
    for (std::size_t i = 0; i < s.notes.size(); ++i) notes += (i ? "," : "") + json_string(s.notes[i]);
    report.add("notes", notes + "]");
  }
  for (const auto& n : s.notes) std::fprintf(stderr, "live_load: %s\n", n.c_str());
  std::printf("{%s}\n", report.json.c_str());
  std::fflush(stdout);
  return outcome.status;
}
