#include "http/admin_routes.hpp"

#include "http/body_fields.hpp"
#include "http/query.hpp"
#include "http/responses.hpp"

namespace rudi::http {
namespace {
namespace asio = boost::asio;

nlohmann::json user_json(const store::UserRecord& u) {
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"role", auth::to_string(u.role)},
          {"mission_id", u.mission_id ? nlohmann::json(*u.mission_id) : nlohmann::json()},
          {"active", u.active},
          {"second_factor_enrolled", u.totp_enabled}};
}

nlohmann::json mission_json(const store::Mission& m) {
  return {
      {"id", m.id}, {"name", m.name}, {"kind", m.kind}, {"host_country", m.host_country}, {"city", m.city}};
}

nlohmann::json token_json(const store::ApiTokenRecord& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"role", auth::to_string(t.role)},
          {"mission_id", t.mission_id ? nlohmann::json(*t.mission_id) : nlohmann::json()},
          {"user_id", t.user_id},
          {"created_by", t.created_by},
          {"revoked", t.revoked}};
}

// Routes of the form POST /api/v1/users/{id}/<act> that take no body.
template <class Act>
void user_act(Router& router, const std::string& act, Act run) {
  router.add(
      Verb::post, "/api/v1/users/{id}/" + act,
      [run](RequestContext& c) -> asio::awaitable<Response> {
        auto id = parse_id(c.params.at("id"), "id");
        if (!id) co_return error_response(c.request, id.error());
        auto done = co_await run(c, *id);
        if (!done) co_return error_response(c.request, done.error());
        co_return no_content_response(c.request);
      },
      signed_in());
}

}  // namespace

void add_admin_routes(Router& router, service::Administration& admin) {
  router.add(
      Verb::get, "/api/v1/users",
      [&admin](RequestContext& c) -> asio::awaitable<Response> {
        auto users = co_await admin.users(c.principal(), c.request_id);
        if (!users) co_return error_response(c.request, users.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& u : *users) items.push_back(user_json(u));
        co_return json_response(c.request, Status::ok, {{"items", items}});
      },
      signed_in());

  router.add(
      Verb::post, "/api/v1/users",
      [&admin](RequestContext& c) -> asio::awaitable<Response> {
        BodyFields fields(*c.body, {"username", "display_name", "role", "mission_id", "password"});
        service::UserDraft draft{fields.required_string("username", 64),
                                 fields.required_string("display_name", 800),
                                 fields.required_string("role", 32), fields.optional_id("mission_id"),
                                 fields.required_string("password", 1024)};
        if (!fields.ok()) co_return error_response(c.request, fields.error());
        auto user = co_await admin.create_user(c.principal(), draft, c.request_id);
        if (!user) co_return error_response(c.request, user.error());
        co_return json_response(c.request, Status::created, user_json(*user));
      },
      signed_in(BodyKind::json));

  user_act(router, "disable", [&admin](RequestContext& c, std::int64_t id) {
    return admin.set_active(c.principal(), id, false, c.request_id);
  });
  user_act(router, "enable", [&admin](RequestContext& c, std::int64_t id) {
    return admin.set_active(c.principal(), id, true, c.request_id);
  });
  user_act(router, "second-factor-reset", [&admin](RequestContext& c, std::int64_t id) {
    return admin.reset_second_factor(c.principal(), id, c.request_id);
  });

  router.add(
      Verb::post, "/api/v1/users/{id}/password",
      [&admin](RequestContext& c) -> asio::awaitable<Response> {
        auto id = parse_id(c.params.at("id"), "id");
        if (!id) co_return error_response(c.request, id.error());
        BodyFields fields(*c.body, {"password"});
        const std::string password = fields.required_string("password", 1024);
        if (!fields.ok()) co_return error_response(c.request, fields.error());
        auto done = co_await admin.reset_password(c.principal(), *id, password, c.request_id);
        if (!done) co_return error_response(c.request, done.error());
        co_return no_content_response(c.request);
      },
      signed_in(BodyKind::json));

  router.add(
      Verb::get, "/api/v1/missions",
      [&admin](RequestContext& c) -> asio::awaitable<Response> {
        auto missions = co_await admin.missions(c.principal(), c.request_id);
        if (!missions) co_return error_response(c.request, missions.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& m : *missions) items.push_back(mission_json(m));
        co_return json_response(c.request, Status::ok, {{"items", items}});
      },
      signed_in());

  router.add(
      Verb::post, "/api/v1/missions",
      [&admin](RequestContext& c) -> asio::awaitable<Response> {
        BodyFields fields(*c.body, {"name", "kind", "host_country", "city"});
        store::Mission mission{
            0, fields.required_string("name", 800), fields.optional_string("kind", 32).value_or("embassy"),
            fields.required_string("host_country", 2), fields.required_string("city", 800)};
        if (!fields.ok()) co_return error_response(c.request, fields.error());
        auto added = co_await admin.create_mission(c.principal(), mission, c.request_id);
        if (!added) co_return error_response(c.request, added.error());
        co_return json_response(c.request, Status::created, mission_json(*added));
      },
      signed_in(BodyKind::json));

  router.add(
      Verb::get, "/api/v1/tokens",
      [&admin](RequestContext& c) -> asio::awaitable<Response> {
        auto tokens = co_await admin.tokens(c.principal(), c.request_id);
        if (!tokens) co_return error_response(c.request, tokens.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& t : *tokens) items.push_back(token_json(t));
        co_return json_response(c.request, Status::ok, {{"items", items}});
      },
      signed_in());

  router.add(
      Verb::post, "/api/v1/tokens",
      [&admin](RequestContext& c) -> asio::awaitable<Response> {
        BodyFields fields(*c.body, {"name", "user_id"});
        const std::string name = fields.required_string("name", 400);
        const std::int64_t user_id = fields.required_id("user_id");
        if (!fields.ok()) co_return error_response(c.request, fields.error());
        auto issued = co_await admin.issue_token(c.principal(), name, user_id, c.request_id);
        if (!issued) co_return error_response(c.request, issued.error());
        nlohmann::json body = token_json(issued->record);
        body["token"] = issued->token;
        co_return json_response(c.request, Status::created, body);
      },
      signed_in(BodyKind::json));

  router.add(
      Verb::delete_, "/api/v1/tokens/{id}",
      [&admin](RequestContext& c) -> asio::awaitable<Response> {
        auto id = parse_id(c.params.at("id"), "id");
        if (!id) co_return error_response(c.request, id.error());
        auto done = co_await admin.revoke_token(c.principal(), *id, c.request_id);
        if (!done) co_return error_response(c.request, done.error());
        co_return no_content_response(c.request);
      },
      signed_in());
}

}  // namespace rudi::http
