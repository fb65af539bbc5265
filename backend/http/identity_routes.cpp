#include "http/identity_routes.hpp"

#include "http/body_fields.hpp"
#include "http/responses.hpp"

namespace rudi::http {
namespace {
namespace asio = boost::asio;

std::string session_cookie(const std::string& token) {
  // __Host- with Secure, HttpOnly and SameSite=Strict: the browser sends it only to this host, over TLS
  // (or to localhost), never to scripts and never with cross-site requests.
  return std::string(kSessionCookie) + "=" + token + "; Path=/; Secure; HttpOnly; SameSite=Strict";
}

std::string cleared_cookie() {
  return std::string(kSessionCookie) + "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0";
}

std::string scope_of(const auth::Principal& p) {
  switch (p.role) {
    case auth::Role::embassy_officer:
      return "the people of mission " + std::to_string(p.mission_id.value_or(0));
    case auth::Role::ministry_officer:
      return "every national, across all missions";
    case auth::Role::prosecutor:
      return "victims linked to your cases who consent to share with the prosecution";
    case auth::Role::administrator:
      return "users and missions; no survivor data";
    case auth::Role::auditor:
      return "the audit log; no survivor data beyond ids";
  }
  return "";
}

nlohmann::json session_json(const service::SessionView& session, bool include_csrf) {
  nlohmann::json body = principal_json(session.principal);
  const bool required = auth::sees_victim_data(session.principal.role) || session.second_factor_enrolled;
  body["second_factor"] = {{"required", required},
                           {"enrolled", session.second_factor_enrolled},
                           {"done", session.principal.second_factor_done}};
  if (include_csrf) body["csrf_token"] = session.csrf_token;
  return body;
}

template <class T>
std::optional<Response> failed(const Request& request, const Result<T>& result) {
  if (result) return std::nullopt;
  return problem_response(request, problem_from(result.error()));
}

}  // namespace

nlohmann::json principal_json(const auth::Principal& p) {
  nlohmann::json body = {
      {"user_id", p.user_id},
      {"username", p.username},
      {"display_name", p.display_name},
      {"role", auth::to_string(p.role)},
      {"mission_id", p.mission_id ? nlohmann::json(*p.mission_id) : nlohmann::json()},
      {"scope", scope_of(p)},
      {"credential", p.credential == auth::Credential::api_token ? "api_token" : "session"}};
  return body;
}

void add_identity_routes(Router& router, service::Authentication& authentication,
                         service::Administration& administration) {
  router.add(
      Verb::post, "/api/v1/session",
      [&authentication](RequestContext& c) -> asio::awaitable<Response> {
        BodyFields fields(*c.body, {"username", "password"});
        const std::string username = fields.required_string("username", 64);
        const std::string password = fields.required_string("password", 1024);
        if (!fields.ok()) co_return problem_response(c.request, problem_from(fields.error()));
        auto signed_in = co_await authentication.sign_in(username, password, c.peer_address, c.request_id);
        if (auto problem = failed(c.request, signed_in)) co_return *problem;
        Response response = json_response(c.request, Status::created, session_json(signed_in->session, true));
        response.set(beast_http::field::set_cookie, session_cookie(signed_in->session_token));
        co_return response;
      },
      RouteOptions(BodyKind::json));

  router.add(
      Verb::delete_, "/api/v1/session",
      [&authentication](RequestContext& c) -> asio::awaitable<Response> {
        if (c.caller->by_cookie()) {
          auto ended = co_await authentication.sign_out(c.caller->session_token, c.principal(), c.request_id);
          if (auto problem = failed(c.request, ended)) co_return *problem;
        }
        Response response = no_content_response(c.request);
        response.set(beast_http::field::set_cookie, cleared_cookie());
        co_return response;
      },
      signed_in());

  router.add(
      Verb::post, "/api/v1/session/second-factor",
      [&authentication](RequestContext& c) -> asio::awaitable<Response> {
        BodyFields fields(*c.body, {"code", "recovery_code"});
        const std::string code = fields.optional_string("code", 16).value_or("");
        const std::string recovery = fields.optional_string("recovery_code", 32).value_or("");
        if (fields.ok() && code.empty() == recovery.empty()) {
          co_return problem_response(
              c.request, problem_from(Error::invalid("give a code or a recovery code",
                                                     {{"/code", "give one of code and recovery_code"}})));
        }
        if (!fields.ok()) co_return problem_response(c.request, problem_from(fields.error()));
        if (!c.caller->by_cookie())
          co_return problem_response(c.request,
                                     problem_from(Error::conflict("API tokens need no second factor")));
        auto done = co_await authentication.present_second_factor(c.principal(), c.caller->session_token,
                                                                  code, recovery, c.request_id);
        if (auto problem = failed(c.request, done)) co_return *problem;
        co_return no_content_response(c.request);
      },
      signed_in(BodyKind::json));

  router.add(
      Verb::get, "/api/v1/me",
      [](RequestContext& c) -> asio::awaitable<Response> {
        co_return json_response(
            c.request, Status::ok,
            session_json({c.principal(), c.caller->csrf_token, c.caller->second_factor_enrolled},
                         c.caller->by_cookie()));
      },
      signed_in());

  router.add(
      Verb::patch, "/api/v1/me",
      [&administration](RequestContext& c) -> asio::awaitable<Response> {
        // Role, mission and scope are an administrator's to set: a body that tries is refused, not trimmed.
        std::vector<FieldError> refused;
        for (const char* field : {"role", "mission_id", "scope", "username", "active", "user_id"}) {
          if (c.body->is_object() && c.body->contains(field)) {
            refused.push_back({std::string("/") + field, "you cannot change this about yourself"});
          }
        }
        if (!refused.empty()) {
          Problem problem =
              problem_from(Error::forbidden("only an administrator changes roles, missions and scope"));
          problem.fields = std::move(refused);
          co_return problem_response(c.request, problem);
        }
        BodyFields fields(*c.body, {"display_name"});
        const std::string name = fields.required_string("display_name", 800);
        if (!fields.ok()) co_return problem_response(c.request, problem_from(fields.error()));
        auto renamed = co_await administration.rename_self(c.principal(), name, c.request_id);
        if (auto problem = failed(c.request, renamed)) co_return *problem;
        co_return no_content_response(c.request);
      },
      signed_in(BodyKind::json));

  router.add(
      Verb::post, "/api/v1/me/second-factor",
      [&authentication](RequestContext& c) -> asio::awaitable<Response> {
        auto enrolment = co_await authentication.begin_enrolment(c.principal(), c.request_id);
        if (auto problem = failed(c.request, enrolment)) co_return *problem;
        co_return json_response(c.request, Status::created,
                                {{"secret", enrolment->secret}, {"otpauth_uri", enrolment->otpauth_uri}});
      },
      signed_in());

  router.add(
      Verb::post, "/api/v1/me/second-factor/confirm",
      [&authentication](RequestContext& c) -> asio::awaitable<Response> {
        BodyFields fields(*c.body, {"code"});
        const std::string code = fields.required_string("code", 16);
        if (!fields.ok()) co_return problem_response(c.request, problem_from(fields.error()));
        auto codes = co_await authentication.confirm_enrolment(c.principal(), c.caller->session_token, code,
                                                               c.request_id);
        if (auto problem = failed(c.request, codes)) co_return *problem;
        co_return json_response(c.request, Status::ok, {{"recovery_codes", *codes}});
      },
      signed_in(BodyKind::json));
}

}  // namespace rudi::http
