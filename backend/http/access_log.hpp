// The one log line written per request: who asked (request id only), what route, how it went, how long.
#pragma once

#include <string_view>

namespace rudi::http {

void log_request(std::string_view request_id, std::string_view method, std::string_view route,
                 unsigned status, double duration_ms);

}  // namespace rudi::http
