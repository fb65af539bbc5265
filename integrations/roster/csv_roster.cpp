#include "roster/csv_roster.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "roster/nationality.hpp"

namespace rudi::roster {
namespace {

std::string trim(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  const auto end = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(begin, end - begin + 1));
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return out;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<int> month_named(std::string_view word) {
  static constexpr std::array<const char*, 12> kMonths{"january",   "february", "march",    "april",
                                                       "may",       "june",     "july",     "august",
                                                       "september", "october",  "november", "december"};
  const std::string w = lower(word);
  if (w.size() < 3) return std::nullopt;
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    const std::string_view name = kMonths[i];
    if (w == name || (w.size() == 3 && name.substr(0, 3) == w) || (w == "sept" && i == 8)) {
      return static_cast<int>(i) + 1;
    }
  }
  return std::nullopt;
}

std::string two(int n) {
  return (n < 10 ? "0" : "") + std::to_string(n);
}

// A phone number with its spacing taken out, and an international 00 prefix written as +.
std::string phone_of(std::string_view text) {
  std::string out;
  for (char c : text)
    if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') out.push_back(c);
  if (out.rfind("00", 0) == 0) out = "+" + out.substr(2);
  return out;
}

}  // namespace

std::optional<std::string> roster_date(std::string_view raw) {
  const std::string text = trim(raw);
  // Split into three parts at any of - / . or space.
  std::vector<std::string> parts;
  std::string part;
  for (char c : text) {
    if (c == '-' || c == '/' || c == '.' || c == ' ' || c == ',') {
      if (!part.empty()) parts.push_back(part);
      part.clear();
    } else {
      part.push_back(c);
    }
  }
  if (!part.empty()) parts.push_back(part);
  if (parts.size() != 3) return std::nullopt;
  int year = 0, month = 0, day = 0;
  if (parts[0].size() == 4 && all_digits(parts[0]) && all_digits(parts[1]) && all_digits(parts[2])) {
    year = std::stoi(parts[0]);
    month = std::stoi(parts[1]);
    day = std::stoi(parts[2]);
  } else if (parts[2].size() == 4 && all_digits(parts[2]) && all_digits(parts[0]) && parts[0].size() <= 2) {
    year = std::stoi(parts[2]);
    day = std::stoi(parts[0]);
    if (all_digits(parts[1]) && parts[1].size() <= 2) {
      month = std::stoi(parts[1]);
    } else if (auto named = month_named(parts[1])) {
      month = *named;
    } else {
      return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  if (parts[1].size() > 2 && all_digits(parts[1])) return std::nullopt;
  const std::string iso = std::to_string(year) + "-" + two(month) + "-" + two(day);
  if (!parse_date(iso)) return std::nullopt;
  return iso;
}

std::optional<std::string> roster_sex(std::string_view raw) {
  const std::string text = lower(trim(raw));
  if (text.empty() || text == "u" || text == "unknown" || text == "not known") return "unknown";
  if (text == "f" || text == "female" || text == "woman" || text == "w") return "female";
  if (text == "m" || text == "male" || text == "man") return "male";
  if (text == "x" || text == "o" || text == "other") return "other";
  return std::nullopt;
}

CsvRoster::CsvRoster(CsvReader reader, RosterSettings settings)
    : reader_(std::move(reader)), settings_(std::move(settings)) {}

Status CsvRoster::start() {
  auto header = reader_.next();
  if (reader_.encoding_error())
    return Error::invalid(*reader_.encoding_error(), {{"/file", *reader_.encoding_error()}});
  if (!header) return Error::invalid("the file is empty", {{"/header", "a header row is needed"}});
  if (header->error) {
    return Error::invalid("the header row cannot be read",
                          {{"/header", "line " + std::to_string(header->line) + ": " + *header->error}});
  }
  for (auto& h : header->fields) h = trim(h);
  auto mapping = map_columns(header->fields, settings_.mapping);
  if (!mapping) return mapping.error();
  mapping_ = std::move(*mapping);
  return ok_status();
}

std::optional<service::RosterRow> CsvRoster::next() {
  for (;;) {
    auto record = reader_.next();
    if (!record) return std::nullopt;
    if (!record->error && std::all_of(record->fields.begin(), record->fields.end(),
                                      [](const auto& f) { return trim(f).empty(); })) {
      continue;  // a row of empty cells, as spreadsheets leave at the end
    }
    return read_row(mapping_, *record, settings_);
  }
}

service::RosterRow CsvRoster::read_row(const ColumnMapping& mapping, const CsvRecord& record,
                                       const RosterSettings& settings) {
  using Kind = service::RosterRow::Kind;
  service::RosterRow row;
  row.line = record.line;
  if (record.error) {
    row.kind = Kind::rejected;
    row.problems.push_back({"", *record.error});
    return row;
  }
  auto cell = [&](Field field) -> std::string {
    auto column = mapping.column_of(field);
    if (!column || *column >= record.fields.size()) return {};
    return trim(record.fields[*column]);
  };
  auto& problems = row.problems;

  // Nationality first: a row of another nationality is counted, and nothing else of it is read.
  std::string nationality = settings.home_nationality;
  if (const std::string text = cell(Field::nationality); !text.empty()) {
    auto code = nationality_code(text);
    if (!code) {
      row.kind = Kind::rejected;
      problems.push_back(
          {"nationality", "not a country: use an ISO 3166-1 code (KE, KEN) or a country's name"});
      return row;
    }
    nationality = *code;
  }
  if (nationality != settings.home_nationality) {
    row.kind = Kind::other_nationality;
    row.nationality = nationality;
    return row;
  }

  PersonDraft& d = row.draft;
  d.nationality = nationality;
  if (mapping.column_of(Field::full_name)) {
    const std::string full = cell(Field::full_name);
    const auto space = full.find_last_of(' ');
    if (space == std::string::npos) {
      problems.push_back({"full_name", "give at least a given and a family name"});
    } else {
      d.given_name = trim(full.substr(0, space));
      d.family_name = trim(full.substr(space + 1));
    }
  } else {
    d.given_name = cell(Field::given_name);
    d.family_name = cell(Field::family_name);
  }
  d.other_names = cell(Field::other_names);
  if (auto sex = roster_sex(cell(Field::sex))) {
    d.sex = *sex;
  } else {
    problems.push_back({"sex", "F, M, X or U (female, male, other, unknown)"});
  }
  if (const std::string text = cell(Field::date_of_birth); !text.empty()) {
    if (auto date = roster_date(text)) {
      d.date_of_birth = *date;
    } else {
      problems.push_back({"date_of_birth",
                          "a real date, day before month: 2025-02-12, 12/02/2025, 12.02.2025 "
                          "or 12 Feb 2025"});
    }
  }
  if (const std::string text = cell(Field::estimated_age); !text.empty()) {
    if (all_digits(text) && text.size() <= 3) {
      d.estimated_age = std::stoi(text);
    } else {
      problems.push_back({"estimated_age", "a whole number of years"});
    }
  }
  std::string kind = lower(cell(Field::document_kind));
  std::replace(kind.begin(), kind.end(), ' ', '_');
  std::string number = cell(Field::document_number);
  if (number.empty()) {
    if (std::string passport = cell(Field::passport_number); !passport.empty()) {
      number = passport;
      if (kind.empty()) kind = "passport";
    } else if (std::string national = cell(Field::national_id_number); !national.empty()) {
      number = national;
      if (kind.empty()) kind = "national_id";
    }
  }
  if (!number.empty()) {
    d.document_number = number;
    d.document_kind = kind.empty() ? "passport" : kind;
  } else if (!kind.empty()) {
    d.document_kind = kind;
  }
  if (const std::string phone = cell(Field::phone); !phone.empty()) d.phone = phone_of(phone);
  if (const std::string phone = cell(Field::next_of_kin_phone); !phone.empty())
    d.next_of_kin_phone = phone_of(phone);
  d.current_location = cell(Field::current_location);
  d.home_county = cell(Field::home_county);
  d.next_of_kin_name = cell(Field::next_of_kin_name);
  d.next_of_kin_relation = cell(Field::next_of_kin_relation);
  if (const std::string languages = cell(Field::languages); !languages.empty()) {
    std::string item;
    for (char c : languages + ",") {
      if (c == ',' || c == ';' || c == '/' || c == '|') {
        if (auto t = trim(item); !t.empty()) d.languages.push_back(t);
        item.clear();
      } else {
        item.push_back(c);
      }
    }
  }
  if (const std::string stage = lower(cell(Field::stage)); !stage.empty()) d.stage = stage;

  for (auto& e : validate_person(d, settings.today)) {
    std::string field = e.field.substr(1);
    if (auto slash = field.find('/'); slash != std::string::npos) field = field.substr(0, slash);
    if (std::none_of(problems.begin(), problems.end(), [&](const FieldError& p) { return p.field == field; }))
      problems.push_back({field, e.reason});
  }
  if (!problems.empty()) {
    row.kind = Kind::rejected;
    row.draft = {};  // nothing of a rejected row is kept
  }
  return row;
}

}  // namespace rudi::roster
