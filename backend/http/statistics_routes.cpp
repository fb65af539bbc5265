#include "http/statistics_routes.hpp"

#include "http/query.hpp"
#include "http/responses.hpp"
#include "statistics/publication_format.hpp"

namespace rudi::http {

void add_statistics_routes(Router& router, statistics::StatisticsExports& exports) {
  router.add(
      Verb::get, "/api/v1/statistics",
      [&exports](RequestContext& c) -> boost::asio::awaitable<Response> {
        std::optional<std::int64_t> k;
        for (const auto& [key, value] : query_params(c.request.target())) {
          if (key != "k") {
            co_return error_response(c.request,
                                     Error::invalid("the query has invalid parameters",
                                                    {{key, "unknown parameter (there are no filters)"}}));
          }
          auto n = parse_id(value, "k");
          if (!n) co_return error_response(c.request, n.error());
          k = *n;
        }
        auto publication = co_await exports.tables(c.principal(), k, c.request_id);
        if (!publication) co_return error_response(c.request, publication.error());
        co_return json_response(c.request, Status::ok, statistics::publication_json(*publication));
      },
      signed_in());
}

}  // namespace rudi::http
