// One JSON object per line on standard output: what the process did, never whose data it did it to.
// Callers pass only identifiers, counts and technical facts; no names, bodies or query strings.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace rudi::log {

enum class Level { debug, info, warn, error };

std::optional<Level> parse_level(std::string_view text);
std::string_view to_string(Level level);

void set_level(Level level);
bool enabled(Level level);

// Writes {"time":..., "level":..., "msg": message, ...fields} as one line, atomically with respect to
// other log lines of this process.
void write(Level level, std::string_view message, nlohmann::json fields = nlohmann::json::object());

inline void debug(std::string_view m, nlohmann::json f = nlohmann::json::object()) {
  write(Level::debug, m, std::move(f));
}
inline void info(std::string_view m, nlohmann::json f = nlohmann::json::object()) {
  write(Level::info, m, std::move(f));
}
inline void warn(std::string_view m, nlohmann::json f = nlohmann::json::object()) {
  write(Level::warn, m, std::move(f));
}
inline void error(std::string_view m, nlohmann::json f = nlohmann::json::object()) {
  write(Level::error, m, std::move(f));
}

// UTC time as RFC 3339 with `fraction_digits` (0, 3 or 6) digits of the second, e.g.
// 2025-02-12T08:30:00.000Z. Shared by log lines, audit rows and journey steps.
std::string utc_timestamp(int fraction_digits = 3);

}  // namespace rudi::log
