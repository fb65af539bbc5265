#include "http/csv.hpp"

#include <array>

namespace rudi::http {
namespace {

// What makes a spreadsheet read a cell as a formula when it comes first: the ASCII signs, TAB and CR, and
// the fullwidth ＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20) in UTF-8, which spreadsheets in some locales
// (where an input method types them) take the same way.
constexpr std::string_view kFormulaStarts = "=+-@\t\r";
constexpr std::array<std::string_view, 4> kFullwidthFormulaStarts = {"\xEF\xBC\x9D", "\xEF\xBC\x8B",
                                                                     "\xEF\xBC\x8D", "\xEF\xBC\xA0"};

}  // namespace

bool csv_looks_like_formula(std::string_view value) {
  if (value.empty()) return false;
  if (kFormulaStarts.find(value.front()) != std::string_view::npos) return true;
  for (auto sign : kFullwidthFormulaStarts)
    if (value.starts_with(sign)) return true;
  return false;
}

std::string csv_cell(std::string_view value) {
  std::string text;
  text.reserve(value.size() + 3);
  if (csv_looks_like_formula(value)) text.push_back('\'');
  text.append(value);
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted;
  quoted.reserve(text.size() + 8);
  quoted.push_back('"');
  for (char c : text) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

std::string csv_row(const std::vector<std::string>& values) {
  std::string row;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) row.push_back(',');
    row += csv_cell(values[i]);
  }
  row += "\r\n";
  return row;
}

}  // namespace rudi::http
