// The /api/v1/people routes: list and search, the CSV export, create, read, update (If-Match),
// transitions, timeline, consent.
#include "http/journey_routes.hpp"

#include "http/body_fields.hpp"
#include "http/journey_json.hpp"
#include "http/people_csv.hpp"
#include "http/query.hpp"
#include "http/responses.hpp"

namespace rudi::http {
namespace {
namespace asio = boost::asio;
}  // namespace

void add_people_routes(Router& router, service::JourneyRecords& records) {
  router.add(
      Verb::get, "/api/v1/people",
      [&records](RequestContext& c) -> asio::awaitable<Response> {
        auto filter = people_filter(query_params(c.request.target()));
        if (!filter) co_return error_response(c.request, filter.error());
        auto rows = co_await records.people(c.principal(), *filter, c.request_id);
        if (!rows) co_return error_response(c.request, rows.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& p : *rows) items.push_back(card_json(p));
        nlohmann::json body = {{"items", items}};
        // The keyset cursor of the next page (none for a search, which returns its best matches).
        if (static_cast<int>(rows->size()) == filter->limit && !filter->query) {
          body["next"] = {{"after", rows->back().id}};
          if (filter->sort == store::PeopleFilter::Sort::name)
            body["next"]["after_name"] = rows->back().fields["search_name"];
        }
        co_return json_response(c.request, Status::ok, body);
      },
      signed_in());

  // Before /api/v1/people/{id}: the first route that matches a path answers it, and "export.csv" would
  // otherwise be taken for an id.
  router.add(
      Verb::get, "/api/v1/people/export.csv",
      [&records](RequestContext& c) -> asio::awaitable<Response> {
        auto filter = people_export_filter(query_params(c.request.target()));
        if (!filter) co_return error_response(c.request, filter.error());
        auto rows = co_await records.export_people(c.principal(), *filter, c.request_id);
        if (!rows) co_return error_response(c.request, rows.error());
        Response response =
            text_response(c.request, Status::ok, "text/csv; charset=utf-8", people_csv(*rows));
        response.set(beast_http::field::content_disposition,
                     "attachment; filename=\"" +
                         people_csv_filename(today_utc(std::chrono::system_clock::now())) + "\"");
        co_return response;
      },
      signed_in());

  router.add(
      Verb::post, "/api/v1/people",
      [&records](RequestContext& c) -> asio::awaitable<Response> {
        BodyFields f(*c.body, kPersonFields);
        const auto mission = f.optional_id("mission_id");
        PersonDraft draft = draft_from(f);
        if (!f.ok()) co_return error_response(c.request, f.error());
        const auto query = query_params(c.request.target());
        const auto similar = query.find("allow_similar");
        const bool allow_similar = similar != query.end() && similar->second == "true";
        auto person =
            co_await records.create_person(c.principal(), mission, draft, allow_similar, c.request_id);
        if (!person) co_return error_response(c.request, person.error());
        Response response = json_response(c.request, Status::created, person_json(*person));
        response.set(beast_http::field::location, "/api/v1/people/" + std::to_string(person->row.id));
        response.set(beast_http::field::etag, "\"" + std::to_string(person->row.version) + "\"");
        co_return response;
      },
      signed_in_idempotent());

  router.add(
      Verb::get, "/api/v1/people/{id}",
      [&records](RequestContext& c) -> asio::awaitable<Response> {
        auto id = parse_id(c.params.at("id"), "id");
        if (!id) co_return error_response(c.request, id.error());
        auto person = co_await records.person(c.principal(), *id, c.request_id);
        if (!person) co_return error_response(c.request, person.error());
        co_return versioned_response(c.request, Status::ok, person_json(*person), person->row.version);
      },
      signed_in());

  router.add(
      Verb::patch, "/api/v1/people/{id}",
      [&records](RequestContext& c) -> asio::awaitable<Response> {
        auto id = parse_id(c.params.at("id"), "id");
        if (!id) co_return error_response(c.request, id.error());
        const auto version = if_match_version(c.request);
        if (!version) co_return problem_response(c.request, if_match_required());
        // Fixed fields are refused before the record is read, so a refused update reads nothing.
        if (auto check = merged_update(*c.body, nlohmann::json::object(), kFixedFields); !check) {
          co_return error_response(c.request, check.error());
        }
        auto current = co_await records.person(c.principal(), *id, c.request_id);
        if (!current) co_return error_response(c.request, current.error());
        auto merged = merged_update(*c.body, current->row.fields, kFixedFields);
        if (!merged) co_return error_response(c.request, merged.error());
        BodyFields f(*merged, kPersonFields);
        PersonDraft draft = draft_from(f);
        if (!c.body->contains("document_number")) draft.document_number.reset();
        if (!f.ok()) co_return error_response(c.request, f.error());
        auto updated = co_await records.update_person(c.principal(), *id, *version, draft, c.request_id);
        if (!updated) co_return error_response(c.request, updated.error());
        co_return versioned_response(c.request, Status::ok, person_json(*updated), updated->row.version);
      },
      signed_in(BodyKind::json));

  router.add(
      Verb::post, "/api/v1/people/{id}/transitions",
      [&records](RequestContext& c) -> asio::awaitable<Response> {
        auto id = parse_id(c.params.at("id"), "id");
        if (!id) co_return error_response(c.request, id.error());
        BodyFields f(*c.body, {"to", "hold", "hold_reason", "release", "reason", "note", "occurred_at"});
        service::TransitionInput input;
        const auto to = f.optional_string("to", 32);
        const auto hold_reason = f.optional_string("hold_reason", 32);
        const bool hold = c.body->value("hold", false) == true;
        const bool release = c.body->value("release", false) == true;
        input.request.reason = f.optional_string("reason", 4000).value_or("");
        input.note = f.optional_string("note", 16000).value_or("");
        input.occurred_at = f.optional_string("occurred_at", 40);
        std::vector<FieldError> errors;
        if ((to.has_value() ? 1 : 0) + (hold ? 1 : 0) + (release ? 1 : 0) != 1) {
          errors.push_back({"/to", "give exactly one of: to (a stage), hold: true, release: true"});
        }
        if (to) {
          if (auto stage = parse_stage(*to))
            input.request.to = *stage;
          else
            errors.push_back({"/to", "not a stage"});
        }
        if (hold) {
          input.request.kind = TransitionRequest::Kind::hold;
          if (hold_reason) {
            input.request.hold_reason = parse_hold_reason(*hold_reason);
            if (!input.request.hold_reason) errors.push_back({"/hold_reason", "not a hold reason"});
          }
        }
        if (release) input.request.kind = TransitionRequest::Kind::release;
        if (!f.ok()) co_return error_response(c.request, f.error());
        if (!errors.empty())
          co_return error_response(c.request, Error::invalid("the transition is not well formed", errors));
        auto done = co_await records.transition(c.principal(), *id, input, c.request_id);
        if (!done) co_return error_response(c.request, done.error());
        nlohmann::json body = card_json(done->person);
        body["kind"] = to_string(done->kind);
        co_return versioned_response(c.request, Status::created, body, done->person.version);
      },
      signed_in_idempotent());

  router.add(
      Verb::post, "/api/v1/people/{id}/consents",
      [&records](RequestContext& c) -> asio::awaitable<Response> {
        auto id = parse_id(c.params.at("id"), "id");
        if (!id) co_return error_response(c.request, id.error());
        BodyFields f(*c.body, {"purpose", "status", "method", "note"});
        service::ConsentInput input{f.required_string("purpose", 32), f.required_string("status", 16),
                                    f.required_string("method", 16),
                                    f.optional_string("note", 8000).value_or("")};
        if (!f.ok()) co_return error_response(c.request, f.error());
        auto view = co_await records.record_consent(c.principal(), *id, input, c.request_id);
        if (!view) co_return error_response(c.request, view.error());
        co_return json_response(c.request, Status::created, consent_json(*view));
      },
      signed_in_idempotent());

  router.add(
      Verb::get, "/api/v1/people/{id}/consents",
      [&records](RequestContext& c) -> asio::awaitable<Response> {
        auto id = parse_id(c.params.at("id"), "id");
        if (!id) co_return error_response(c.request, id.error());
        auto view = co_await records.consents(c.principal(), *id, c.request_id);
        if (!view) co_return error_response(c.request, view.error());
        co_return json_response(c.request, Status::ok, consent_json(*view));
      },
      signed_in());

  router.add(
      Verb::get, "/api/v1/people/{id}/timeline",
      [&records](RequestContext& c) -> asio::awaitable<Response> {
        auto id = parse_id(c.params.at("id"), "id");
        if (!id) co_return error_response(c.request, id.error());
        auto steps = co_await records.timeline(c.principal(), *id, c.request_id);
        if (!steps) co_return error_response(c.request, steps.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& s : *steps) items.push_back(step_json(s));
        co_return json_response(c.request, Status::ok, {{"items", items}});
      },
      signed_in());
}

}  // namespace rudi::http
