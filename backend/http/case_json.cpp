#include "http/case_json.hpp"

namespace rudi::http {
namespace {

nlohmann::json optional_json(const std::optional<std::string>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}

}  // namespace

const std::initializer_list<const char*> kCaseFields = {"file_number", "title",   "court", "police_station",
                                                        "status",      "charges", "notes", "prosecutors"};
const std::initializer_list<const char*> kCaseFixedFields = {"id", "version", "created_at", "victims",
                                                             "suspects"};
const std::initializer_list<const char*> kSuspectFields = {
    "kind", "name", "aliases", "phones", "agencies", "roles", "nationality", "notes", "named_by"};
const std::initializer_list<const char*> kSuspectFixedFields = {"id", "case_id", "version", "recruiter"};

nlohmann::json case_json(const store::CaseRecord& c) {
  return {{"id", c.id},
          {"file_number", c.fields.file_number},
          {"title", c.fields.title},
          {"court", c.fields.court},
          {"police_station", c.fields.police_station},
          {"status", c.fields.status},
          {"charges", c.fields.charges},
          {"notes", c.fields.notes},
          {"prosecutors", c.prosecutors},
          {"version", c.version},
          {"created_at", c.created_at}};
}

nlohmann::json case_view_json(const service::CaseView& view) {
  nlohmann::json body = case_json(view.record);
  nlohmann::json victims = nlohmann::json::array();
  for (const auto& link : view.victims) victims.push_back(link_json(link));
  nlohmann::json suspects = nlohmann::json::array();
  for (const auto& s : view.suspects) suspects.push_back(suspect_json(s));
  body["victims"] = victims;
  body["suspects"] = suspects;
  return body;
}

nlohmann::json suspect_json(const store::SuspectRecord& s) {
  return {{"id", s.id},
          {"case_id", s.case_id},
          {"kind", s.fields.kind},
          {"name", s.fields.name},
          {"aliases", s.fields.aliases},
          {"phones", s.fields.phones},
          {"agencies", s.fields.agencies},
          {"roles", s.fields.roles},
          {"recruiter", is_recruiter(s.fields)},
          {"nationality", optional_json(s.fields.nationality)},
          {"notes", s.fields.notes},
          {"named_by", s.fields.named_by},
          {"version", s.version}};
}

nlohmann::json link_json(const store::VictimLink& link) {
  return {{"case_id", link.case_id},
          {"person_id", link.person_id},
          {"role", link.role},
          {"linked_at", link.linked_at}};
}

nlohmann::json track_json(const std::vector<store::TrackEntry>& entries) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& e : entries) {
    items.push_back({{"id", e.id},
                     {"step", e.step},
                     {"outcome", optional_json(e.outcome)},
                     {"note", e.note},
                     {"actor_id", e.actor_id ? nlohmann::json(*e.actor_id) : nlohmann::json()},
                     {"occurred_at", e.occurred_at},
                     {"recorded_at", e.recorded_at}});
  }
  return {{"items", items}};
}

nlohmann::json also_named_json(const service::AlsoNamed& a) {
  nlohmann::json matches = nlohmann::json::array();
  for (const auto& m : a.matches) {
    matches.push_back({{"suspect_id", m.suspect_id},
                       {"case_id", m.case_id},
                       {"name", m.name},
                       {"matched_on", m.matched_on},
                       {"named_by", m.named_by}});
  }
  return {{"suspect", suspect_json(a.suspect)},
          {"matches", matches},
          {"victims", {{"visible", a.visible_victims}, {"beyond_your_scope", a.victims_beyond}}},
          {"cases", {{"visible", a.visible_cases}, {"beyond_your_scope", a.cases_beyond}}}};
}

nlohmann::json duplicate_flag_json(const store::DuplicateFlag& f) {
  return {
      {"id", f.id},
      {"existing_person_id", f.existing_person_id ? nlohmann::json(*f.existing_person_id) : nlohmann::json()},
      {"reported_by", f.reported_by},
      {"reporting_mission", f.reporting_mission ? nlohmann::json(*f.reporting_mission) : nlohmann::json()},
      {"attempted", f.attempted},
      {"created_at", f.created_at}};
}

CaseDraft case_draft_from(BodyFields& f) {
  CaseDraft d;
  d.file_number = f.required_string("file_number", 100);
  d.title = f.required_string("title", 800);
  d.court = f.optional_string("court", 800).value_or("");
  d.police_station = f.optional_string("police_station", 800).value_or("");
  d.status = f.optional_string("status", 40).value_or("investigation");
  d.charges = f.string_list("charges", 30, 20);
  d.notes = f.optional_string("notes", 16000).value_or("");
  return d;
}

SuspectDraft suspect_draft_from(BodyFields& f) {
  SuspectDraft d;
  d.kind = f.optional_string("kind", 20).value_or("person");
  d.name = f.required_string("name", 800);
  d.aliases = f.string_list("aliases", 20, 800);
  d.phones = f.string_list("phones", 20, 40);
  d.agencies = f.string_list("agencies", 20, 800);
  d.roles = f.string_list("roles", 15, 40);
  d.nationality = f.optional_string("nationality", 8);
  d.notes = f.optional_string("notes", 16000).value_or("");
  d.named_by = f.id_list("named_by", 500);
  return d;
}

}  // namespace rudi::http
