#include "http/people_csv.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "http/csv.hpp"

namespace rudi::http {
namespace {

// A descriptive field as a cell: text as it is, a number in decimal, nothing for null or absent.
std::string cell_of(const nlohmann::json& fields, const char* name) {
  const auto it = fields.find(name);
  if (it == fields.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

std::string yes_no(bool value) {
  return value ? "true" : "false";
}

bool has_vulnerability(const store::PersonRow& p, const char* vulnerability) {
  const auto it = p.fields.find("vulnerabilities");
  if (it == p.fields.end() || !it->is_array()) return false;
  return std::find(it->begin(), it->end(), vulnerability) != it->end();
}

}  // namespace

extern const std::vector<std::string> kPeopleCsvColumns;
const std::vector<std::string> kPeopleCsvColumns = {"id",      "given_name", "family_name",   "estimated_age",
                                                    "stage",   "on_hold",    "days_in_stage", "minor",
                                                    "medical", "cohort_id",  "mission_id"};

std::string people_csv(const std::vector<store::PersonRow>& people) {
  std::string text = csv_row(kPeopleCsvColumns);
  for (const auto& p : people) {
    // What the people table shows (name, age, stage, days in it, flags) and the ids that place a row; not
    // the rest of the card (date of birth, hold reason), nor anything of the full record.
    text +=
        csv_row({std::to_string(p.id), cell_of(p.fields, "given_name"), cell_of(p.fields, "family_name"),
                 cell_of(p.fields, "estimated_age"), std::string(to_string(p.stage)), yes_no(p.on_hold),
                 std::to_string(p.days_in_stage), yes_no(has_vulnerability(p, "minor")),
                 yes_no(has_vulnerability(p, "medical_need")),
                 p.cohort_id ? std::to_string(*p.cohort_id) : std::string(), std::to_string(p.mission_id)});
  }
  return text;
}

std::string people_csv_filename(const CalendarDate& day) {
  return "rudi-people-" + to_string(day) + ".csv";
}

}  // namespace rudi::http
