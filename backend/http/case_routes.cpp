// The /api/v1/cases and /api/v1/suspects routes.
#include "http/case_routes.hpp"

#include "http/body_fields.hpp"
#include "http/case_json.hpp"
#include "http/journey_json.hpp"
#include "http/query.hpp"
#include "http/responses.hpp"

namespace rudi::http {
namespace {
namespace asio = boost::asio;

// The case and person ids of a /cases/{id}/victims/{person_id} path, or the problem with them.
Result<std::pair<std::int64_t, std::int64_t>> victim_path(const RequestContext& c) {
  auto case_id = parse_id(c.params.at("id"), "id");
  if (!case_id) return case_id.error();
  auto person_id = parse_id(c.params.at("person_id"), "person_id");
  if (!person_id) return person_id.error();
  return std::pair{*case_id, *person_id};
}

}  // namespace

void add_case_routes(Router& router, service::CaseFiles& cases) {
  router.add(
      Verb::get, "/api/v1/cases",
      [&cases](RequestContext& c) -> asio::awaitable<Response> {
        // Keyset pages, newest first: ?limit= (1 to 200, default 100) and ?before= the last id seen.
        std::int64_t before = 0;
        int limit = 100;
        std::vector<FieldError> errors;
        for (const auto& [key, value] : query_params(c.request.target())) {
          auto n = parse_id(value, key);
          if (key == "before" && n)
            before = *n;
          else if (key == "limit" && n && *n <= 200)
            limit = static_cast<int>(*n);
          else
            errors.push_back({key, key == "limit"    ? "1 to 200"
                                   : key == "before" ? "a case id"
                                                     : "unknown parameter"});
        }
        if (!errors.empty())
          co_return error_response(c.request, Error::invalid("the query has invalid parameters", errors));
        auto list = co_await cases.cases(c.principal(), before, limit, c.request_id);
        if (!list) co_return error_response(c.request, list.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& record : *list) items.push_back(case_json(record));
        nlohmann::json body = {{"items", items}};
        if (static_cast<int>(list->size()) == limit) body["next"] = {{"before", list->back().id}};
        co_return json_response(c.request, Status::ok, body);
      },
      signed_in());

  router.add(
      Verb::post, "/api/v1/cases",
      [&cases](RequestContext& c) -> asio::awaitable<Response> {
        BodyFields f(*c.body, kCaseFields);
        const CaseDraft draft = case_draft_from(f);
        const auto prosecutors = f.id_list("prosecutors", 20);
        if (!f.ok()) co_return error_response(c.request, f.error());
        auto created = co_await cases.create_case(c.principal(), draft, prosecutors, c.request_id);
        if (!created) co_return error_response(c.request, created.error());
        Response response =
            versioned_response(c.request, Status::created, case_view_json(*created), created->record.version);
        response.set(beast_http::field::location, "/api/v1/cases/" + std::to_string(created->record.id));
        co_return response;
      },
      signed_in_idempotent());

  router.add(
      Verb::get, "/api/v1/cases/{id}",
      [&cases](RequestContext& c) -> asio::awaitable<Response> {
        auto id = parse_id(c.params.at("id"), "id");
        if (!id) co_return error_response(c.request, id.error());
        auto view = co_await cases.case_file(c.principal(), *id, c.request_id);
        if (!view) co_return error_response(c.request, view.error());
        co_return versioned_response(c.request, Status::ok, case_view_json(*view), view->record.version);
      },
      signed_in());

  router.add(
      Verb::patch, "/api/v1/cases/{id}",
      [&cases](RequestContext& c) -> asio::awaitable<Response> {
        auto id = parse_id(c.params.at("id"), "id");
        if (!id) co_return error_response(c.request, id.error());
        const auto version = if_match_version(c.request);
        if (!version) co_return problem_response(c.request, if_match_required());
        if (auto check = merged_update(*c.body, nlohmann::json::object(), kCaseFixedFields); !check)
          co_return error_response(c.request, check.error());
        auto current = co_await cases.case_file(c.principal(), *id, c.request_id);
        if (!current) co_return error_response(c.request, current.error());
        auto merged = merged_update(*c.body, case_json(current->record), kCaseFixedFields);
        if (!merged) co_return error_response(c.request, merged.error());
        BodyFields f(*merged, kCaseFields);
        const CaseDraft draft = case_draft_from(f);
        const auto prosecutors = f.id_list("prosecutors", 20);
        if (!f.ok()) co_return error_response(c.request, f.error());
        auto updated =
            co_await cases.update_case(c.principal(), *id, *version, draft, prosecutors, c.request_id);
        if (!updated) co_return error_response(c.request, updated.error());
        co_return versioned_response(c.request, Status::ok, case_view_json(*updated),
                                     updated->record.version);
      },
      signed_in(BodyKind::json));

  router.add(
      Verb::post, "/api/v1/cases/{id}/suspects",
      [&cases](RequestContext& c) -> asio::awaitable<Response> {
        auto id = parse_id(c.params.at("id"), "id");
        if (!id) co_return error_response(c.request, id.error());
        BodyFields f(*c.body, kSuspectFields);
        const SuspectDraft draft = suspect_draft_from(f);
        if (!f.ok()) co_return error_response(c.request, f.error());
        auto added = co_await cases.add_suspect(c.principal(), *id, draft, c.request_id);
        if (!added) co_return error_response(c.request, added.error());
        Response response =
            versioned_response(c.request, Status::created, suspect_json(*added), added->version);
        response.set(beast_http::field::location, "/api/v1/suspects/" + std::to_string(added->id));
        co_return response;
      },
      signed_in_idempotent());

  router.add(
      Verb::get, "/api/v1/suspects/{id}",
      [&cases](RequestContext& c) -> asio::awaitable<Response> {
        auto id = parse_id(c.params.at("id"), "id");
        if (!id) co_return error_response(c.request, id.error());
        auto suspect = co_await cases.suspect(c.principal(), *id, c.request_id);
        if (!suspect) co_return error_response(c.request, suspect.error());
        co_return versioned_response(c.request, Status::ok, suspect_json(*suspect), suspect->version);
      },
      signed_in());

  router.add(
      Verb::patch, "/api/v1/suspects/{id}",
      [&cases](RequestContext& c) -> asio::awaitable<Response> {
        auto id = parse_id(c.params.at("id"), "id");
        if (!id) co_return error_response(c.request, id.error());
        const auto version = if_match_version(c.request);
        if (!version) co_return problem_response(c.request, if_match_required());
        if (auto check = merged_update(*c.body, nlohmann::json::object(), kSuspectFixedFields); !check)
          co_return error_response(c.request, check.error());
        auto current = co_await cases.suspect(c.principal(), *id, c.request_id);
        if (!current) co_return error_response(c.request, current.error());
        auto merged = merged_update(*c.body, suspect_json(*current), kSuspectFixedFields);
        if (!merged) co_return error_response(c.request, merged.error());
        BodyFields f(*merged, kSuspectFields);
        const SuspectDraft draft = suspect_draft_from(f);
        if (!f.ok()) co_return error_response(c.request, f.error());
        auto updated = co_await cases.update_suspect(c.principal(), *id, *version, draft, c.request_id);
        if (!updated) co_return error_response(c.request, updated.error());
        co_return versioned_response(c.request, Status::ok, suspect_json(*updated), updated->version);
      },
      signed_in(BodyKind::json));

  router.add(
      Verb::get, "/api/v1/suspects/{id}/also-named",
      [&cases](RequestContext& c) -> asio::awaitable<Response> {
        auto id = parse_id(c.params.at("id"), "id");
        if (!id) co_return error_response(c.request, id.error());
        auto answer = co_await cases.also_named(c.principal(), *id, c.request_id);
        if (!answer) co_return error_response(c.request, answer.error());
        co_return json_response(c.request, Status::ok, also_named_json(*answer));
      },
      signed_in());

  router.add(
      Verb::post, "/api/v1/cases/{id}/victims",
      [&cases](RequestContext& c) -> asio::awaitable<Response> {
        auto id = parse_id(c.params.at("id"), "id");
        if (!id) co_return error_response(c.request, id.error());
        BodyFields f(*c.body, {"person_id", "role", "note"});
        service::LinkInput input;
        input.person_id = f.required_id("person_id");
        input.role = f.required_string("role", 40);
        input.note = f.optional_string("note", 16000).value_or("");
        if (!f.ok()) co_return error_response(c.request, f.error());
        auto link = co_await cases.link_victim(c.principal(), *id, input, c.request_id);
        if (!link) co_return error_response(c.request, link.error());
        co_return json_response(c.request, Status::created, link_json(*link));
      },
      signed_in_idempotent());

  router.add(
      Verb::post, "/api/v1/cases/{id}/victims/{person_id}/unlink",
      [&cases](RequestContext& c) -> asio::awaitable<Response> {
        auto ids = victim_path(c);
        if (!ids) co_return error_response(c.request, ids.error());
        BodyFields f(*c.body, {"reason"});
        const auto reason = f.required_string("reason", 8000);
        if (!f.ok()) co_return error_response(c.request, f.error());
        auto done =
            co_await cases.unlink_victim(c.principal(), ids->first, ids->second, reason, c.request_id);
        if (!done) co_return error_response(c.request, done.error());
        co_return json_response(c.request, Status::ok, {{"case_id", ids->first}, {"person_id", ids->second}});
      },
      signed_in(BodyKind::json));

  router.add(
      Verb::get, "/api/v1/cases/{id}/victims/{person_id}/track",
      [&cases](RequestContext& c) -> asio::awaitable<Response> {
        auto ids = victim_path(c);
        if (!ids) co_return error_response(c.request, ids.error());
        auto entries = co_await cases.track(c.principal(), ids->first, ids->second, c.request_id);
        if (!entries) co_return error_response(c.request, entries.error());
        co_return json_response(c.request, Status::ok, track_json(*entries));
      },
      signed_in());

  router.add(
      Verb::post, "/api/v1/cases/{id}/victims/{person_id}/track",
      [&cases](RequestContext& c) -> asio::awaitable<Response> {
        auto ids = victim_path(c);
        if (!ids) co_return error_response(c.request, ids.error());
        BodyFields f(*c.body, {"step", "outcome", "note", "occurred_at"});
        service::StepInput input;
        input.step = f.required_string("step", 40);
        input.outcome = f.optional_string("outcome", 40);
        input.note = f.optional_string("note", 16000).value_or("");
        input.occurred_at = f.optional_string("occurred_at", 40);
        if (!f.ok()) co_return error_response(c.request, f.error());
        auto entries =
            co_await cases.record_step(c.principal(), ids->first, ids->second, input, c.request_id);
        if (!entries) co_return error_response(c.request, entries.error());
        co_return json_response(c.request, Status::created, track_json(*entries));
      },
      signed_in_idempotent());
}

void add_duplicate_routes(Router& router, service::DuplicateDesk& desk) {
  router.add(
      Verb::get, "/api/v1/duplicate-flags",
      [&desk](RequestContext& c) -> asio::awaitable<Response> {
        auto flags = co_await desk.open_flags(c.principal(), c.request_id);
        if (!flags) co_return error_response(c.request, flags.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& flag : *flags) items.push_back(duplicate_flag_json(flag));
        co_return json_response(c.request, Status::ok, {{"items", items}});
      },
      signed_in());

  router.add(
      Verb::post, "/api/v1/duplicate-flags/{id}/resolve",
      [&desk](RequestContext& c) -> asio::awaitable<Response> {
        auto id = parse_id(c.params.at("id"), "id");
        if (!id) co_return error_response(c.request, id.error());
        BodyFields f(*c.body, {"note"});
        const auto note = f.required_string("note", 8000);
        if (!f.ok()) co_return error_response(c.request, f.error());
        auto done = co_await desk.resolve(c.principal(), *id, note, c.request_id);
        if (!done) co_return error_response(c.request, done.error());
        co_return json_response(c.request, Status::ok, {{"id", *id}, {"resolved", true}});
      },
      signed_in(BodyKind::json));
}

}  // namespace rudi::http
