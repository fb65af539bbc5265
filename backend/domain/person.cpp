#include "domain/person.hpp"

#include <algorithm>
#include <map>

namespace rudi {
namespace {

const std::map<std::string, std::vector<std::string>, std::less<>>& value_lists() {
  static const std::map<std::string, std::vector<std::string>, std::less<>> kLists = {
      {"sex", {"female", "male", "other", "unknown"}},
      {"document_kind", {"passport", "national_id", "emergency_travel_document", "other"}},
      {"vulnerabilities", {"minor", "medical_need", "pregnancy", "disability", "mental_health_need"}},
      {"stage", {"reported", "located"}},
      {"trafficking_status",
       {"PossibleVictimOfTrafficking", "ActualVictimOfTrafficking", "NotAVictimOfTrafficking"}},
      {"status_decided_by",
       {"Police", "NGO", "CourtOrProsecution", "NonPoliceGovernmentalOrganization", "Other"}},
      {"exploitation_types",
       {"ForcedLabour", "SexualExploitation", "ChildLabour", "ForcedMarriage", "Servitude",
        "ForcedCriminality", "Slavery", "OrganRemoval", "Other"}},
      {"control_methods",
       {"DebtBondage", "FalsePromises", "WithholdsDocuments", "PhysicalThreats", "PhysicalAbuse",
        "PsychologicalAbuse", "TakesEarnings", "ExcessiveWorkingHours", "RestrictsMovement",
        "ThreatsToFamily", "SexualAbuse", "Isolation", "Other"}},
      {"recruitment_method",
       {"ThroughAnOnlineAdvertisement", "ThroughOnlineSocialNetworks", "ThroughFriendsOrSocialEvents",
        "ThroughFamily", "ThroughARecruitmentAgency", "Other"}},
      {"recruitment_apps", {"WhatsApp", "Telegram", "Facebook", "TikTok", "Instagram", "LinkedIn", "Other"}},
      {"trafficker_relationship", {"Familial", "Acquainted", "Unaquainted"}},
  };
  return kLists;
}

bool allowed(std::string_view field, const std::string& value) {
  const auto& list = allowed_values(field);
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

const std::vector<std::string>& allowed_values(std::string_view field) {
  static const std::vector<std::string> kNone;
  auto it = value_lists().find(field);
  return it == value_lists().end() ? kNone : it->second;
}

std::string normalise_document_number(std::string_view number) {
  std::string out;
  for (char c : number) {
    if (c == ' ' || c == '-') continue;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

std::vector<FieldError> validate_person(const PersonDraft& d, const CalendarDate& today) {
  std::vector<FieldError> errors;
  auto text = [&](const char* field, const std::string& value, std::size_t max, bool required) {
    if (auto problem = text_problem(value, max, required))
      errors.push_back({std::string("/") + field, *problem});
  };
  auto one_of = [&](const char* field, const std::optional<std::string>& value) {
    if (value && !allowed(field, *value))
      errors.push_back({std::string("/") + field, "not one of the allowed values"});
  };
  auto all_of = [&](const char* field, const std::vector<std::string>& values, std::size_t max_items) {
    if (values.size() > max_items) errors.push_back({std::string("/") + field, "too many entries"});
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (!allowed(field, values[i])) {
        errors.push_back(
            {std::string("/") + field + "/" + std::to_string(i), "not one of the allowed values"});
      }
    }
  };

  text("given_name", d.given_name, 200, true);
  text("family_name", d.family_name, 200, true);
  text("other_names", d.other_names, 400, false);
  one_of("sex", d.sex);
  std::optional<CalendarDate> birth;
  if (d.date_of_birth) {
    birth = parse_date(*d.date_of_birth);
    if (!birth)
      errors.push_back({"/date_of_birth", "a real date, YYYY-MM-DD"});
    else if (*birth > today)
      errors.push_back({"/date_of_birth", "must not be in the future"});
  }
  if (d.estimated_age && (*d.estimated_age < 0 || *d.estimated_age > 120)) {
    errors.push_back({"/estimated_age", "0 to 120"});
  } else if (d.estimated_age && birth && *birth <= today) {
    if (auto problem = age_problem(*birth, *d.estimated_age, today))
      errors.push_back({"/estimated_age", *problem});
  }
  if (!is_country_code(d.nationality))
    errors.push_back({"/nationality", "an ISO 3166-1 alpha-2 code, e.g. KE"});
  one_of("document_kind", d.document_kind);
  if (d.document_number) {
    const std::string normal = normalise_document_number(*d.document_number);
    if (normal.size() < 4 || normal.size() > 30 || !std::all_of(normal.begin(), normal.end(), [](char c) {
          return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        })) {
      errors.push_back({"/document_number", "4 to 30 letters and digits"});
    }
    if (!d.document_kind) errors.push_back({"/document_kind", "say what kind of document the number is of"});
  }
  if (d.phone && !is_e164(*d.phone)) errors.push_back({"/phone", "E.164, e.g. +254712345678"});
  text("next_of_kin_name", d.next_of_kin_name, 200, false);
  if (d.next_of_kin_phone && !is_e164(*d.next_of_kin_phone)) {
    errors.push_back({"/next_of_kin_phone", "E.164, e.g. +254712345678"});
  }
  text("next_of_kin_relation", d.next_of_kin_relation, 100, false);
  text("home_county", d.home_county, 100, false);
  if (d.languages.size() > 10) errors.push_back({"/languages", "at most 10"});
  for (std::size_t i = 0; i < d.languages.size(); ++i) {
    if (auto problem = text_problem(d.languages[i], 50, true)) {
      errors.push_back({"/languages/" + std::to_string(i), *problem});
    }
  }
  all_of("vulnerabilities", d.vulnerabilities, 5);
  text("current_location", d.current_location, 200, false);
  if (!allowed("stage", d.stage))
    errors.push_back({"/stage", "people enter the journey at reported or located"});
  one_of("trafficking_status", d.trafficking_status);
  one_of("status_decided_by", d.status_decided_by);
  if (d.trafficking_status && !d.status_decided_by) {
    errors.push_back({"/status_decided_by", "say who decided the trafficking status"});
  }
  all_of("exploitation_types", d.exploitation_types, 10);
  all_of("control_methods", d.control_methods, 15);
  one_of("recruitment_method", d.recruitment_method);
  all_of("recruitment_apps", d.recruitment_apps, 10);
  one_of("trafficker_relationship", d.trafficker_relationship);
  text("recruitment_place", d.recruitment_place, 200, false);
  text("exploitation_place", d.exploitation_place, 200, false);
  return errors;
}

}  // namespace rudi
