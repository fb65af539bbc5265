#include "domain/webhook_subscription.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace rudi {
namespace {

bool contains(const std::vector<std::string>& items, std::string_view item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

bool is_loopback(std::string_view host) {
  if (host == "localhost" || host == "::1") return true;
  // 127.0.0.0/8, written as a dotted quad.
  if (!host.starts_with("127.")) return false;
  int dots = 0;
  for (char c : host) {
    if (c == '.')
      ++dots;
    else if (!std::isdigit(static_cast<unsigned char>(c)))
      return false;
  }
  return dots == 3;
}

bool is_host_character(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.';
}

// A topic a subscription may name: the nation, or one mission, cohort or person by id.
bool is_topic(std::string_view topic) {
  if (topic == "nation") return true;
  for (std::string_view prefix : {"mission:", "cohort:", "person:"}) {
    if (!topic.starts_with(prefix)) continue;
    const auto id = topic.substr(prefix.size());
    return !id.empty() && id.size() <= 18 && id.front() != '0' &&
           std::all_of(id.begin(), id.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  }
  return false;
}

}  // namespace

const std::vector<std::string>& deliverable_event_types() {
  static const std::vector<std::string> types = {"person.created",   "person.updated", "person.transitioned",
                                                 "consent.recorded", "cohort.created", "cohort.updated"};
  return types;
}

bool is_consent_purpose(std::string_view purpose) {
  return purpose == "prosecution" || purpose == "family_contact" || purpose == "partner_referral" ||
         purpose == "statistics";
}

Result<WebhookUrl> parse_webhook_url(std::string_view url, bool allow_http) {
  auto refuse = [](std::string reason) {
    return Error::invalid("the address cannot be used", {{"/url", reason}});
  };
  if (url.size() > kWebhookUrlMaxLength) return refuse("at most 2048 characters");
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return refuse("no spaces or control characters");
  }
  WebhookUrl out;
  std::string_view rest;
  if (url.starts_with("https://")) {
    rest = url.substr(8);
  } else if (url.starts_with("http://")) {
    out.tls = false;
    rest = url.substr(7);
  } else {
    return refuse("an https:// address");
  }
  if (rest.find('#') != std::string_view::npos) return refuse("no fragment (#…)");
  const auto path_at = rest.find_first_of("/?");
  const std::string_view authority = rest.substr(0, path_at);
  out.target = path_at == std::string_view::npos ? "/" : std::string(rest.substr(path_at));
  if (out.target.front() == '?') out.target.insert(0, "/");
  if (authority.find('@') != std::string_view::npos)
    return refuse("no user name or password in the address: the signature authenticates Rudi");
  std::string_view host = authority, port;
  if (authority.starts_with("[")) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return refuse("an IPv6 address needs its closing ]");
    host = authority.substr(1, close - 1);
    const auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (!after.starts_with(":")) return refuse("a port follows the address after ':'");
      port = after.substr(1);
    }
    if (host.empty() || !std::all_of(host.begin(), host.end(), [](char c) {
          return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.';
        }))
      return refuse("an IPv6 address of hexadecimal digits and ':'");
  } else {
    const auto colon = authority.find(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
    }
    if (host.empty() || host.size() > 253 || !std::all_of(host.begin(), host.end(), is_host_character))
      return refuse("a host name of letters, digits, '-' and '.'");
  }
  if (!port.empty()) {
    if (port.size() > 5 ||
        !std::all_of(port.begin(), port.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }) ||
        std::stoi(std::string(port)) < 1 || std::stoi(std::string(port)) > 65535)
      return refuse("a port from 1 to 65535");
  }
  out.host = std::string(host);
  std::transform(out.host.begin(), out.host.end(), out.host.begin(),
                 [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
  out.port = port.empty() ? (out.tls ? "443" : "80") : std::string(port);
  if (!out.tls) {
    if (!allow_http) return refuse("an https:// address (plain http is allowed only for tests)");
    if (!is_loopback(out.host))
      return refuse("plain http only to a loopback address (127.0.0.1, ::1, localhost)");
  }
  return out;
}

bool webhook_takes(const WebhookFilter& filter, std::string_view type, const std::vector<std::string>& topics,
                   std::optional<std::int64_t> mission_id) {
  if (!contains(deliverable_event_types(), type)) return false;
  if (!filter.event_types.empty() && !contains(filter.event_types, type)) return false;
  if (filter.mission_id && mission_id != filter.mission_id) return false;
  if (filter.topics.empty()) return true;
  return std::any_of(topics.begin(), topics.end(), [&](const auto& t) { return contains(filter.topics, t); });
}

std::vector<FieldError> check_webhook_filter(const WebhookFilter& filter) {
  std::vector<FieldError> errors;
  if (filter.event_types.size() > kWebhookMaxEventTypes)
    errors.push_back({"/event_types", "at most 32 event types"});
  for (std::size_t i = 0; i < filter.event_types.size() && i < kWebhookMaxEventTypes; ++i) {
    if (!contains(deliverable_event_types(), filter.event_types[i]))
      errors.push_back({"/event_types/" + std::to_string(i),
                        "one of person.created, person.updated, person.transitioned, consent.recorded, "
                        "cohort.created, cohort.updated"});
  }
  if (filter.topics.size() > kWebhookMaxTopics) errors.push_back({"/topics", "at most 64 topics"});
  for (std::size_t i = 0; i < filter.topics.size() && i < kWebhookMaxTopics; ++i) {
    if (!is_topic(filter.topics[i]))
      errors.push_back(
          {"/topics/" + std::to_string(i), "nation, or mission:<id>, cohort:<id> or person:<id>"});
  }
  return errors;
}

std::chrono::milliseconds webhook_retry_delay(int next_try, std::chrono::milliseconds base,
                                              std::chrono::milliseconds cap, double random01) {
  const int doublings = std::clamp(next_try - 2, 0, 30);
  const double full = std::min(static_cast<double>(cap.count()),
                               static_cast<double>(base.count()) * std::pow(2.0, doublings));
  const double jittered = full / 2 + full / 2 * std::clamp(random01, 0.0, 1.0);
  return std::chrono::milliseconds(static_cast<std::int64_t>(jittered));
}

}  // namespace rudi

namespace rudi {

const std::vector<std::string>& personal_fields_for(std::string_view purpose) {
  static const std::vector<std::string> family = {
      "given_name",       "family_name",       "other_names",          "languages",
      "next_of_kin_name", "next_of_kin_phone", "next_of_kin_relation", "home_county"};
  static const std::vector<std::string> partner = {
      "given_name",    "family_name", "other_names",     "sex",         "date_of_birth",
      "estimated_age", "languages",   "vulnerabilities", "home_county", "current_location"};
  static const std::vector<std::string> prosecution = {
      "given_name",         "family_name",       "other_names",       "sex", "date_of_birth", "estimated_age",
      "trafficking_status", "status_decided_by", "exploitation_types"};
  static const std::vector<std::string> none;
  if (purpose == "family_contact") return family;
  if (purpose == "partner_referral") return partner;
  if (purpose == "prosecution") return prosecution;
  return none;
}

}  // namespace rudi
