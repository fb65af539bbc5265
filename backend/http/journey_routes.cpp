#include "http/journey_routes.hpp"

#include <algorithm>

#include "http/body_fields.hpp"
#include "http/query.hpp"
#include "http/responses.hpp"

namespace rudi::http {
namespace {
namespace asio = boost::asio;

nlohmann::json cohort_json(const store::Cohort& c) {
  return {{"id", c.id},
          {"mission_id", c.mission_id},
          {"name", c.name},
          {"released_on", c.released_on},
          {"country", c.country},
          {"locality", c.locality},
          {"partners", c.partners},
          {"notes", c.notes},
          {"version", c.version}};
}

// The card a board shows: enough to recognise and place a person, no more.
nlohmann::json card_json(const store::PersonRow& p) {
  const auto& f = p.fields;
  const auto& vulnerabilities = f["vulnerabilities"];
  auto has = [&](const char* v) {
    return std::find(vulnerabilities.begin(), vulnerabilities.end(), v) != vulnerabilities.end();
  };
  return {{"id", p.id},
          {"cohort_id", p.cohort_id ? nlohmann::json(*p.cohort_id) : nlohmann::json()},
          {"mission_id", p.mission_id},
          {"given_name", f["given_name"]},
          {"family_name", f["family_name"]},
          {"estimated_age", f["estimated_age"]},
          {"date_of_birth", f["date_of_birth"]},
          {"stage", to_string(p.stage)},
          {"on_hold", p.on_hold},
          {"hold_reason", f["hold_reason"]},
          {"days_in_stage", p.days_in_stage},
          {"flags", {{"minor", has("minor")}, {"medical", has("medical_need")}, {"on_hold", p.on_hold}}},
          {"version", p.version}};
}

nlohmann::json person_json(const service::PersonView& view) {
  nlohmann::json body = view.row.fields;
  body["id"] = view.row.id;
  body["mission_id"] = view.row.mission_id;
  body["cohort_id"] = view.row.cohort_id ? nlohmann::json(*view.row.cohort_id) : nlohmann::json();
  body["stage"] = to_string(view.row.stage);
  body["on_hold"] = view.row.on_hold;
  body["days_in_stage"] = view.row.days_in_stage;
  body["version"] = view.row.version;
  body["document_number"] = view.document_number ? nlohmann::json(*view.document_number) : nlohmann::json();
  body["consent"] = view.consent;
  body.erase("search_name");
  return body;
}

nlohmann::json consent_json(const service::ConsentView& view) {
  nlohmann::json history = nlohmann::json::array();
  for (const auto& c : view.history) {
    history.push_back({{"id", c.id},
                       {"purpose", c.purpose},
                       {"status", c.status},
                       {"method", c.method},
                       {"note", c.note},
                       {"recorded_by", c.recorded_by ? nlohmann::json(*c.recorded_by) : nlohmann::json()},
                       {"recorded_at", c.recorded_at}});
  }
  return {{"in_force", view.in_force}, {"history", history}};
}

nlohmann::json step_json(const store::JourneyStep& s) {
  return {{"id", s.id},
          {"kind", s.kind},
          {"from", s.from_stage ? nlohmann::json(*s.from_stage) : nlohmann::json()},
          {"to", s.to_stage},
          {"on_hold", s.on_hold},
          {"hold_reason", s.hold_reason ? nlohmann::json(*s.hold_reason) : nlohmann::json()},
          {"reason", s.reason},
          {"note", s.note},
          {"actor_id", s.actor_id ? nlohmann::json(*s.actor_id) : nlohmann::json()},
          {"occurred_at", s.occurred_at},
          {"recorded_at", s.recorded_at}};
}

PersonDraft draft_from(BodyFields& f) {
  PersonDraft d;
  d.cohort_id = f.optional_id("cohort_id");
  d.given_name = f.required_string("given_name", 800);
  d.family_name = f.required_string("family_name", 800);
  d.other_names = f.optional_string("other_names", 1600).value_or("");
  d.sex = f.optional_string("sex", 16).value_or("unknown");
  d.date_of_birth = f.optional_string("date_of_birth", 10);
  d.estimated_age = f.optional_int("estimated_age", 0, 120);
  d.nationality = f.optional_string("nationality", 2).value_or("KE");
  d.document_kind = f.optional_string("document_kind", 32);
  d.document_number = f.optional_string("document_number", 64);
  d.phone = f.optional_string("phone", 16);
  d.next_of_kin_name = f.optional_string("next_of_kin_name", 800).value_or("");
  d.next_of_kin_phone = f.optional_string("next_of_kin_phone", 16);
  d.next_of_kin_relation = f.optional_string("next_of_kin_relation", 400).value_or("");
  d.home_county = f.optional_string("home_county", 400).value_or("");
  d.languages = f.string_list("languages", 10, 200);
  d.vulnerabilities = f.string_list("vulnerabilities", 5, 32);
  d.current_location = f.optional_string("current_location", 800).value_or("");
  d.stage = f.optional_string("stage", 16).value_or("reported");
  d.trafficking_status = f.optional_string("trafficking_status", 64);
  d.status_decided_by = f.optional_string("status_decided_by", 64);
  d.exploitation_types = f.string_list("exploitation_types", 10, 64);
  d.control_methods = f.string_list("control_methods", 15, 64);
  d.recruitment_method = f.optional_string("recruitment_method", 64);
  d.recruitment_apps = f.string_list("recruitment_apps", 10, 64);
  d.trafficker_relationship = f.optional_string("trafficker_relationship", 32);
  d.recruitment_place = f.optional_string("recruitment_place", 800).value_or("");
  d.exploitation_place = f.optional_string("exploitation_place", 800).value_or("");
  return d;
}

const std::initializer_list<const char*> kPersonFields = {"cohort_id",
                                                          "mission_id",
                                                          "given_name",
                                                          "family_name",
                                                          "other_names",
                                                          "sex",
                                                          "date_of_birth",
                                                          "estimated_age",
                                                          "nationality",
                                                          "document_kind",
                                                          "document_number",
                                                          "phone",
                                                          "next_of_kin_name",
                                                          "next_of_kin_phone",
                                                          "next_of_kin_relation",
                                                          "home_county",
                                                          "languages",
                                                          "vulnerabilities",
                                                          "current_location",
                                                          "stage",
                                                          "trafficking_status",
                                                          "status_decided_by",
                                                          "exploitation_types",
                                                          "control_methods",
                                                          "recruitment_method",
                                                          "recruitment_apps",
                                                          "trafficker_relationship",
                                                          "recruitment_place",
                                                          "exploitation_place"};

// The version an If-Match header names: "3" (or W/"3").
std::optional<int> if_match_version(const Request& request) {
  std::string value(request[beast_http::field::if_match]);
  if (value.starts_with("W/")) value = value.substr(2);
  if (value.size() < 3 || value.front() != '"' || value.back() != '"') return std::nullopt;
  auto id = parse_id(value.substr(1, value.size() - 2), "If-Match");
  if (!id || *id > 1'000'000'000) return std::nullopt;
  return static_cast<int>(*id);
}

Problem if_match_required() {
  return {Status::precondition_required,
          "precondition-required",
          "If-Match required",
          "send the record's ETag in If-Match, so that a stale edit cannot overwrite a newer one",
          {},
          nlohmann::json::object()};
}

// Fields that are not changed by an update: the journey moves by transitions, a record stays in its
// mission and cohort.
const std::initializer_list<const char*> kFixedFields = {
    "id",          "mission_id", "cohort_id", "stage",         "on_hold", "hold_reason",
    "stage_since", "created_at", "version",   "days_in_stage", "consent", "search_name"};

Result<store::PeopleFilter> people_filter(const std::map<std::string, std::string>& q) {
  store::PeopleFilter filter;
  std::vector<FieldError> errors;
  auto id_of = [&](const std::string& key, const std::string& value) -> std::optional<std::int64_t> {
    auto id = parse_id(value, key);
    if (!id) errors.push_back({key, "must be a positive integer"});
    return id ? std::optional<std::int64_t>(*id) : std::nullopt;
  };
  for (const auto& [key, value] : q) {
    if (key == "cohort_id") {
      filter.cohort_id = id_of(key, value);
    } else if (key == "mission_id") {
      filter.mission_id = id_of(key, value);
    } else if (key == "stage") {
      if (parse_stage(value))
        filter.stage = value;
      else
        errors.push_back({key, "not a stage"});
    } else if (key == "on_hold") {
      if (value == "true" || value == "false")
        filter.on_hold = value == "true";
      else
        errors.push_back({key, "true or false"});
    } else if (key == "minor") {
      if (value == "true")
        filter.vulnerability = "minor";
      else if (value != "false")
        errors.push_back({key, "true or false"});
    } else if (key == "vulnerability") {
      const auto& allowed = allowed_values("vulnerabilities");
      if (std::find(allowed.begin(), allowed.end(), value) != allowed.end())
        filter.vulnerability = value;
      else
        errors.push_back({key, "not a vulnerability"});
    } else if (key == "min_days_in_stage") {
      auto n = parse_id(value, key);
      if (n && *n <= 3650)
        filter.min_days_in_stage = static_cast<int>(*n);
      else
        errors.push_back({key, "1 to 3650"});
    } else if (key == "q") {
      if (value.size() < 2 || value.size() > 100)
        errors.push_back({key, "2 to 100 characters"});
      else
        filter.query = value;
    } else if (key == "sort") {
      if (value == "name")
        filter.sort = store::PeopleFilter::Sort::name;
      else if (value != "id")
        errors.push_back({key, "id or name"});
    } else if (key == "after") {
      if (auto id = id_of(key, value)) filter.after_id = *id;
    } else if (key == "after_name") {
      if (value.size() > 1000)
        errors.push_back({key, "too long"});
      else
        filter.after_name = value;
    } else if (key == "limit") {
      auto n = parse_id(value, key);
      if (n && *n <= service::kMaxPage)
        filter.limit = static_cast<int>(*n);
      else
        errors.push_back({key, "1 to " + std::to_string(service::kMaxPage)});
    } else {
      errors.push_back({key, "unknown parameter"});
    }
  }
  if (filter.sort == store::PeopleFilter::Sort::name && filter.after_id > 0 && !filter.after_name) {
    errors.push_back({"after_name", "the name cursor goes with after when sorting by name"});
  }
  if (!errors.empty()) return Error::invalid("the query has invalid parameters", errors);
  return filter;
}

}  // namespace

void add_journey_routes(Router& router, service::JourneyRecords& records) {
  router.add(
      Verb::get, "/api/v1/cohorts",
      [&records](RequestContext& c) -> asio::awaitable<Response> {
        auto cohorts = co_await records.cohorts(c.principal(), c.request_id);
        if (!cohorts) co_return error_response(c.request, cohorts.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& cohort : *cohorts) items.push_back(cohort_json(cohort));
        co_return json_response(c.request, Status::ok, {{"items", items}});
      },
      signed_in());

  router.add(
      Verb::post, "/api/v1/cohorts",
      [&records](RequestContext& c) -> asio::awaitable<Response> {
        BodyFields f(*c.body,
                     {"mission_id", "name", "released_on", "country", "locality", "partners", "notes"});
        service::CohortDraft draft{f.optional_id("mission_id"),
                                   f.required_string("name", 800),
                                   f.required_string("released_on", 10),
                                   f.required_string("country", 2),
                                   f.optional_string("locality", 800).value_or(""),
                                   f.optional_string("partners", 4000).value_or(""),
                                   f.optional_string("notes", 16000).value_or("")};
        if (!f.ok()) co_return error_response(c.request, f.error());
        auto cohort = co_await records.create_cohort(c.principal(), draft, c.request_id);
        if (!cohort) co_return error_response(c.request, cohort.error());
        co_return json_response(c.request, Status::created, cohort_json(*cohort));
      },
      signed_in_idempotent());

  router.add(
      Verb::get, "/api/v1/cohorts/{id}",
      [&records](RequestContext& c) -> asio::awaitable<Response> {
        auto id = parse_id(c.params.at("id"), "id");
        if (!id) co_return error_response(c.request, id.error());
        auto cohort = co_await records.cohort(c.principal(), *id, c.request_id);
        if (!cohort) co_return error_response(c.request, cohort.error());
        Response response = json_response(c.request, Status::ok, cohort_json(*cohort));
        response.set(beast_http::field::etag, "\"" + std::to_string(cohort->version) + "\"");
        co_return response;
      },
      signed_in());

  router.add(
      Verb::patch, "/api/v1/cohorts/{id}",
      [&records](RequestContext& c) -> asio::awaitable<Response> {
        auto id = parse_id(c.params.at("id"), "id");
        if (!id) co_return error_response(c.request, id.error());
        const auto version = if_match_version(c.request);
        if (!version) co_return problem_response(c.request, if_match_required());
        if (!c.body->is_object())
          co_return error_response(c.request, Error::invalid("the body must be a JSON object"));
        for (const char* fixed : {"id", "mission_id", "version"}) {
          if (c.body->contains(fixed)) {
            co_return error_response(c.request,
                                     Error::invalid("this field cannot be changed",
                                                    {{std::string("/") + fixed, "cannot be changed"}}));
          }
        }
        auto current = co_await records.cohort(c.principal(), *id, c.request_id);
        if (!current) co_return error_response(c.request, current.error());
        nlohmann::json merged = cohort_json(*current);
        for (const char* fixed : {"id", "mission_id", "version"}) merged.erase(fixed);
        for (const auto& [key, value] : c.body->items()) merged[key] = value;
        BodyFields f(merged, {"name", "released_on", "country", "locality", "partners", "notes"});
        service::CohortDraft draft{std::nullopt,
                                   f.required_string("name", 800),
                                   f.required_string("released_on", 10),
                                   f.required_string("country", 2),
                                   f.optional_string("locality", 800).value_or(""),
                                   f.optional_string("partners", 4000).value_or(""),
                                   f.optional_string("notes", 16000).value_or("")};
        if (!f.ok()) co_return error_response(c.request, f.error());
        auto updated = co_await records.update_cohort(c.principal(), *id, *version, draft, c.request_id);
        if (!updated) co_return error_response(c.request, updated.error());
        Response response = json_response(c.request, Status::ok, cohort_json(*updated));
        response.set(beast_http::field::etag, "\"" + std::to_string(updated->version) + "\"");
        co_return response;
      },
      signed_in(BodyKind::json));

  router.add(
      Verb::get, "/api/v1/cohorts/{id}/board",
      [&records](RequestContext& c) -> asio::awaitable<Response> {
        auto id = parse_id(c.params.at("id"), "id");
        if (!id) co_return error_response(c.request, id.error());
        auto board = co_await records.board(c.principal(), *id, c.request_id);
        if (!board) co_return error_response(c.request, board.error());
        nlohmann::json counts = nlohmann::json::object();
        for (const auto& info : stage_table()) counts[std::string(info.name)] = 0;
        counts["on_hold"] = 0;
        for (const auto& [stage, n] : board->counts) counts[stage] = n;
        nlohmann::json people = nlohmann::json::array();
        for (const auto& p : board->people) people.push_back(card_json(p));
        co_return json_response(c.request, Status::ok,
                                {{"cohort", cohort_json(board->cohort)},
                                 {"counts", counts},
                                 {"people", people},
                                 {"as_of", board->as_of}});
      },
      signed_in());

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

  router.add(
      Verb::post, "/api/v1/people",
      [&records](RequestContext& c) -> asio::awaitable<Response> {
        BodyFields f(*c.body, kPersonFields);
        const auto mission = f.optional_id("mission_id");
        PersonDraft draft = draft_from(f);
        if (!f.ok()) co_return error_response(c.request, f.error());
        auto person = co_await records.create_person(c.principal(), mission, draft, c.request_id);
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
        Response response = json_response(c.request, Status::ok, person_json(*person));
        response.set(beast_http::field::etag, "\"" + std::to_string(person->row.version) + "\"");
        co_return response;
      },
      signed_in());

  router.add(
      Verb::patch, "/api/v1/people/{id}",
      [&records](RequestContext& c) -> asio::awaitable<Response> {
        auto id = parse_id(c.params.at("id"), "id");
        if (!id) co_return error_response(c.request, id.error());
        const auto version = if_match_version(c.request);
        if (!version) co_return problem_response(c.request, if_match_required());
        if (!c.body->is_object())
          co_return error_response(c.request, Error::invalid("the body must be a JSON object"));
        std::vector<FieldError> fixed;
        for (const char* field : kFixedFields) {
          if (c.body->contains(field))
            fixed.push_back({std::string("/") + field, "cannot be changed by an update"});
        }
        if (!fixed.empty())
          co_return error_response(c.request, Error::invalid("some fields cannot be changed here", fixed));
        auto current = co_await records.person(c.principal(), *id, c.request_id);
        if (!current) co_return error_response(c.request, current.error());
        // The change is the current record with the body's fields over it.
        nlohmann::json merged = current->row.fields;
        for (const char* field : kFixedFields) merged.erase(field);
        for (const auto& [key, value] : c.body->items()) merged[key] = value;
        BodyFields f(merged, kPersonFields);
        PersonDraft draft = draft_from(f);
        if (!c.body->contains("document_number")) draft.document_number.reset();
        if (!f.ok()) co_return error_response(c.request, f.error());
        auto updated = co_await records.update_person(c.principal(), *id, *version, draft, c.request_id);
        if (!updated) co_return error_response(c.request, updated.error());
        Response response = json_response(c.request, Status::ok, person_json(*updated));
        response.set(beast_http::field::etag, "\"" + std::to_string(updated->row.version) + "\"");
        co_return response;
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
        body["event_seq"] = done->event_seq;
        Response response = json_response(c.request, Status::created, body);
        response.set(beast_http::field::etag, "\"" + std::to_string(done->person.version) + "\"");
        co_return response;
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
