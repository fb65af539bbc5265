// A survivor's record as officers enter it, and its rules: required fields, real dates not in the future,
// a date of birth that agrees with the estimated age, ISO country codes, E.164 phone numbers, bounded
// text, and the HTCDS v2.0 value names for victim identification.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/error.hpp"
#include "domain/validation.hpp"

namespace rudi {

struct PersonDraft {
  std::optional<std::int64_t> cohort_id;
  std::string given_name;
  std::string family_name;
  std::string other_names;
  std::string sex = "unknown";               // female, male, other, unknown
  std::optional<std::string> date_of_birth;  // YYYY-MM-DD
  std::optional<int> estimated_age;
  std::string nationality = "KE";
  std::optional<std::string> document_kind;
  std::optional<std::string> document_number;
  std::optional<std::string> phone;
  std::string next_of_kin_name;
  std::optional<std::string> next_of_kin_phone;
  std::string next_of_kin_relation;
  std::string home_county;
  std::vector<std::string> languages;
  std::vector<std::string> vulnerabilities;
  std::string current_location;
  std::string stage = "reported";  // where the person enters the journey: reported or located
  // HTCDS v2.0
  std::optional<std::string> trafficking_status;
  std::optional<std::string> status_decided_by;
  std::vector<std::string> exploitation_types;
  std::vector<std::string> control_methods;
  std::optional<std::string> recruitment_method;
  std::vector<std::string> recruitment_apps;
  std::optional<std::string> trafficker_relationship;
  std::string recruitment_place;
  std::string exploitation_place;
};

// Every rule the draft breaks, each naming its field as a JSON pointer.
std::vector<FieldError> validate_person(const PersonDraft& draft, const CalendarDate& today);

// Document numbers are matched on their normalised form: upper case, no spaces or dashes.
std::string normalise_document_number(std::string_view number);

// The allowed values of the enumerated fields (HTCDS names where the standard has them).
const std::vector<std::string>& allowed_values(std::string_view field);

}  // namespace rudi
