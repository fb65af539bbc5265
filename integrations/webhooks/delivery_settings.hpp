// How a node delivers webhooks: tries, waits, time limits, leases and concurrency. Defaults live here; the
// command line maps each to a flag and a RUDI_WEBHOOK_* variable (backend/app/command_line.cpp).
#pragma once

#include <chrono>
#include <string>

namespace rudi::webhooks {

struct PostTimeouts {
  std::chrono::milliseconds connect{5000};    // resolving and connecting
  std::chrono::milliseconds response{10000};  // the TLS handshake; then sending and reading the answer
};

struct DeliverySettings {
  bool allow_http = false;  // plain http to loopback receivers (tests)
  std::string ca_file;      // PEM certificate authorities trusted for receivers beside the system's
  int max_attempts = 8;
  std::chrono::milliseconds backoff{1000};  // before the second try; doubled each time
  std::chrono::milliseconds backoff_cap{300'000};
  PostTimeouts timeouts;
  std::chrono::milliseconds lease{30'000};  // renewed every third of it
  std::chrono::milliseconds poll{2'000};    // look for events even without a doorbell
  int concurrency = 16;                     // subscriptions delivered by this node at once
  int batch = 100;                          // events looked at per read
};

}  // namespace rudi::webhooks
