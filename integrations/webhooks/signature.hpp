// How a receiver knows a delivery came from Rudi and was not replayed much later: HMAC-SHA256, keyed with
// the subscription's secret, over "<timestamp>.<body>" (the scheme Stripe uses), sent as
// `Rudi-Signature: t=<timestamp>,v1=<hex>`. docs/webhooks.md shows receivers how to check it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace rudi::webhooks {

// Lower-case hex of HMAC-SHA256(secret, timestamp + "." + body).
std::string sign(std::string_view secret, std::int64_t timestamp, std::string_view body);
// The header's value: "t=<timestamp>,v1=<hex>".
std::string signature_header(std::string_view secret, std::int64_t timestamp, std::string_view body);

}  // namespace rudi::webhooks
