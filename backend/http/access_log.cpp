#include "http/access_log.hpp"

#include <cmath>

#include "log/log.hpp"

namespace rudi::http {

void log_request(std::string_view request_id, std::string_view method, std::string_view route,
                 unsigned status, double duration_ms) {
  log::info("request", {{"request_id", request_id},
                        {"method", method},
                        {"route", route},
                        {"status", status},
                        {"duration_ms", std::round(duration_ms * 1000.0) / 1000.0}});
}

}  // namespace rudi::http
