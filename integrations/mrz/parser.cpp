// The layouts are those of ICAO 9303 part 4 (TD3) and part 5 (TD1); positions below are 0-based.
#include "mrz/parser.hpp"

#include <cstdio>

#include "mrz/check_digit.hpp"

namespace rudi::mrz {
namespace {

constexpr std::size_t kTd3Line = 44;
constexpr std::size_t kTd1Line = 30;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_letter(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_zone_character(char c) {
  return is_digit(c) || is_letter(c) || c == '<';
}

// A character as a reader of an error message can see it; bytes outside printable ASCII by value.
std::string shown(char c) {
  if (c == ' ') return "a space";
  if (c == '\t') return "a tab";
  if (c > ' ' && c < 0x7f) return std::string("'") + c + "'";
  char text[16];
  std::snprintf(text, sizeof text, "byte 0x%02X", static_cast<unsigned>(static_cast<unsigned char>(c)));
  return text;
}

// OCR and typing confuse these letters with the digits that belong in numeric fields.
std::string digit_hint(char c) {
  if (c == 'O' || c == 'D' || c == 'Q') return " (the letter " + std::string(1, c) + " where a 0 belongs?)";
  if (c == 'I' || c == 'L') return " (the letter " + std::string(1, c) + " where a 1 belongs?)";
  if (c == 'S') return " (the letter S where a 5 belongs?)";
  if (c == 'B') return " (the letter B where an 8 belongs?)";
  if (c == 'Z') return " (the letter Z where a 2 belongs?)";
  if (c == '<') return " (a filler where a digit belongs)";
  return "";
}

std::string without_fillers(std::string_view text) {
  std::string out;
  for (char c : text)
    if (c != '<') out += c;
  return out;
}

// Fillers inside a name separate its parts: read as one space each, runs collapsed, ends trimmed.
std::string name_text(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '<') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool all_fillers(std::string_view text) {
  return text.find_first_not_of('<') == std::string_view::npos;
}

bool is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

std::vector<std::string_view> split_lines(std::string_view text) {
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  std::vector<std::string_view> lines;
  while (true) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

class Reader {
 public:
  explicit Reader(const Date& today) : today_(today) {}

  std::vector<Defect> defects;

  void defect(std::string field, std::string reason) {
    defects.push_back({std::move(field), std::move(reason)});
  }

  void check(const std::string& field, std::string_view data, char found, const std::string& what) {
    if (!is_digit(found)) {
      defect(field, "the check digit of the " + what + " must be a digit, found " + shown(found) +
                        digit_hint(found));
      return;
    }
    const int expected = *check_digit(data);  // every character was checked before
    if (expected != found - '0') {
      defect(field, "the check digit of the " + what + " does not match: expected " +
                        std::to_string(expected) + ", found " + std::string(1, found));
    }
  }

  // Three letters, or fewer padded with fillers ("D<<"): a state or a nationality.
  std::string state(std::string_view text, const std::string& field) {
    const std::string code = without_fillers(text);
    bool letters = !code.empty() && text.front() != '<';
    for (char c : code) letters = letters && is_letter(c);
    if (!letters)
      defect(field, "three letters (an ISO 3166-1 alpha-3 or ICAO code), found '" + std::string(text) + "'");
    return code;
  }

  void name(std::string_view text, const std::string& field, Zone& zone) {
    for (char c : text) {
      if (is_digit(c)) {
        defect(field, "a name holds letters and fillers only, found the digit " + std::string(1, c));
        return;
      }
    }
    const auto separator = text.find("<<");
    zone.surname = name_text(text.substr(0, separator));
    zone.given_names = separator == std::string_view::npos ? "" : name_text(text.substr(separator + 2));
    if (zone.surname.empty()) defect(field, "the name has no primary identifier (surname) before <<");
  }

  // YYMMDD. A date of birth may be unknown in part or whole (fillers in its place): nullopt, no defect.
  std::optional<Date> date(std::string_view text, const std::string& field, bool birth) {
    bool has_filler = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (c == '<' && birth) {
        has_filler = true;
      } else if (!is_digit(c)) {
        defect(field, "a date is six digits, YYMMDD; found " + shown(c) + " at position " +
                          std::to_string(i + 1) + digit_hint(c));
        return std::nullopt;
      }
    }
    if (has_filler) return std::nullopt;
    const int yy = (text[0] - '0') * 10 + (text[1] - '0');
    const int month = (text[2] - '0') * 10 + (text[3] - '0');
    const int day = (text[4] - '0') * 10 + (text[5] - '0');
    if (month < 1 || month > 12) {
      defect(field, "the month " + std::string(text.substr(2, 2)) + " is not a month");
      return std::nullopt;
    }
    int year = today_.year / 100 * 100 + yy;
    if (birth) {
      if (Date{year, month, day} > today_) year -= 100;
    } else if (year > today_.year + 20) {
      year -= 100;
    } else if (year < today_.year - 80) {
      year += 100;
    }
    if (day < 1 || day > days_in(year, month)) {
      defect(field, "the day " + std::string(text.substr(4, 2)) + " is not a day of " + std::to_string(year) +
                        "-" + std::string(text.substr(2, 2)));
      return std::nullopt;
    }
    return Date{year, month, day};
  }

  void sex(char c, const std::string& field, Zone& zone) {
    if (c != 'F' && c != 'M' && c != 'X' && c != '<')
      defect(field, "F, M, X or < (unspecified), found " + shown(c));
    zone.sex = c;
  }

  void document_number(std::string_view number, const std::string& field, Zone& zone) {
    zone.document_number = without_fillers(number);
    if (zone.document_number.empty()) defect(field, "the document number is missing (only fillers)");
  }

  void birth_and_expiry(std::string_view birth, char birth_check, std::string_view expiry, char expiry_check,
                        const std::string& line, Zone& zone) {
    zone.date_of_birth_text = std::string(birth);
    zone.date_of_birth = date(birth, line + "/date_of_birth", true);
    check(line + "/date_of_birth_check", birth, birth_check, "date of birth");
    zone.date_of_expiry_text = std::string(expiry);
    if (auto expires = date(expiry, line + "/date_of_expiry", false)) zone.date_of_expiry = *expires;
    check(line + "/date_of_expiry_check", expiry, expiry_check, "date of expiry");
  }

  void td3(std::string_view l1, std::string_view l2, Zone& zone) {
    zone.format = Format::td3;
    zone.document_code = without_fillers(l1.substr(0, 2));
    if (l1[0] != 'P')
      defect("line1/document_code", "a passport's zone (2 lines of 44) starts with P, found " + shown(l1[0]));
    zone.issuing_state = state(l1.substr(2, 3), "line1/issuing_state");
    name(l1.substr(5), "line1/name", zone);

    document_number(l2.substr(0, 9), "line2/document_number", zone);
    check("line2/document_number_check", l2.substr(0, 9), l2[9], "document number");
    zone.nationality = state(l2.substr(10, 3), "line2/nationality");
    sex(l2[20], "line2/sex", zone);
    birth_and_expiry(l2.substr(13, 6), l2[19], l2.substr(21, 6), l2[27], "line2", zone);
    const auto personal = l2.substr(28, 14);
    zone.optional_data = without_fillers(personal);
    // An empty personal number may carry < or 0 as its check digit.
    if (!(all_fillers(personal) && (l2[42] == '<' || l2[42] == '0')))
      check("line2/personal_number_check", personal, l2[42], "personal number");
    std::string composite(l2.substr(0, 10));
    composite.append(l2.substr(13, 7)).append(l2.substr(21, 22));
    check("line2/composite_check", composite, l2[43], "whole zone (composite)");
  }

  void td1(std::string_view l1, std::string_view l2, std::string_view l3, Zone& zone) {
    zone.format = Format::td1;
    zone.document_code = without_fillers(l1.substr(0, 2));
    if (l1[0] != 'I' && l1[0] != 'A' && l1[0] != 'C')
      defect("line1/document_code",
             "an identity card's zone (3 lines of 30) starts with I, A or C, found " + shown(l1[0]));
    zone.issuing_state = state(l1.substr(2, 3), "line1/issuing_state");
    const auto optional = l1.substr(15);
    if (l1[14] == '<' && optional[0] != '<') {
      // A number longer than nine: the rest continues in the optional data, ends with its check digit,
      // and the check digit's own place holds a filler (part 5, note j).
      auto end = optional.find('<');
      if (end == std::string_view::npos) end = optional.size();
      if (end < 2) {
        defect("line1/document_number",
               "a long document number continues after the filler and ends with its check digit; found one "
               "character");
      } else {
        std::string number(l1.substr(5, 9));
        number.append(optional.substr(0, end - 1));
        document_number(number, "line1/document_number", zone);
        check("line1/document_number_check", number, optional[end - 1], "document number");
        zone.optional_data = without_fillers(optional.substr(end));
      }
    } else {
      document_number(l1.substr(5, 9), "line1/document_number", zone);
      check("line1/document_number_check", l1.substr(5, 9), l1[14], "document number");
      zone.optional_data = without_fillers(optional);
    }
    sex(l2[7], "line2/sex", zone);
    birth_and_expiry(l2.substr(0, 6), l2[6], l2.substr(8, 6), l2[14], "line2", zone);
    zone.nationality = state(l2.substr(15, 3), "line2/nationality");
    zone.optional_data_2 = without_fillers(l2.substr(18, 11));
    std::string composite(l1.substr(5, 25));
    composite.append(l2.substr(0, 7)).append(l2.substr(8, 7)).append(l2.substr(18, 11));
    check("line2/composite_check", composite, l2[29], "whole zone (composite)");
    name(l3, "line3/name", zone);
  }

 private:
  Date today_;
};

}  // namespace

Reading read_zone(std::string_view text, const Date& today) {
  Reading reading;
  if (text.size() > kMaxZoneText) {
    reading.defects.push_back({"", "an MRZ is at most " + std::to_string(kMaxZoneText) + " characters"});
    return reading;
  }
  const auto lines = split_lines(text);
  if (lines.size() != 2 && lines.size() != 3) {
    reading.defects.push_back({"",
                               "an MRZ has 2 lines of 44 characters (passport, TD3) or 3 lines of 30 "
                               "(identity card, TD1), separated by \\n; found " +
                                   std::to_string(lines.size()) + (lines.size() == 1 ? " line" : " lines")});
    return reading;
  }
  const std::size_t width = lines.size() == 2 ? kTd3Line : kTd1Line;
  for (std::size_t n = 0; n < lines.size(); ++n) {
    const std::string field = "line" + std::to_string(n + 1);
    const auto line = lines[n];
    if (line.size() != width) {
      reading.defects.push_back(
          {field, "has " + std::to_string(line.size()) + " characters; each line of " +
                      (width == kTd3Line ? "a passport's (TD3)" : "an identity card's (TD1)") + " zone has " +
                      std::to_string(width)});
      continue;
    }
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (!is_zone_character(line[i])) {
        reading.defects.push_back(
            {field, shown(line[i]) + " at position " + std::to_string(i + 1) +
                        " is not an MRZ character (A to Z, 0 to 9 and the filler <)" +
                        (line[i] >= 'a' && line[i] <= 'z' ? "; an MRZ is in capitals" : "")});
        break;
      }
    }
  }
  if (!reading.defects.empty()) return reading;

  Zone zone;
  Reader reader(today);
  if (lines.size() == 2)
    reader.td3(lines[0], lines[1], zone);
  else
    reader.td1(lines[0], lines[1], lines[2], zone);
  reading.defects = std::move(reader.defects);
  if (reading.defects.empty()) reading.zone = std::move(zone);
  return reading;
}

}  // namespace rudi::mrz
