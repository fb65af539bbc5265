// One POST to a receiver, over a fresh connection (https through Beast's ssl_stream, with the receiver's
// certificate and host name verified; plain http only where the address rules allow it), every step
// bounded: resolving and connecting by `connect_timeout`, the TLS handshake, sending the request and
// reading the answer by `response_timeout`. Only the status is kept of the answer, whose size is bounded.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "domain/webhook_subscription.hpp"
#include "integrations/webhooks/delivery_settings.hpp"

namespace rudi::webhooks {

struct PostOutcome {
  bool delivered = false;  // the receiver answered 2xx
  int status = 0;          // its status, 0 when there was none
  std::string error;       // why not, in a few words (no body, no personal data)
};

boost::asio::awaitable<PostOutcome> post_to_receiver(boost::asio::ssl::context& tls, const WebhookUrl& url,
                                                     std::vector<std::pair<std::string, std::string>> headers,
                                                     std::string body, PostTimeouts timeouts);

}  // namespace rudi::webhooks
