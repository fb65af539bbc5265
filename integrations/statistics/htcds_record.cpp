#include "statistics/htcds_record.hpp"

namespace rudi::statistics {
namespace {

nlohmann::json text_or_null(const std::optional<std::string>& text) {
  return text ? nlohmann::json(*text) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json htcds_record(const PersonRecord& person, bool identified) {
  const PersonFacts& f = person.facts;
  nlohmann::json record = {
      {"Gender", htcds_gender(f.sex)},
      {"ageBroad", age_band(f.age)},
      {"Citizenship", nlohmann::json::array({f.nationality})},
      {"CountryOfExploitation", text_or_null(f.exploitation_country)},
      {"TraffickingStatus", text_or_null(person.trafficking_status)},
      {"TypeOfExploitation", f.exploitation_types},
      {"MethodsOfControl", f.control_methods},
      {"MethodOfRecruitment", person.recruitment_method ? nlohmann::json::array({*person.recruitment_method})
                                                        : nlohmann::json::array()},
      {"RelationshipToTrafficker", text_or_null(f.trafficker_relationship)}};
  if (identified) {
    record["FirstName"] = person.given_name;
    record["LastName"] = person.family_name;
    record["Birthdate"] = text_or_null(person.date_of_birth);
    record["MobilePhone"] = text_or_null(person.phone);
  }
  return record;
}

}  // namespace rudi::statistics
