#include "http/audit_routes.hpp"

#include <regex>

#include "http/query.hpp"
#include "http/responses.hpp"

namespace rudi::http {
namespace {
namespace asio = boost::asio;

Result<store::AuditFilter> filter_from(const std::map<std::string, std::string>& q) {
  store::AuditFilter filter;
  std::vector<FieldError> errors;
  static const std::regex kTime(
      R"(^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$)");
  for (const auto& [key, value] : q) {
    if (key == "actor_id" || key == "after") {
      auto id = parse_id(value, key);
      if (!id)
        errors.push_back({key, "must be a positive integer"});
      else if (key == "actor_id")
        filter.actor_id = *id;
      else
        filter.after_id = *id;
    } else if (key == "entity" || key == "entity_id") {
      if (value.empty() || value.size() > 100)
        errors.push_back({key, "1 to 100 characters"});
      else if (key == "entity")
        filter.entity = value;
      else
        filter.entity_id = value;
    } else if (key == "from" || key == "to") {
      if (!std::regex_match(value, kTime))
        errors.push_back({key, "an RFC 3339 date or time, e.g. 2025-02-12T00:00:00Z"});
      else if (key == "from")
        filter.from = value;
      else
        filter.to = value;
    } else if (key == "limit") {
      auto n = parse_id(value, key);
      if (!n || *n > service::kMaxAuditPage)
        errors.push_back({key, "1 to " + std::to_string(service::kMaxAuditPage)});
      else
        filter.limit = static_cast<int>(*n);
    } else {
      errors.push_back({key, "unknown parameter"});
    }
  }
  if (!errors.empty()) return Error::invalid("the query has invalid parameters", errors);
  return filter;
}

nlohmann::json row_json(const store::AuditRow& row) {
  const auto& e = row.entry;
  return {{"id", row.id},
          {"chain_position", row.chain_position ? nlohmann::json(*row.chain_position) : nlohmann::json()},
          {"at", row.at},
          {"actor_id", e.actor_id ? nlohmann::json(*e.actor_id) : nlohmann::json()},
          {"actor_kind", e.actor_kind},
          {"action", e.action},
          {"entity", e.entity},
          {"entity_id", e.entity_id ? nlohmann::json(*e.entity_id) : nlohmann::json()},
          {"request_id", e.request_id},
          {"outcome", e.allowed ? "allowed" : "refused"},
          {"details", e.details}};
}

}  // namespace

void add_audit_routes(Router& router, service::AuditLog& audit) {
  router.add(
      Verb::get, "/api/v1/audit",
      [&audit](RequestContext& c) -> asio::awaitable<Response> {
        auto filter = filter_from(query_params(c.request.target()));
        if (!filter) co_return error_response(c.request, filter.error());
        auto rows = co_await audit.rows(c.principal(), *filter, c.request_id);
        if (!rows) co_return error_response(c.request, rows.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& row : *rows) items.push_back(row_json(row));
        nlohmann::json body = {{"items", items}};
        // The cursor for the next page; absent on the last one.
        if (static_cast<int>(rows->size()) == filter->limit) body["next_after"] = rows->back().id;
        co_return json_response(c.request, Status::ok, body);
      },
      signed_in());

  router.add(
      Verb::get, "/api/v1/audit/verify",
      [&audit](RequestContext& c) -> asio::awaitable<Response> {
        auto result = co_await audit.verify(c.principal(), c.request_id);
        if (!result) co_return error_response(c.request, result.error());
        nlohmann::json body = {{"rows_checked", result->rows_checked},
                               {"rows_pending", result->rows_pending},
                               {"intact", result->ok()}};
        if (!result->ok()) {
          body["first_bad_id"] = *result->first_bad_id;
          body["reason"] = result->reason;
        }
        co_return json_response(c.request, Status::ok, body);
      },
      signed_in());
}

}  // namespace rudi::http
