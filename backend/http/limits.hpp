// The bounds every connection lives within; set when a connection starts, from configuration.
#pragma once

#include <chrono>
#include <cstddef>

namespace rudi::http {

struct ServerLimits {
  std::size_t header_limit = 16 * 1024;              // bytes of request line and headers
  std::size_t body_limit = 1024 * 1024;              // bytes of body
  std::size_t large_body_limit = 16 * 1024 * 1024;   // bytes of body of routes that take files (rosters)
  std::chrono::milliseconds read_timeout{10'000};    // to read one whole request, from its first byte
  std::chrono::milliseconds idle_timeout{30'000};    // between requests on a kept-alive connection
  std::chrono::milliseconds write_timeout{10'000};   // to write one response
  std::size_t max_connections = 4096;                // open at once; more are closed on accept
  std::chrono::milliseconds shutdown_grace{10'000};  // for requests in flight when asked to stop
};

// The bounds of every live websocket.
struct LiveLimits {
  std::size_t queue_messages = 1024;              // waiting to be sent to one client; beyond: closed, 4000
  std::size_t queue_bytes = 1024 * 1024;          // the same in bytes
  std::size_t message_bytes = 4096;               // largest client message; beyond: an error
  std::size_t frame_bytes = 64 * 1024;            // largest client frame; beyond: closed at once, 1009
  int strikes = 3;                                // bad client messages before a close, 1008
  std::size_t max_topics = 256;                   // followed by one connection
  std::chrono::milliseconds heartbeat{15'000};    // a ping after this long without a word; dead after twice
  std::chrono::milliseconds recheck{60'000};      // the credential checked again this often
  std::chrono::seconds retention{7 * 24 * 3600};  // how far back a client may resume
  int replay_page = 500;                          // events read per query of a replay
  int send_buffer = 0;  // the socket's send buffer in bytes; 0: the system's (tests make it small)
};

}  // namespace rudi::http
