#include "domain/validation.hpp"

#include <gtest/gtest.h>

namespace rudi {
namespace {

TEST(Validation, CountryCodesAreIso3166Alpha2) {
  for (const char* code : {"KE", "TH", "MM", "ZA", "AE", "US"}) EXPECT_TRUE(is_country_code(code)) << code;
  for (const char* code : {"ke", "XX", "KEN", "K", "", "UK"}) EXPECT_FALSE(is_country_code(code)) << code;
}

TEST(Validation, PhoneNumbersAreE164) {
  EXPECT_TRUE(is_e164("+254712345678"));
  EXPECT_TRUE(is_e164("+66812345678"));
  EXPECT_FALSE(is_e164("0712345678"));
  EXPECT_FALSE(is_e164("+0712345678"));
  EXPECT_FALSE(is_e164("+254 712 345678"));
  EXPECT_FALSE(is_e164("+2547123456789012"));
  EXPECT_FALSE(is_e164("+25"));
}

TEST(Validation, DatesAreRealDays) {
  EXPECT_EQ(parse_date("2025-02-12"), (CalendarDate{2025, 2, 12}));
  EXPECT_TRUE(parse_date("2024-02-29"));
  EXPECT_FALSE(parse_date("2025-02-29"));
  EXPECT_FALSE(parse_date("2025-13-01"));
  EXPECT_FALSE(parse_date("12/02/2025"));
  EXPECT_FALSE(parse_date("1899-12-31"));
  EXPECT_EQ(to_string(CalendarDate{2025, 2, 3}), "2025-02-03");
}

TEST(Validation, AgeAndDateOfBirthMustAgree) {
  const CalendarDate today{2025, 2, 12};
  EXPECT_EQ(age_on({2000, 2, 12}, today), 25);
  EXPECT_EQ(age_on({2000, 2, 13}, today), 24);
  EXPECT_FALSE(age_problem({2000, 6, 1}, 25, today));
  EXPECT_FALSE(age_problem({2000, 6, 1}, 26, today));
  EXPECT_TRUE(age_problem({2000, 6, 1}, 30, today));
}

TEST(Validation, TextIsBoundedUtf8WithoutControlCharacters) {
  EXPECT_FALSE(text_problem("Wanjiru", 200, true));
  EXPECT_EQ(text_problem("", 200, true), "is required");
  EXPECT_EQ(text_problem("   ", 200, true), "is required");
  EXPECT_FALSE(text_problem("", 200, false));
  EXPECT_TRUE(text_problem(std::string(201, 'a'), 200, true));
  EXPECT_FALSE(text_problem("Nyambura Wairimũ", 16, true));  // characters, not bytes
  EXPECT_TRUE(text_problem("bad\xff", 200, true));
  EXPECT_TRUE(text_problem("line\nbreak", 200, true));
  EXPECT_FALSE(text_problem("line\nbreak", 200, true, true));
}

}  // namespace
}  // namespace rudi
