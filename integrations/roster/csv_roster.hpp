// A roster in CSV, read row by row into what the import use case takes: each row of the home nationality
// as a validated person draft, each row of another nationality as its nationality alone (no personal data
// of others is kept), and each row that cannot be read or breaks a rule as its line and reasons.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "domain/validation.hpp"
#include "roster/column_mapping.hpp"
#include "roster/csv_reader.hpp"
#include "service/roster_import.hpp"

namespace rudi::roster {

struct RosterSettings {
  std::string home_nationality = "KE";  // whose nationals are imported; others are counted
  std::map<std::string, std::optional<std::string>> mapping;  // header → field (or null), over the aliases
  CalendarDate today;                                         // dates of birth may not be after it
};

class CsvRoster : public service::RosterSource {
 public:
  CsvRoster(CsvReader reader, RosterSettings settings);

  Status start() override;
  std::optional<service::RosterRow> next() override;
  std::vector<std::string> ignored_columns() const override { return mapping_.ignored; }

  // A row's values, as read into a draft; public for the tests.
  static service::RosterRow read_row(const ColumnMapping& mapping, const CsvRecord& record,
                                     const RosterSettings& settings);

 private:
  CsvReader reader_;
  RosterSettings settings_;
  ColumnMapping mapping_;
};

// A date as rosters write it, day before month: 2025-02-12, 2025/02/12, 12/02/2025, 12-02-2025,
// 12.02.2025, 12 Feb 2025, 12-Feb-2025, 12 February 2025. Returns YYYY-MM-DD, or nothing.
std::optional<std::string> roster_date(std::string_view text);
// female, male, other or unknown from F/M/X/U, Female/Male/Other/Unknown, Woman/Man; nothing if none.
std::optional<std::string> roster_sex(std::string_view text);

}  // namespace rudi::roster
