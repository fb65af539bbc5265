// The application's routes: which handler answers which method and path, and what body it takes.
// Handlers are coroutines that receive the request's context and return a response.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "http/route_table.hpp"
#include "http/types.hpp"

namespace rudi::http {

struct RequestContext {
  const Request& request;
  PathParams params;
  std::string request_id;
  std::optional<nlohmann::json> body;  // set for routes that take a JSON body
};

using Handler = std::function<boost::asio::awaitable<Response>(RequestContext&)>;

enum class BodyKind { none, json };

struct Route {
  Handler handler;
  BodyKind body = BodyKind::none;
};

class Router {
 public:
  void get(std::string pattern, Handler handler) { add(Verb::get, std::move(pattern), std::move(handler)); }
  void add(Verb method, std::string pattern, Handler handler, BodyKind body = BodyKind::none);

  // Routes the request and runs its handler. Every outcome is a response: 404, 405 with Allow, 400,
  // 415, a problem from the handler, or 500 when the handler throws. `route_pattern` is set to the
  // matched pattern (or a fixed word) for logs and metrics, which never see the raw path.
  boost::asio::awaitable<Response> dispatch(const Request& request, const std::string& request_id,
                                            std::string& route_pattern) const;

 private:
  RouteTable<Route> table_;
};

}  // namespace rudi::http
