// JSON of journey records and the request parts several journey routes share.
#include "http/journey_json.hpp"

#include <algorithm>

#include "http/query.hpp"
#include "http/responses.hpp"

namespace rudi::http {

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
  nlohmann::json cases = nlohmann::json::array();
  for (const auto& link : view.cases)
    cases.push_back({{"case_id", link.case_id}, {"role", link.role}, {"linked_at", link.linked_at}});
  body["cases"] = cases;  // the cases linked now that the caller may see
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

extern const std::initializer_list<const char*> kPersonFields;
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
extern const std::initializer_list<const char*> kCohortFields;
const std::initializer_list<const char*> kCohortFields = {"name",     "released_on", "country",
                                                          "locality", "partners",    "notes"};
extern const std::initializer_list<const char*> kCohortFixedFields;
const std::initializer_list<const char*> kCohortFixedFields = {"id", "mission_id", "version"};

service::CohortDraft cohort_draft_from(BodyFields& f, std::optional<std::int64_t> mission_id) {
  return {mission_id,
          f.required_string("name", 800),
          f.required_string("released_on", 10),
          f.required_string("country", 2),
          f.optional_string("locality", 800).value_or(""),
          f.optional_string("partners", 4000).value_or(""),
          f.optional_string("notes", 16000).value_or("")};
}

Result<nlohmann::json> merged_update(const nlohmann::json& body, nlohmann::json current,
                                     std::initializer_list<const char*> fixed) {
  if (!body.is_object()) return Error::invalid("the body must be a JSON object");
  std::vector<FieldError> refused;
  for (const char* field : fixed) {
    if (body.contains(field)) refused.push_back({std::string("/") + field, "cannot be changed by an update"});
  }
  if (!refused.empty()) return Error::invalid("some fields cannot be changed here", std::move(refused));
  for (const char* field : fixed) current.erase(field);
  for (const auto& [key, value] : body.items()) current[key] = value;
  return current;
}

Response versioned_response(const Request& request, Status status, const nlohmann::json& body, int version) {
  Response response = json_response(request, status, body);
  response.set(beast_http::field::etag, "\"" + std::to_string(version) + "\"");
  return response;
}

extern const std::initializer_list<const char*> kFixedFields;
const std::initializer_list<const char*> kFixedFields = {
    "id",         "mission_id", "cohort_id",     "stage",   "on_hold",     "hold_reason", "stage_since",
    "created_at", "version",    "days_in_stage", "consent", "search_name", "cases"};

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

Result<store::PeopleFilter> people_export_filter(const std::map<std::string, std::string>& q) {
  std::map<std::string, std::string> filters = q;
  std::vector<FieldError> errors;
  for (const char* paging : {"after", "after_name", "limit"}) {
    if (filters.erase(paging) > 0) {
      errors.push_back({paging, "an export has no pages: it holds every person the filters match, up to " +
                                    std::to_string(service::kMaxExport)});
    }
  }
  auto filter = people_filter(filters);
  if (errors.empty()) return filter;
  if (!filter) errors.insert(errors.end(), filter.error().fields.begin(), filter.error().fields.end());
  return Error::invalid("the query has invalid parameters", errors);
}

}  // namespace rudi::http
