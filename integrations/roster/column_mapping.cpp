#include "roster/column_mapping.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

namespace rudi::roster {
namespace {

struct FieldInfo {
  Field field;
  std::string_view name;
  std::vector<std::string_view> aliases;  // already folded
};

const std::vector<FieldInfo>& fields() {
  static const std::vector<FieldInfo> kFields = {
      {Field::given_name,
       "given_name",
       {"givenname", "givennames", "firstname", "firstnames", "forename", "forenames", "first", "given"}},
      {Field::family_name, "family_name", {"familyname", "surname", "lastname", "last", "family"}},
      {Field::full_name, "full_name", {"fullname", "name", "names", "nameinfull"}},
      {Field::other_names,
       "other_names",
       {"othernames", "middlename", "middlenames", "alias", "aliases", "akas", "aka", "othernamesused"}},
      {Field::sex, "sex", {"sex", "gender", "mf"}},
      {Field::date_of_birth,
       "date_of_birth",
       {"dateofbirth", "dob", "birthdate", "birthday", "dateofbirthddmmyyyy", "bornon"}},
      {Field::estimated_age,
       "estimated_age",
       {"estimatedage", "age", "ageyears", "approxage", "approximateage"}},
      {Field::nationality,
       "nationality",
       {"nationality", "citizenship", "country", "countryofnationality", "countryofcitizenship", "nat"}},
      {Field::document_kind, "document_kind", {"documentkind", "documenttype", "doctype", "idtype"}},
      {Field::document_number,
       "document_number",
       {"documentnumber", "documentno", "docno", "docnumber", "traveldocumentnumber", "traveldocumentno",
        "idnumber", "idno"}},
      {Field::passport_number,
       "passport_number",
       {"passportnumber", "passportno", "passport", "ppno", "passportnr"}},
      {Field::national_id_number,
       "national_id_number",
       {"nationalidnumber", "nationalidno", "nationalid", "nid", "nidno"}},
      {Field::phone,
       "phone",
       {"phone", "phonenumber", "telephone", "tel", "mobile", "mobilenumber", "contact"}},
      {Field::current_location,
       "current_location",
       {"currentlocation", "location", "shelter", "whereabouts", "currentplace", "detentioncentre"}},
      {Field::home_county, "home_county", {"homecounty", "county", "countyoforigin"}},
      {Field::next_of_kin_name, "next_of_kin_name", {"nextofkinname", "nextofkin", "nok", "nokname"}},
      {Field::next_of_kin_phone,
       "next_of_kin_phone",
       {"nextofkinphone", "nokphone", "nextofkincontact", "nokcontact"}},
      {Field::next_of_kin_relation,
       "next_of_kin_relation",
       {"nextofkinrelation", "nokrelation", "relationship", "nextofkinrelationship"}},
      {Field::languages, "languages", {"languages", "language", "languagesspoken"}},
      {Field::stage, "stage", {"stage", "journeystage"}},
  };
  return kFields;
}

}  // namespace

std::string_view to_string(Field field) {
  for (const auto& info : fields())
    if (info.field == field) return info.name;
  return "";
}

std::optional<Field> parse_field(std::string_view name) {
  for (const auto& info : fields())
    if (info.name == name) return info.field;
  return std::nullopt;
}

std::string fold_header(std::string_view header) {
  std::string out;
  for (char c : header) {
    if (c >= 'A' && c <= 'Z')
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      out.push_back(c);
  }
  return out;
}

std::optional<std::size_t> ColumnMapping::column_of(Field field) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == field) return i;
  return std::nullopt;
}

Result<ColumnMapping> map_columns(const std::vector<std::string>& headers,
                                  const std::map<std::string, std::optional<std::string>>& override_fields) {
  std::vector<FieldError> errors;
  // The override, by folded header.
  std::map<std::string, std::optional<Field>> chosen;
  for (const auto& [header, name] : override_fields) {
    if (!name) {
      chosen[fold_header(header)] = std::nullopt;
      continue;
    }
    auto field = parse_field(*name);
    if (!field) {
      errors.push_back({"/mapping/" + header, "\"" + *name + "\" is not a field a roster can fill"});
      continue;
    }
    chosen[fold_header(header)] = field;
  }
  ColumnMapping mapping;
  mapping.headers = headers;
  for (const auto& header : headers) {
    const std::string folded = fold_header(header);
    std::optional<Field> field;
    if (auto it = chosen.find(folded); it != chosen.end()) {
      field = it->second;
    } else {
      for (const auto& info : fields()) {
        if (std::find(info.aliases.begin(), info.aliases.end(), folded) != info.aliases.end()) {
          field = info.field;
          break;
        }
      }
    }
    if (field && mapping.column_of(*field)) {
      errors.push_back({"/header/" + header, "a second column for " + std::string(to_string(*field)) +
                                                 "; map one of them to null to ignore it"});
      field.reset();
    }
    if (!field) mapping.ignored.push_back(header);
    mapping.columns.push_back(field);
  }
  const bool names = mapping.column_of(Field::full_name) ||
                     (mapping.column_of(Field::given_name) && mapping.column_of(Field::family_name));
  if (!names) {
    errors.push_back(
        {"/header", "no name columns: a roster needs given and family names (or one full name)"});
  }
  if (mapping.column_of(Field::full_name) &&
      (mapping.column_of(Field::given_name) || mapping.column_of(Field::family_name))) {
    errors.push_back({"/header", "both a full name and separate name columns; map one to null"});
  }
  if (!errors.empty()) return Error::invalid("the roster's header row cannot be read", std::move(errors));
  return mapping;
}

Result<std::map<std::string, std::optional<std::string>>> parse_mapping_override(std::string_view json_text) {
  const auto parsed = nlohmann::json::parse(json_text, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return Error::invalid("the mapping must be a JSON object of header → field name (or null)",
                          {{"/mapping", "a JSON object, e.g. {\"Apellido\": \"family_name\"}"}});
  }
  if (parsed.size() > 200)
    return Error::invalid("the mapping is too long", {{"/mapping", "at most 200 entries"}});
  std::map<std::string, std::optional<std::string>> out;
  for (const auto& [header, value] : parsed.items()) {
    if (value.is_null()) {
      out[header] = std::nullopt;
    } else if (value.is_string()) {
      out[header] = value.get<std::string>();
    } else {
      return Error::invalid("the mapping's values are field names or null",
                            {{"/mapping/" + header, "a field name or null"}});
    }
  }
  return out;
}

}  // namespace rudi::roster
