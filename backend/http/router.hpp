// The application's routes: which handler answers which method and path, and what body it takes.
// Handlers are coroutines that receive the request's context and return a response.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "http/caller.hpp"
#include "http/request_guard.hpp"
#include "http/route_table.hpp"
#include "http/types.hpp"

namespace rudi::service {
class Idempotency;
}

namespace rudi::http {

struct RequestContext {
  const Request& request;
  PathParams params;
  std::string request_id;
  std::string peer_address;
  std::optional<nlohmann::json> body;  // set for routes that take a JSON body
  std::optional<Caller> caller;        // set for routes that need an authenticated caller

  const auth::Principal& principal() const { return caller->principal; }
};

using Handler = std::function<boost::asio::awaitable<Response>(RequestContext&)>;

enum class BodyKind { none, json };

struct RouteOptions {
  RouteOptions(BodyKind body_kind = BodyKind::none, bool needs_caller = false, bool retry_safe = false,
               bool takes_large_body = false)
      : body(body_kind), authenticated(needs_caller), idempotent(retry_safe), large_body(takes_large_body) {}
  BodyKind body;
  bool authenticated;  // 401 without a valid session or API token
  bool idempotent;     // honours Idempotency-Key: a retry gets the first answer
  bool large_body;     // takes bodies up to the large-body limit (uploaded files), not the usual one
};

inline RouteOptions signed_in(BodyKind body = BodyKind::none) {
  return RouteOptions(body, true);
}
// A create or transition that a client may retry safely with an Idempotency-Key.
inline RouteOptions signed_in_idempotent(BodyKind body = BodyKind::json) {
  return RouteOptions(body, true, true);
}

struct Route {
  Handler handler;
  RouteOptions options;
};

class Router {
 public:
  void get(std::string pattern, Handler handler) { add(Verb::get, std::move(pattern), std::move(handler)); }
  void add(Verb method, std::string pattern, Handler handler, RouteOptions options = {});
  void set_authentication(Authenticator* authenticator, OriginPolicy origins) {
    authenticator_ = authenticator;
    origins_ = std::move(origins);
  }
  void set_idempotency(service::Idempotency* idempotency) { idempotency_ = idempotency; }
  // Answers GET and HEAD of paths no route owns (the web UI), before the 404.
  void set_fallback(std::function<std::optional<Response>(const Request&)> fallback) {
    fallback_ = std::move(fallback);
  }
  // Whether the route a request goes to takes large bodies (asked when its header has been read).
  bool takes_large_body(Verb method, std::string_view target) const;
  // Every (method, pattern) the router knows, for the API description's test.
  std::vector<std::pair<Verb, std::string>> routes() const { return table_.routes(); }

  // Routes the request and runs its handler. Every outcome is a response: 404, 405 with Allow, 400,
  // 415, a problem from the handler, or 500 when the handler throws. `route_pattern` is set to the
  // matched pattern (or a fixed word) for logs and metrics, which never see the raw path.
  boost::asio::awaitable<Response> dispatch(const Request& request, const std::string& request_id,
                                            const std::string& peer_address,
                                            std::string& route_pattern) const;

 private:
  RouteTable<Route> table_;
  Authenticator* authenticator_ = nullptr;
  OriginPolicy origins_;
  service::Idempotency* idempotency_ = nullptr;
  std::function<std::optional<Response>(const Request&)> fallback_;

  boost::asio::awaitable<Response> run_once(const Route& route, RequestContext& context) const;
  boost::asio::awaitable<Response> run_handler(const Route& route, RequestContext& context) const;
};

}  // namespace rudi::http
