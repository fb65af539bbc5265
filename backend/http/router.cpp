#include "http/router.hpp"

#include <boost/beast/http/verb.hpp>
#include <exception>

#include "http/json_body.hpp"
#include "http/responses.hpp"
#include "log/log.hpp"
#include "service/idempotency.hpp"

namespace rudi::http {

std::optional<std::string> percent_decode(std::string_view segment) {
  std::string out;
  out.reserve(segment.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < segment.size(); ++i) {
    if (segment[i] != '%') {
      out.push_back(segment[i]);
      continue;
    }
    if (i + 2 >= segment.size()) return std::nullopt;
    const int high = hex(segment[i + 1]);
    const int low = hex(segment[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    const char decoded = static_cast<char>(high * 16 + low);
    if (decoded == '\0') return std::nullopt;
    out.push_back(decoded);
    i += 2;
  }
  return out;
}

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (true) {
    const auto slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

void Router::add(Verb method, std::string pattern, Handler handler, RouteOptions options) {
  table_.add(method, std::move(pattern), Route{std::move(handler), options});
}

bool Router::takes_large_body(Verb method, std::string_view target) const {
  const auto match = table_.match(method, target);
  const auto* found = std::get_if<RouteTable<Route>::Found>(&match);
  return found && found->value->options.large_body;
}

namespace {

std::string allow_header(std::vector<Verb> allowed) {
  // GET routes answer HEAD as well.
  if (std::find(allowed.begin(), allowed.end(), Verb::get) != allowed.end()) allowed.push_back(Verb::head);
  std::string text;
  for (Verb verb : allowed) {
    if (!text.empty()) text += ", ";
    text += std::string(beast_http::to_string(verb));
  }
  return text;
}

}  // namespace

boost::asio::awaitable<Response> Router::dispatch(const Request& request, const std::string& request_id,
                                                  const std::string& peer_address,
                                                  std::string& route_pattern) const {
  const bool head = request.method() == Verb::head;
  auto match = table_.match(head ? Verb::get : request.method(), request.target());

  if (std::holds_alternative<RouteTable<Route>::NotFound>(match)) {
    if (fallback_) {
      if (auto page = fallback_(request)) {
        route_pattern = "web";
        co_return std::move(*page);
      }
    }
    route_pattern = "unmatched";
    co_return problem_response(request, not_found_problem());
  }
  if (auto* bad = std::get_if<RouteTable<Route>::BadPath>(&match)) {
    route_pattern = "unmatched";
    co_return problem_response(request, malformed_request_problem(bad->reason));
  }
  if (auto* wrong = std::get_if<RouteTable<Route>::MethodNotAllowed>(&match)) {
    route_pattern = std::string(wrong->pattern);
    const std::string allowed = allow_header(wrong->allowed);
    Response response = problem_response(request, method_not_allowed_problem(allowed));
    response.set(beast_http::field::allow, allowed);
    co_return response;
  }

  auto& found = std::get<RouteTable<Route>::Found>(match);
  route_pattern = std::string(found.pattern);
  RequestContext context{request,     std::move(found.params), request_id, peer_address, std::nullopt,
                         std::nullopt};
  if (auto refused = check_cross_site(request, origins_)) co_return problem_response(request, *refused);
  if (found.value->options.authenticated) {
    if (authenticator_ == nullptr) {
      co_return problem_response(request, problem_from(Error::unauthenticated("sign in first")));
    }
    auto caller = co_await authenticator_->authenticate(request);
    if (!caller) co_return problem_response(request, problem_from(caller.error()));
    if (!*caller) co_return problem_response(request, problem_from(Error::unauthenticated("sign in first")));
    if ((*caller)->by_cookie()) {
      if (auto refused = check_csrf_token(request, (*caller)->csrf_token))
        co_return problem_response(request, *refused);
    }
    context.caller = std::move(**caller);
  }
  if (found.value->options.body == BodyKind::json) {
    auto parsed = parse_json_body(request);
    if (auto* problem = std::get_if<Problem>(&parsed)) co_return problem_response(request, *problem);
    context.body = std::move(std::get<nlohmann::json>(parsed));
  }

  // Two statements, not a conditional expression: g++ 12 mishandles co_await on a ?: of awaitables.
  Response response;
  if (found.value->options.idempotent) {
    response = co_await run_once(*found.value, context);
  } else {
    response = co_await run_handler(*found.value, context);
  }
  if (head) {
    const auto length = response.body().size();
    response.body().clear();
    response.content_length(length);
  }
  co_return response;
}

boost::asio::awaitable<Response> Router::run_handler(const Route& route, RequestContext& context) const {
  Response response;
  bool failed = false;
  try {
    response = co_await route.handler(context);
  } catch (const std::exception&) {
    // Exception texts can quote data; only the type of failure and the request id are logged.
    log::error("handler failed", {{"request_id", context.request_id}});
    failed = true;
  }
  if (failed) co_return problem_response(context.request, internal_problem());
  co_return response;
}

boost::asio::awaitable<Response> Router::run_once(const Route& route, RequestContext& context) const {
  const auto header = context.request["Idempotency-Key"];
  if (header.empty() || idempotency_ == nullptr || !context.caller)
    co_return co_await run_handler(route, context);
  const std::string key(header);
  if (key.size() > 200) {
    co_return problem_response(context.request,
                               problem_from(Error::invalid("the Idempotency-Key is too long",
                                                           {{"Idempotency-Key", "at most 200 characters"}})));
  }
  const std::string fingerprint = std::string(context.request.method_string()) + " " +
                                  std::string(context.request.target()) + "\n" + context.request.body();
  auto claim = co_await idempotency_->claim(context.principal(), key, fingerprint);
  if (!claim) co_return problem_response(context.request, problem_from(claim.error()));
  using State = store::IdempotencyClaim::State;
  if (claim->state == State::mismatch) {
    co_return problem_response(
        context.request,
        problem_from(Error::invalid("this Idempotency-Key was used for another request",
                                    {{"Idempotency-Key", "use a new key for a new request"}})));
  }
  if (claim->state == State::in_progress) {
    co_return problem_response(
        context.request,
        problem_from(Error::conflict("a request with this Idempotency-Key is still running")));
  }
  if (claim->state == State::replay) {
    Response replay{static_cast<Status>(claim->status), context.request.version()};
    replay.set(beast_http::field::content_type,
               claim->status >= 400 ? kProblemContentType : "application/json");
    replay.set(beast_http::field::cache_control, "no-store");
    replay.set("Idempotent-Replayed", "true");
    replay.body() = claim->body;
    replay.prepare_payload();
    co_return replay;
  }
  Response response = co_await run_handler(route, context);
  (void)co_await idempotency_->finish(context.principal(), key, response.result_int(), response.body());
  co_return response;
}

}  // namespace rudi::http
