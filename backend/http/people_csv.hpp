// The people export as CSV (GET /api/v1/people/export.csv): a header row, then one row per person with no
// more than the people table shows (data minimisation), every cell written by http/csv.
#pragma once

#include <string>
#include <vector>

#include "domain/validation.hpp"
#include "service/journey_records.hpp"

namespace rudi::http {

// The columns, in order: the header row's names.
extern const std::vector<std::string> kPeopleCsvColumns;

std::string people_csv(const std::vector<store::PersonRow>& people);

// The name the file is saved under: rudi-people-YYYY-MM-DD.csv, for the day (UTC) it was exported.
std::string people_csv_filename(const CalendarDate& day);

}  // namespace rudi::http
