// Field rules shared by every record: ISO 3166-1 country codes, E.164 phone numbers, calendar dates not in
// the future, a date of birth that agrees with an estimated age, and bounded text. Each check returns the
// reason a value is wrong, or nothing.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace rudi {

bool is_country_code(std::string_view code);  // ISO 3166-1 alpha-2, upper case
bool is_e164(std::string_view phone);         // +, a country code and up to 15 digits in all

struct CalendarDate {
  int year = 0, month = 0, day = 0;
  auto operator<=>(const CalendarDate&) const = default;
};

std::optional<CalendarDate> parse_date(std::string_view text);  // YYYY-MM-DD, a real day
std::string to_string(const CalendarDate& date);
CalendarDate today_utc(std::chrono::system_clock::time_point now);
int age_on(const CalendarDate& birth, const CalendarDate& day);

// Why a text is not acceptable: empty when required, longer than `max` characters, not UTF-8, or
// holding control characters other than newlines and tabs (when `multiline`).
std::optional<std::string> text_problem(std::string_view text, std::size_t max, bool required,
                                        bool multiline = false);

// Whether the text is an RFC 3339 time with an offset, e.g. 2025-02-20T08:30:00Z.
bool is_rfc3339_time(std::string_view text);

// Why a date of birth and an estimated age disagree (more than two years apart), or nothing.
std::optional<std::string> age_problem(const CalendarDate& birth, int estimated_age,
                                       const CalendarDate& today);

}  // namespace rudi
