// Fuzz target for the machine-readable zone reader: any bytes must give either a zone or defects, never
// both, never a crash, and a zone that is read must keep the reader's promises (dates placed as
// documented, check digits that agree).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "mrz/check_digit.hpp"
#include "mrz/parser.hpp"
#include "mrz/person_fields.hpp"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rudi::mrz;
  const Date today{2026, 11, 23};
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const Reading reading = read_zone(text, today);
  require(reading.ok() == reading.zone.has_value());
  for (const auto& defect : reading.defects) {
    require(!defect.reason.empty());
    require(defect.field.empty() || defect.field.starts_with("line"));
  }
  if (!reading.ok()) return 0;

  const Zone& zone = *reading.zone;
  require(!zone.document_number.empty() && !zone.surname.empty());
  require(zone.date_of_birth_text.size() == 6 && zone.date_of_expiry_text.size() == 6);
  require(check_digit(zone.date_of_birth_text).has_value());
  if (zone.date_of_birth) require(*zone.date_of_birth <= today);
  require(zone.date_of_expiry.year > today.year - 81 && zone.date_of_expiry.year <= today.year + 20);
  const PersonFields person = person_fields(zone, today);
  require(person.sex == "female" || person.sex == "male" || person.sex == "other" || person.sex == "unknown");
  require(!person.nationality || person.nationality->size() == 2);
  return 0;
}
