#include "http/webhook_routes.hpp"

#include "domain/webhook_subscription.hpp"
#include "http/body_fields.hpp"
#include "http/query.hpp"
#include "http/responses.hpp"

namespace rudi::http {
namespace {
namespace asio = boost::asio;

nlohmann::json webhook_json(const store::WebhookRecord& w) {
  return {{"id", w.id},
          {"name", w.name},
          {"url", w.url},
          {"event_types", w.event_types},
          {"topics", w.topics},
          {"purpose", w.purpose},
          {"scope", w.mission_id ? "mission:" + std::to_string(*w.mission_id) : std::string("nation")},
          {"mission_id", w.mission_id ? nlohmann::json(*w.mission_id) : nlohmann::json()},
          {"delivered_seq", w.delivered_seq},
          {"dead_letters", w.dead_letters},
          {"delivering", w.lease_owner.has_value()},
          {"created_by", w.created_by ? nlohmann::json(*w.created_by) : nlohmann::json()},
          {"created_at", w.created_at}};
}

nlohmann::json dead_letter_json(const store::DeadLetter& d) {
  return {{"id", d.id},
          {"webhook_id", d.webhook_id},
          {"seq", d.seq},
          {"event_type", d.event_type},
          {"attempts", d.attempts},
          {"last_error", d.last_error},
          {"state", d.state},
          {"dead_at", d.dead_at},
          {"delivered_at", d.delivered_at ? nlohmann::json(*d.delivered_at) : nlohmann::json()}};
}

Result<int> page_limit(const Request& request) {
  int limit = 100;
  for (const auto& [key, value] : query_params(request.target())) {
    if (key != "limit")
      return Error::invalid("the query has invalid parameters", {{key, "unknown parameter"}});
    auto n = parse_id(value, key);
    if (!n || *n > 1000) return Error::invalid("the query has invalid parameters", {{key, "1 to 1000"}});
    limit = static_cast<int>(*n);
  }
  return limit;
}

}  // namespace

void add_webhook_routes(Router& router, service::Webhooks& webhooks) {
  router.add(
      Verb::get, "/api/v1/webhooks",
      [&webhooks](RequestContext& c) -> asio::awaitable<Response> {
        auto found = co_await webhooks.list(c.principal(), c.request_id);
        if (!found) co_return error_response(c.request, found.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& w : *found) items.push_back(webhook_json(w));
        co_return json_response(c.request, Status::ok, {{"items", items}});
      },
      signed_in());

  router.add(
      Verb::post, "/api/v1/webhooks",
      [&webhooks](RequestContext& c) -> asio::awaitable<Response> {
        BodyFields fields(*c.body, {"name", "url", "event_types", "topics", "purpose", "mission_id"});
        service::WebhookDraft draft;
        draft.name = fields.required_string("name", 800);
        draft.url = fields.required_string("url", kWebhookUrlMaxLength);
        draft.event_types = fields.string_list("event_types", kWebhookMaxEventTypes, 64);
        draft.topics = fields.string_list("topics", kWebhookMaxTopics, 64);
        draft.purpose = fields.required_string("purpose", 32);
        draft.mission_id = fields.optional_id("mission_id");
        if (!fields.ok()) co_return error_response(c.request, fields.error());
        auto created = co_await webhooks.create(c.principal(), draft, c.request_id);
        if (!created) co_return error_response(c.request, created.error());
        nlohmann::json body = webhook_json(created->record);
        body["secret"] = created->secret;
        co_return json_response(c.request, Status::created, body);
      },
      signed_in(BodyKind::json));

  router.add(
      Verb::get, "/api/v1/webhooks/{id}",
      [&webhooks](RequestContext& c) -> asio::awaitable<Response> {
        auto id = parse_id(c.params.at("id"), "id");
        if (!id) co_return error_response(c.request, id.error());
        auto found = co_await webhooks.get(c.principal(), *id, c.request_id);
        if (!found) co_return error_response(c.request, found.error());
        co_return json_response(c.request, Status::ok, webhook_json(*found));
      },
      signed_in());

  router.add(
      Verb::delete_, "/api/v1/webhooks/{id}",
      [&webhooks](RequestContext& c) -> asio::awaitable<Response> {
        auto id = parse_id(c.params.at("id"), "id");
        if (!id) co_return error_response(c.request, id.error());
        auto done = co_await webhooks.remove(c.principal(), *id, c.request_id);
        if (!done) co_return error_response(c.request, done.error());
        co_return no_content_response(c.request);
      },
      signed_in());

  router.add(
      Verb::get, "/api/v1/webhooks/{id}/dead-letters",
      [&webhooks](RequestContext& c) -> asio::awaitable<Response> {
        auto id = parse_id(c.params.at("id"), "id");
        if (!id) co_return error_response(c.request, id.error());
        auto limit = page_limit(c.request);
        if (!limit) co_return error_response(c.request, limit.error());
        auto found = co_await webhooks.dead_letters(c.principal(), *id, *limit, c.request_id);
        if (!found) co_return error_response(c.request, found.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& d : *found) items.push_back(dead_letter_json(d));
        co_return json_response(c.request, Status::ok, {{"items", items}});
      },
      signed_in());

  router.add(
      Verb::post, "/api/v1/webhooks/{id}/replay",
      [&webhooks](RequestContext& c) -> asio::awaitable<Response> {
        auto id = parse_id(c.params.at("id"), "id");
        if (!id) co_return error_response(c.request, id.error());
        BodyFields fields(*c.body, {"dead_letter_id"});
        const auto dead_letter_id = fields.optional_id("dead_letter_id");
        if (!fields.ok()) co_return error_response(c.request, fields.error());
        auto asked = co_await webhooks.replay(c.principal(), *id, dead_letter_id, c.request_id);
        if (!asked) co_return error_response(c.request, asked.error());
        co_return json_response(c.request, Status::accepted, {{"replaying", *asked}});
      },
      signed_in(BodyKind::json));
}

}  // namespace rudi::http
