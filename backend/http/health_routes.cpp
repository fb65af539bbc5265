#include "http/health_routes.hpp"

#include "http/openapi_document.hpp"
#include "http/responses.hpp"

namespace rudi::http {

void add_health_routes(Router& router, service::Health& health, Metrics& metrics) {
  router.get("/healthz", [](RequestContext& context) -> boost::asio::awaitable<Response> {
    co_return json_response(context.request, Status::ok, {{"status", "ok"}});
  });

  router.get("/readyz", [&health](RequestContext& context) -> boost::asio::awaitable<Response> {
    const service::Readiness readiness = co_await health.readiness();
    if (readiness.ready) co_return json_response(context.request, Status::ok, {{"status", "ready"}});
    Problem problem = problem_from(Error::unavailable(readiness.reason));
    problem.title = "Not ready";
    co_return problem_response(context.request, problem);
  });

  router.get("/api/v1/openapi.json", [](RequestContext& context) -> boost::asio::awaitable<Response> {
    co_return text_response(context.request, Status::ok, "application/json", std::string(openapi_document()));
  });

  router.get("/metrics", [&metrics](RequestContext& context) -> boost::asio::awaitable<Response> {
    co_return text_response(context.request, Status::ok, "text/plain; version=0.0.4; charset=utf-8",
                            metrics.render());
  });
}

}  // namespace rudi::http
