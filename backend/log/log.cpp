// Log lines are assembled whole and written with one fwrite under a mutex, so that lines from several
// threads never interleave.
#include "log/log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace rudi::log {
namespace {
std::atomic<int> g_level{static_cast<int>(Level::info)};
std::mutex g_write_mutex;
}  // namespace

std::optional<Level> parse_level(std::string_view text) {
  if (text == "debug") return Level::debug;
  if (text == "info") return Level::info;
  if (text == "warn") return Level::warn;
  if (text == "error") return Level::error;
  return std::nullopt;
}

std::string_view to_string(Level level) {
  switch (level) {
    case Level::debug:
      return "debug";
    case Level::info:
      return "info";
    case Level::warn:
      return "warn";
    case Level::error:
      return "error";
  }
  return "info";
}

void set_level(Level level) {
  g_level.store(static_cast<int>(level));
}
bool enabled(Level level) {
  return static_cast<int>(level) >= g_level.load(std::memory_order_relaxed);
}

std::string utc_timestamp(int fraction_digits) {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const auto seconds = time_point_cast<std::chrono::seconds>(now);
  // Between 0 and 999999: the fraction of the current second.
  const int micros = static_cast<int>(duration_cast<microseconds>(now - seconds).count() % 1'000'000);
  const std::time_t t = system_clock::to_time_t(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
  char out[64];
  if (fraction_digits == 6)
    std::snprintf(out, sizeof out, "%s.%06dZ", date, micros);
  else if (fraction_digits == 3)
    std::snprintf(out, sizeof out, "%s.%03dZ", date, micros / 1000);
  else
    std::snprintf(out, sizeof out, "%sZ", date);
  return out;
}

void write(Level level, std::string_view message, nlohmann::json fields) {
  if (!enabled(level)) return;
  // Ordered, so that every line starts with time, level and message.
  nlohmann::ordered_json line = nlohmann::ordered_json::object();
  line["time"] = utc_timestamp();
  line["level"] = to_string(level);
  line["msg"] = message;
  if (fields.is_object()) {
    for (auto& [key, value] : fields.items()) line[key] = value;
  }
  // Replace rather than throw on invalid UTF-8: a log line must never take the process down.
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  text.push_back('\n');
  std::lock_guard lock(g_write_mutex);
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

}  // namespace rudi::log
