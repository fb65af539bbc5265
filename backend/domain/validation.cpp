#include "domain/validation.hpp"

#include <array>
#include <cstdio>
#include <ctime>
#include <regex>

namespace rudi {
namespace {

// ISO 3166-1 alpha-2, officially assigned codes.
constexpr std::string_view kCountries =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV "
    "BW BY "
    "BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI "
    "FJ FK "
    "FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO "
    "IQ IR "
    "IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG "
    "MH MK "
    "ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK "
    "PL PM "
    "PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC "
    "TD TF "
    "TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

bool leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}
int days_in(int y, int m) {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[static_cast<std::size_t>(m - 1)];
}

}  // namespace

bool is_country_code(std::string_view code) {
  if (code.size() != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z') return false;
  for (std::size_t i = 0; i + 1 < kCountries.size(); i += 3) {
    if (kCountries.substr(i, 2) == code) return true;
  }
  return false;
}

bool is_e164(std::string_view phone) {
  if (phone.size() < 8 || phone.size() > 16 || phone[0] != '+' || phone[1] == '0') return false;
  for (std::size_t i = 1; i < phone.size(); ++i) {
    if (phone[i] < '0' || phone[i] > '9') return false;
  }
  return true;
}

std::optional<CalendarDate> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](std::size_t at, std::size_t length) -> int {
    int value = 0;
    for (std::size_t i = at; i < at + length; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  CalendarDate d{number(0, 4), number(5, 2), number(8, 2)};
  if (d.year < 1900 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > days_in(d.year, d.month)) {
    return std::nullopt;
  }
  return d;
}

std::string to_string(const CalendarDate& d) {
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", d.year, d.month, d.day);
  return out;
}

CalendarDate today_utc(std::chrono::system_clock::time_point now) {
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

int age_on(const CalendarDate& birth, const CalendarDate& day) {
  int age = day.year - birth.year;
  if (day.month < birth.month || (day.month == birth.month && day.day < birth.day)) --age;
  return age;
}

bool is_rfc3339_time(std::string_view text) {
  static const std::regex kTime(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$)");
  return std::regex_match(text.begin(), text.end(), kTime);
}

std::optional<std::string> text_problem(std::string_view text, std::size_t max, bool required,
                                        bool multiline) {
  std::size_t characters = 0;
  bool visible = false;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t extra = c < 0x80                   ? 0
                        : (c >= 0xc2 && c <= 0xdf) ? 1
                        : (c >= 0xe0 && c <= 0xef) ? 2
                        : (c >= 0xf0 && c <= 0xf4) ? 3
                                                   : 99;
    if (extra == 99 || text.size() - i <= extra) return "must be valid UTF-8";
    for (std::size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return "must be valid UTF-8";
    }
    if (c < 0x20 || c == 0x7f) {
      if (!(multiline && (c == '\n' || c == '\r' || c == '\t'))) return "must not hold control characters";
    } else if (c != ' ') {
      visible = true;
    }
    i += extra + 1;
    ++characters;
  }
  if (required && !visible) return "is required";
  if (characters > max) return "must be at most " + std::to_string(max) + " characters";
  return std::nullopt;
}

std::optional<std::string> age_problem(const CalendarDate& birth, int estimated_age,
                                       const CalendarDate& today) {
  const int actual = age_on(birth, today);
  if (actual - estimated_age > 2 || estimated_age - actual > 2) {
    return "the date of birth makes the person " + std::to_string(actual) + ", not about " +
           std::to_string(estimated_age);
  }
  return std::nullopt;
}

}  // namespace rudi
