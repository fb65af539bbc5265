#include "http/live_endpoint.hpp"

#include <boost/beast/websocket/rfc6455.hpp>

#include "http/problem.hpp"
#include "http/responses.hpp"

namespace rudi::http {

bool is_live_upgrade(const Request& request) {
  const std::string_view target(request.target().data(), request.target().size());
  return boost::beast::websocket::is_upgrade(request) && target.substr(0, target.find('?')) == kLivePath;
}

boost::asio::awaitable<std::variant<Caller, Response>> LiveEndpoint::admit(const Request& request) {
  const bool has_origin = !request[beast_http::field::origin].empty();
  if (has_origin && !origin_allowed(request, origins_))
    co_return problem_response(request,
                               problem_from(Error::forbidden("websockets from this origin are refused")));
  auto caller = co_await authenticator_.authenticate(request);
  if (!caller) co_return problem_response(request, problem_from(caller.error()));
  if (!*caller) co_return problem_response(request, problem_from(Error::unauthenticated("sign in first")));
  // A browser always sends its page's Origin; a cookie without one is not a page of ours.
  if ((*caller)->by_cookie() && !has_origin)
    co_return problem_response(
        request, problem_from(Error::forbidden("a websocket opened with a session cookie needs the "
                                               "page's Origin")));
  if (!(*caller)->principal.second_factor_done)
    co_return problem_response(request,
                               problem_from(Error::forbidden("sign in with your second factor first")));
  if (!(*caller)->principal.active)
    co_return problem_response(request, problem_from(Error::forbidden("the account is disabled")));
  co_return std::move(**caller);
}

boost::asio::awaitable<bool> LiveEndpoint::still_valid(const Request& credentials,
                                                       const auth::Principal& principal) {
  auto caller = co_await authenticator_.authenticate(credentials);
  if (!caller) co_return true;  // cannot tell now (the database is away): ask again next time
  if (!*caller) co_return false;
  const auto& now = (*caller)->principal;
  co_return now.active&& now.user_id == principal.user_id&& now.role == principal.role&& now.mission_id ==
      principal.mission_id&& now.second_factor_done;
}

void add_live_route(Router& router) {
  router.get(kLivePath, [](RequestContext& context) -> boost::asio::awaitable<Response> {
    Problem problem{Status::upgrade_required,
                    "upgrade-required",
                    "A websocket is needed",
                    "GET /api/v1/live upgrades to a websocket (Connection: Upgrade, Upgrade: websocket)",
                    {},
                    nlohmann::json::object()};
    Response response = problem_response(context.request, problem);
    response.set(beast_http::field::upgrade, "websocket");
    response.set(beast_http::field::connection, "Upgrade");
    co_return response;
  });
}

}  // namespace rudi::http
