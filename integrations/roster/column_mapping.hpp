// Which column of a roster holds which of Rudi's fields. Headers are matched after folding case and
// dropping everything but letters and digits ("Passport No." and "passport_no" are the same header),
// against a table of aliases for the spellings lists come with (README.md in this folder lists them). An
// override — a JSON object of header → field, or header → null to ignore a column — wins over the table.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"
#include "domain/result.hpp"

namespace rudi::roster {

// Rudi's fields a roster may fill. `full_name` is split into given and family names at its last space,
// for lists that have one name column.
enum class Field {
  given_name,
  family_name,
  full_name,
  other_names,
  sex,
  date_of_birth,
  estimated_age,
  nationality,
  document_kind,
  document_number,
  passport_number,     // a document number whose kind is passport
  national_id_number,  // a document number whose kind is national_id
  phone,
  current_location,
  home_county,
  next_of_kin_name,
  next_of_kin_phone,
  next_of_kin_relation,
  languages,
  stage,
};

std::string_view to_string(Field field);
std::optional<Field> parse_field(std::string_view name);
// Case and everything but letters and digits folded away: "Date of Birth" → "dateofbirth".
std::string fold_header(std::string_view header);

struct ColumnMapping {
  std::vector<std::optional<Field>> columns;  // by column position; nothing: the column is not read
  std::vector<std::string> headers;           // as the file spells them
  std::vector<std::string> ignored;           // headers matched to no field

  std::optional<std::size_t> column_of(Field field) const;
};

// The mapping of a header row, with the override (header → field name, or null to ignore). Errors name the
// header row's problems: a field claimed by two columns, names missing, an override naming an unknown field.
Result<ColumnMapping> map_columns(const std::vector<std::string>& headers,
                                  const std::map<std::string, std::optional<std::string>>& override_fields);

// Parses an override given as a JSON object text ({"Apellido": "family_name", "Remarks": null}).
Result<std::map<std::string, std::optional<std::string>>> parse_mapping_override(std::string_view json_text);

}  // namespace rudi::roster
