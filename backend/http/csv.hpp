// CSV as RFC 4180 writes it (comma-separated, CRLF line ends, a field quoted when it holds a comma, a
// quote, CR or LF, its quotes doubled), with every cell neutralised against formula injection: a
// spreadsheet runs a cell that starts with = + - @ (or their fullwidth forms, which spreadsheets in some
// locales take the same way), TAB or CR as a formula, so such a cell gets a leading ' and is read as text
// (OWASP, "CSV Injection"). Pure: no I/O, no knowledge of what the rows are.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rudi::http {

// Whether a spreadsheet could read the cell as a formula.
bool csv_looks_like_formula(std::string_view value);

// One field, neutralised and then quoted if it needs to be.
std::string csv_cell(std::string_view value);

// The fields of one record, each as csv_cell writes it, separated by commas and ended by CRLF.
std::string csv_row(const std::vector<std::string>& values);

}  // namespace rudi::http
