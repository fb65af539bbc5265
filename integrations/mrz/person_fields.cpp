#include "mrz/person_fields.hpp"

#include <cstdio>

#include "mrz/country_codes.hpp"

namespace rudi::mrz {

std::string iso_date(const Date& date) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", date.year, date.month, date.day);
  return text;
}

PersonFields person_fields(const Zone& zone, const Date& today) {
  PersonFields person;
  person.given_name = zone.given_names;
  person.family_name = zone.surname;
  if (zone.date_of_birth)
    person.date_of_birth = iso_date(*zone.date_of_birth);
  else
    person.notes.push_back("the date of birth is not known in full: enter it, or an estimated age, by hand");
  switch (zone.sex) {
    case 'F':
      person.sex = "female";
      break;
    case 'M':
      person.sex = "male";
      break;
    case 'X':
      person.sex = "other";
      break;
    default:
      person.sex = "unknown";
  }
  person.nationality = alpha2_of(zone.nationality);
  if (!person.nationality)
    person.notes.push_back("the nationality code " + zone.nationality +
                           " names no country with an ISO 3166-1 code: enter the nationality by hand");
  if (zone.format == Format::td3)
    person.document_kind = "passport";
  else
    person.document_kind = zone.document_code.starts_with('I') ? "national_id" : "other";
  person.document_number = zone.document_number;
  person.expired = zone.date_of_expiry < today;
  if (person.expired) person.notes.push_back("the document expired on " + iso_date(zone.date_of_expiry));
  return person;
}

}  // namespace rudi::mrz
