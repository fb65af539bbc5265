#include "statistics/consenting_people.hpp"

#include <soci/soci.h>

namespace rudi::statistics {
namespace {

// The consent in force is the newest row of a person and purpose.
#define RUDI_FACTS_SELECT(identifiers)                                                                  \
  "SELECT p.id, p.sex, "                                                                                \
  "COALESCE(date_part('year', age(current_date, p.date_of_birth))::int, p.estimated_age), "             \
  "p.nationality, c.country, array_to_string(p.exploitation_types, ','), "                              \
  "array_to_string(p.control_methods, ','), p.trafficker_relationship, p.stage, "                       \
  "(current_date - p.stage_since::date)::int, p.trafficking_status, p.recruitment_method, " identifiers \
  " FROM people p LEFT JOIN cohorts c ON c.id = p.cohort_id "                                           \
  "WHERE (SELECT s.status FROM consents s WHERE s.person_id = p.id AND s.purpose = :purpose "           \
  "ORDER BY s.id DESC LIMIT 1) = 'granted' ORDER BY p.id LIMIT :limit"

constexpr const char* kFacts = RUDI_FACTS_SELECT("''::text, ''::text, NULL::text, NULL::text");
constexpr const char* kFactsAndIdentifiers =
    RUDI_FACTS_SELECT("p.given_name, p.family_name, to_char(p.date_of_birth, 'YYYY-MM-DD'), p.phone");
#undef RUDI_FACTS_SELECT

std::vector<std::string> split(const std::string& list) {
  std::vector<std::string> values;
  std::size_t start = 0;
  while (start < list.size()) {
    const auto end = list.find(',', start);
    values.push_back(list.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return values;
}

std::optional<std::string> optional_text(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) != soci::i_ok) return std::nullopt;
  return r.get<std::string>(i);
}

}  // namespace

Result<std::vector<PersonRecord>> consenting_people(soci::session& sql, const std::string& purpose,
                                                    bool with_identifiers) {
  const int limit = kMaxPeopleRead + 1;
  std::vector<PersonRecord> people;
  soci::rowset<soci::row> rows = (sql.prepare << (with_identifiers ? kFactsAndIdentifiers : kFacts),
                                  soci::use(purpose, "purpose"), soci::use(limit, "limit"));
  for (const auto& r : rows) {
    if (people.size() == static_cast<std::size_t>(kMaxPeopleRead))
      return Error::invalid("more than " + std::to_string(kMaxPeopleRead) +
                            " consenting people to read at once");
    PersonRecord p;
    p.id = r.get<long long>(0);
    p.facts.sex = r.get<std::string>(1);
    if (r.get_indicator(2) == soci::i_ok) p.facts.age = r.get<int>(2);
    p.facts.nationality = r.get<std::string>(3);
    p.facts.exploitation_country = optional_text(r, 4);
    p.facts.exploitation_types = split(r.get<std::string>(5));
    p.facts.control_methods = split(r.get<std::string>(6));
    p.facts.trafficker_relationship = optional_text(r, 7);
    p.facts.stage = r.get<std::string>(8);
    p.facts.days_in_stage = r.get<int>(9);
    p.trafficking_status = optional_text(r, 10);
    p.recruitment_method = optional_text(r, 11);
    p.given_name = r.get<std::string>(12);
    p.family_name = r.get<std::string>(13);
    p.date_of_birth = optional_text(r, 14);
    p.phone = optional_text(r, 15);
    people.push_back(std::move(p));
  }
  return people;
}

}  // namespace rudi::statistics
