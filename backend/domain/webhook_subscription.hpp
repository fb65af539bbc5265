// What a webhook subscription is, in Rudi's rules: which receiver addresses are acceptable, which events
// may leave at all, which of them one subscription takes, and how long to wait before the next try.
// Plain rules, no I/O: the service validates with them, the delivery engine matches and backs off with them.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace rudi {

inline constexpr std::size_t kWebhookUrlMaxLength = 2048;
inline constexpr std::size_t kWebhookMaxEventTypes = 32;
inline constexpr std::size_t kWebhookMaxTopics = 64;

// The event types a webhook may carry: changes to people, their consent and cohorts. Case events stay
// with the prosecution's own screens; sign-in and access events never leave.
const std::vector<std::string>& deliverable_event_types();

// The consent purposes a subscription can be for: prosecution, family_contact, partner_referral,
// statistics.
bool is_consent_purpose(std::string_view purpose);

// A receiver's address, taken apart. Only what the client needs to connect.
struct WebhookUrl {
  bool tls = true;
  std::string host;    // a name, an IPv4 address, or an IPv6 address without brackets
  std::string port;    // "443" or "80" when not given
  std::string target;  // path and query, "/" when empty
};

// Parses and checks an address: https (http only when `allow_http` and the host is a loopback address,
// for tests and a receiver on the same machine), at most 2048 characters, a host, no credentials, no
// fragment, no spaces or control characters. The error says why, in words for the administrator.
Result<WebhookUrl> parse_webhook_url(std::string_view url, bool allow_http);

// Which events a subscription takes: none of `event_types` means every deliverable type; none of `topics`
// means every topic; `mission_id` set keeps to that mission's records (none: the nation).
struct WebhookFilter {
  std::vector<std::string> event_types;
  std::vector<std::string> topics;
  std::optional<std::int64_t> mission_id;
};

bool webhook_takes(const WebhookFilter& filter, std::string_view type, const std::vector<std::string>& topics,
                   std::optional<std::int64_t> mission_id);

// Field errors of a subscription's filter (JSON pointers into the request body).
std::vector<FieldError> check_webhook_filter(const WebhookFilter& filter);

// The wait before try number `next_try` (2, 3, …): exponential from `base`, at most `cap`, with half of it
// jittered by `random01` (in [0, 1)), so that receivers that come back are not hit by every node at once.
std::chrono::milliseconds webhook_retry_delay(int next_try, std::chrono::milliseconds base,
                                              std::chrono::milliseconds cap, double random01);

}  // namespace rudi

namespace rudi {

// The person's fields a receiver gets for a purpose when the person's consent for it is granted, and no
// more: a family liaison needs whom to call, a partner organisation whom it receives and their needs, the
// prosecution who the witness is. Statistics never get personal fields.
const std::vector<std::string>& personal_fields_for(std::string_view purpose);

}  // namespace rudi
