// The bounds every connection lives within; set when a connection starts, from configuration.
#pragma once

#include <chrono>
#include <cstddef>

namespace rudi::http {

struct ServerLimits {
  std::size_t header_limit = 16 * 1024;              // bytes of request line and headers
  std::size_t body_limit = 1024 * 1024;              // bytes of body
  std::chrono::milliseconds read_timeout{10'000};    // to read one whole request, from its first byte
  std::chrono::milliseconds idle_timeout{30'000};    // between requests on a kept-alive connection
  std::chrono::milliseconds write_timeout{10'000};   // to write one response
  std::size_t max_connections = 4096;                // open at once; more are closed on accept
  std::chrono::milliseconds shutdown_grace{10'000};  // for requests in flight when asked to stop
};

}  // namespace rudi::http
