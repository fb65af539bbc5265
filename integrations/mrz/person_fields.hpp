// A machine-readable zone as the fields of a person's record (PersonDraft's names and values), with
// notes for what the officer must decide by hand.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mrz/zone.hpp"

namespace rudi::mrz {

struct PersonFields {
  std::string given_name;  // as printed: upper case, the issuer's transliteration
  std::string family_name;
  std::optional<std::string> date_of_birth;  // YYYY-MM-DD; nullopt when the zone marks it unknown
  std::string sex;                           // female, male, other, unknown
  std::optional<std::string> nationality;    // ISO 3166-1 alpha-2; nullopt when the code names no country
  std::string document_kind;                 // passport, national_id, other
  std::string document_number;
  bool expired = false;
  std::vector<std::string> notes;  // what the zone could not settle, for the officer to decide
};

std::string iso_date(const Date& date);

PersonFields person_fields(const Zone& zone, const Date& today);

}  // namespace rudi::mrz
