// Reading machine-readable zones: the ICAO 9303 specimens (part 4's TD3 passport, part 5's TD1 card),
// an invented Kenyan passport, and damaged zones — each check digit wrong, short lines, characters an
// MRZ cannot hold, and letters where digits or fillers belong.
#include <gtest/gtest.h>

#include "domain/validation.hpp"
#include "mrz/check_digit.hpp"
#include "mrz/country_codes.hpp"
#include "mrz/parser.hpp"
#include "mrz/person_fields.hpp"

namespace rudi::mrz {
namespace {

const Date kToday{2026, 11, 23};

// ICAO 9303 part 4, appendix: the specimen passport of Anna Maria Eriksson of Utopia.
const std::string kTd3Line1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
const std::string kTd3Line2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10";
// ICAO 9303 part 5, appendix: the specimen identity card.
const std::string kTd1Line1 = "I<UTOD231458907<<<<<<<<<<<<<<<";
const std::string kTd1Line2 = "7408122F1204159UTO<<<<<<<<<<<6";
const std::string kTd1Line3 = "ERIKSSON<<ANNA<MARIA<<<<<<<<<<";
// An invented Kenyan passport (check digits computed by hand with weights 7, 3, 1).
const std::string kKenyan1 = "P<KENWANJIRU<<AMANI<NJERI<<<<<<<<<<<<<<<<<<<";
const std::string kKenyan2 = "AK01234565KEN9503043F3301177<<<<<<<<<<<<<<<8";

std::string zone(std::initializer_list<std::string> lines) {
  std::string text;
  for (const auto& line : lines) text += (text.empty() ? "" : "\n") + line;
  return text;
}

// The line with one character replaced.
std::string with(std::string line, std::size_t position, char c) {
  line[position] = c;
  return line;
}

// The digit one more than the one printed, so a check digit that is certainly wrong.
char wrong(char digit) {
  return static_cast<char>('0' + (digit - '0' + 1) % 10);
}

const Defect* defect_of(const Reading& reading, const std::string& field) {
  for (const auto& d : reading.defects)
    if (d.field == field) return &d;
  return nullptr;
}

std::string fields_of(const Reading& reading) {
  std::string all;
  for (const auto& d : reading.defects) all += d.field + ": " + d.reason + "\n";
  return all;
}

TEST(MrzCheckDigit, ComputesTheSpecimensDigits) {
  EXPECT_EQ(check_digit("L898902C3"), 6);
  EXPECT_EQ(check_digit("740812"), 2);
  EXPECT_EQ(check_digit("120415"), 9);
  EXPECT_EQ(check_digit("ZE184226B<<<<<"), 1);
  EXPECT_EQ(check_digit("D23145890"), 7);
  EXPECT_EQ(check_digit("<<<<<<"), 0);
  EXPECT_EQ(check_digit("l898902c3"), std::nullopt);
}

TEST(MrzReading, ReadsTheTd3Specimen) {
  const auto reading = read_zone(zone({kTd3Line1, kTd3Line2}), kToday);
  ASSERT_TRUE(reading.ok()) << fields_of(reading);
  const Zone& z = *reading.zone;
  EXPECT_EQ(z.format, Format::td3);
  EXPECT_EQ(z.document_code, "P");
  EXPECT_EQ(z.issuing_state, "UTO");
  EXPECT_EQ(z.surname, "ERIKSSON");
  EXPECT_EQ(z.given_names, "ANNA MARIA");
  EXPECT_EQ(z.document_number, "L898902C3");
  EXPECT_EQ(z.nationality, "UTO");
  EXPECT_EQ(z.date_of_birth, (Date{1974, 8, 12}));
  EXPECT_EQ(z.date_of_birth_text, "740812");
  EXPECT_EQ(z.sex, 'F');
  EXPECT_EQ(z.date_of_expiry, (Date{2012, 4, 15}));
  EXPECT_EQ(z.optional_data, "ZE184226B");

  const auto person = person_fields(z, kToday);
  EXPECT_EQ(person.given_name, "ANNA MARIA");
  EXPECT_EQ(person.family_name, "ERIKSSON");
  EXPECT_EQ(person.date_of_birth, "1974-08-12");
  EXPECT_EQ(person.sex, "female");
  EXPECT_EQ(person.nationality, std::nullopt) << "Utopia has no ISO code";
  EXPECT_EQ(person.document_kind, "passport");
  EXPECT_EQ(person.document_number, "L898902C3");
  EXPECT_TRUE(person.expired);
  ASSERT_EQ(person.notes.size(), 2u);
  EXPECT_NE(person.notes[0].find("UTO"), std::string::npos);
  EXPECT_NE(person.notes[1].find("2012-04-15"), std::string::npos);
}

TEST(MrzReading, ReadsTheTd1Specimen) {
  const auto reading = read_zone(zone({kTd1Line1, kTd1Line2, kTd1Line3}), kToday);
  ASSERT_TRUE(reading.ok()) << fields_of(reading);
  const Zone& z = *reading.zone;
  EXPECT_EQ(z.format, Format::td1);
  EXPECT_EQ(z.document_code, "I");
  EXPECT_EQ(z.document_number, "D23145890");
  EXPECT_EQ(z.date_of_birth, (Date{1974, 8, 12}));
  EXPECT_EQ(z.date_of_expiry, (Date{2012, 4, 15}));
  EXPECT_EQ(z.nationality, "UTO");
  EXPECT_EQ(z.surname, "ERIKSSON");
  EXPECT_EQ(z.given_names, "ANNA MARIA");
  EXPECT_EQ(z.optional_data, "");
  EXPECT_EQ(person_fields(z, kToday).document_kind, "national_id");
}

TEST(MrzReading, ReadsALongTd1DocumentNumberFromTheOptionalData) {
  // Part 5: a number over nine characters puts a filler in the check digit's place and continues in the
  // optional data, followed by the check digit of the whole number.
  const auto reading = read_zone(zone({"I<UTOD23145890<7349<<<<<<<<<<<", kTd1Line2, kTd1Line3}), kToday);
  ASSERT_TRUE(reading.ok()) << fields_of(reading);
  EXPECT_EQ(reading.zone->document_number, "D23145890734");
  EXPECT_EQ(reading.zone->optional_data, "");
}

TEST(MrzReading, MapsAKenyanPassportOntoAPersonsFields) {
  const auto reading = read_zone(kKenyan1 + "\r\n" + kKenyan2 + "\r\n", kToday);
  ASSERT_TRUE(reading.ok()) << fields_of(reading);
  const auto person = person_fields(*reading.zone, kToday);
  EXPECT_EQ(person.family_name, "WANJIRU");
  EXPECT_EQ(person.given_name, "AMANI NJERI");
  EXPECT_EQ(person.nationality, "KE");
  EXPECT_EQ(person.date_of_birth, "1995-03-04");
  EXPECT_EQ(person.document_number, "AK0123456");
  EXPECT_FALSE(person.expired);
  EXPECT_TRUE(person.notes.empty());
  EXPECT_EQ(reading.zone->date_of_expiry, (Date{2033, 1, 17}));
}

TEST(MrzReading, AnEmptyPersonalNumberMayCarryZeroAsItsCheckDigit) {
  EXPECT_TRUE(read_zone(zone({kKenyan1, with(kKenyan2, 42, '0')}), kToday).ok());
}

struct CheckDigitCase {
  std::size_t line;  // 0-based
  std::size_t position;
  std::string field;
};

TEST(MrzReading, NamesEachWrongTd3CheckDigitWithTheExpectedAndFoundDigits) {
  const std::vector<CheckDigitCase> cases = {{1, 9, "line2/document_number_check"},
                                             {1, 19, "line2/date_of_birth_check"},
                                             {1, 27, "line2/date_of_expiry_check"},
                                             {1, 42, "line2/personal_number_check"},
                                             {1, 43, "line2/composite_check"}};
  for (const auto& c : cases) {
    const char printed = kTd3Line2[c.position];
    const auto reading = read_zone(zone({kTd3Line1, with(kTd3Line2, c.position, wrong(printed))}), kToday);
    ASSERT_FALSE(reading.ok()) << c.field;
    EXPECT_FALSE(reading.zone.has_value());
    const Defect* defect = defect_of(reading, c.field);
    ASSERT_NE(defect, nullptr) << c.field << " not among\n" << fields_of(reading);
    EXPECT_NE(defect->reason.find(std::string("expected ") + printed + ", found " + wrong(printed)),
              std::string::npos)
        << defect->reason;
  }
}

TEST(MrzReading, NamesEachWrongTd1CheckDigit) {
  const std::vector<CheckDigitCase> cases = {{0, 14, "line1/document_number_check"},
                                             {1, 6, "line2/date_of_birth_check"},
                                             {1, 14, "line2/date_of_expiry_check"},
                                             {1, 29, "line2/composite_check"}};
  for (const auto& c : cases) {
    std::vector<std::string> lines = {kTd1Line1, kTd1Line2, kTd1Line3};
    const char printed = lines[c.line][c.position];
    lines[c.line][c.position] = wrong(printed);
    const auto reading = read_zone(zone({lines[0], lines[1], lines[2]}), kToday);
    const Defect* defect = defect_of(reading, c.field);
    ASSERT_NE(defect, nullptr) << c.field << " not among\n" << fields_of(reading);
    EXPECT_NE(defect->reason.find(std::string("expected ") + printed + ", found " + wrong(printed)),
              std::string::npos)
        << defect->reason;
  }
}

TEST(MrzReading, AChangedDigitInAFieldIsCaughtByItsCheckDigitAndTheComposite) {
  // 740812 read as 740818: the date is still a date, so only the check digits can tell.
  const auto reading = read_zone(zone({kTd3Line1, with(kTd3Line2, 18, '8')}), kToday);
  EXPECT_NE(defect_of(reading, "line2/date_of_birth_check"), nullptr) << fields_of(reading);
  EXPECT_NE(defect_of(reading, "line2/composite_check"), nullptr) << fields_of(reading);
  EXPECT_EQ(defect_of(reading, "line2/date_of_birth"), nullptr);
}

TEST(MrzReading, RefusesAShortLineNamingIt) {
  const auto reading = read_zone(zone({kTd3Line1, kTd3Line2.substr(0, 43)}), kToday);
  ASSERT_EQ(reading.defects.size(), 1u) << fields_of(reading);
  EXPECT_EQ(reading.defects[0].field, "line2");
  EXPECT_NE(reading.defects[0].reason.find("has 43 characters"), std::string::npos);
  EXPECT_NE(reading.defects[0].reason.find("44"), std::string::npos);
}

TEST(MrzReading, RefusesTheWrongNumberOfLines) {
  for (const std::string& text :
       {kTd3Line1, zone({kTd1Line1, kTd1Line2, kTd1Line3, kTd1Line3}), std::string()}) {
    const auto reading = read_zone(text, kToday);
    ASSERT_EQ(reading.defects.size(), 1u);
    EXPECT_EQ(reading.defects[0].field, "");
    EXPECT_NE(reading.defects[0].reason.find("2 lines of 44"), std::string::npos);
  }
  // Three lines of 44 are neither format: each line is measured against the three-line format.
  const auto reading = read_zone(zone({kTd3Line1, kTd3Line2, kTd3Line2}), kToday);
  EXPECT_EQ(reading.defects.size(), 3u);
}

TEST(MrzReading, RefusesTextOverTheBound) {
  const auto reading = read_zone(std::string(kMaxZoneText + 1, '<'), kToday);
  ASSERT_EQ(reading.defects.size(), 1u);
  EXPECT_NE(reading.defects[0].reason.find("at most"), std::string::npos);
}

TEST(MrzReading, RefusesCharactersAnMrzCannotHoldSayingWhereTheyAre) {
  auto reading = read_zone(zone({with(kTd3Line1, 7, 'i'), kTd3Line2}), kToday);
  ASSERT_EQ(reading.defects.size(), 1u);
  EXPECT_EQ(reading.defects[0].field, "line1");
  EXPECT_NE(reading.defects[0].reason.find("'i' at position 8"), std::string::npos)
      << reading.defects[0].reason;
  EXPECT_NE(reading.defects[0].reason.find("capitals"), std::string::npos);

  reading = read_zone(zone({kTd3Line1, with(kTd3Line2, 40, ' ')}), kToday);
  ASSERT_EQ(reading.defects.size(), 1u);
  EXPECT_EQ(reading.defects[0].field, "line2");
  EXPECT_NE(reading.defects[0].reason.find("a space at position 41"), std::string::npos);

  reading = read_zone(zone({with(kTd3Line1, 10, '\xC3'), kTd3Line2}), kToday);
  ASSERT_EQ(reading.defects.size(), 1u);
  EXPECT_NE(reading.defects[0].reason.find("byte 0xC3"), std::string::npos);
}

TEST(MrzReading, ALetterOWhereADigitBelongsIsNamed) {
  const auto reading = read_zone(zone({kTd3Line1, with(kTd3Line2, 14, 'O')}), kToday);
  const Defect* defect = defect_of(reading, "line2/date_of_birth");
  ASSERT_NE(defect, nullptr) << fields_of(reading);
  EXPECT_NE(defect->reason.find("the letter O where a 0 belongs"), std::string::npos) << defect->reason;
}

TEST(MrzReading, AFillerInACheckDigitsPlaceIsNamed) {
  const auto reading = read_zone(zone({kTd3Line1, with(kTd3Line2, 19, '<')}), kToday);
  const Defect* defect = defect_of(reading, "line2/date_of_birth_check");
  ASSERT_NE(defect, nullptr) << fields_of(reading);
  EXPECT_NE(defect->reason.find("must be a digit, found '<'"), std::string::npos) << defect->reason;
}

TEST(MrzReading, AFillerInAnExpiryDateIsADefect) {
  const auto reading = read_zone(zone({kTd3Line1, with(kTd3Line2, 25, '<')}), kToday);
  EXPECT_NE(defect_of(reading, "line2/date_of_expiry"), nullptr) << fields_of(reading);
}

TEST(MrzReading, AnUnknownDateOfBirthIsReadAsUnknown) {
  std::string line2 = kKenyan2;
  line2.replace(13, 7, "<<<<<<0");
  std::string composite = line2.substr(0, 10) + line2.substr(13, 7) + line2.substr(21, 22);
  line2[43] = static_cast<char>('0' + *check_digit(composite));
  const auto reading = read_zone(zone({kKenyan1, line2}), kToday);
  ASSERT_TRUE(reading.ok()) << fields_of(reading);
  EXPECT_EQ(reading.zone->date_of_birth, std::nullopt);
  const auto person = person_fields(*reading.zone, kToday);
  EXPECT_EQ(person.date_of_birth, std::nullopt);
  EXPECT_NE(person.notes.at(0).find("date of birth"), std::string::npos);
}

TEST(MrzReading, ReadsNamesWithOneComponentAndWithSpaces) {
  auto padded = [](std::string line) {
    line.resize(44, '<');
    return line;
  };
  auto reading = read_zone(zone({padded("P<KENOTIENO"), kKenyan2}), kToday);
  ASSERT_TRUE(reading.ok()) << fields_of(reading);
  EXPECT_EQ(reading.zone->surname, "OTIENO");
  EXPECT_EQ(reading.zone->given_names, "");

  reading = read_zone(zone({padded("P<KENVAN<DER<BERG<<AMANI"), kKenyan2}), kToday);
  ASSERT_TRUE(reading.ok()) << fields_of(reading);
  EXPECT_EQ(reading.zone->surname, "VAN DER BERG");
  EXPECT_EQ(reading.zone->given_names, "AMANI");
}

TEST(MrzReading, RefusesADigitInAName) {
  const auto reading = read_zone(zone({with(kKenyan1, 8, '0'), kKenyan2}), kToday);
  EXPECT_NE(defect_of(reading, "line1/name"), nullptr) << fields_of(reading);
}

TEST(MrzReading, RefusesAZoneThatIsNotAPassportsInTheTd3Layout) {
  const auto reading = read_zone(zone({with(kKenyan1, 0, 'V'), kKenyan2}), kToday);
  EXPECT_NE(defect_of(reading, "line1/document_code"), nullptr) << fields_of(reading);
}

TEST(MrzReading, RefusesANationalityWithDigitsAndAWrongSex) {
  const auto reading = read_zone(zone({kKenyan1, with(with(kKenyan2, 11, '3'), 20, 'W')}), kToday);
  EXPECT_NE(defect_of(reading, "line2/nationality"), nullptr) << fields_of(reading);
  EXPECT_NE(defect_of(reading, "line2/sex"), nullptr) << fields_of(reading);
}

// The zone of the Kenyan passport with its dates replaced and every check digit made right again.
Reading with_dates(std::string birth, std::string expiry) {
  std::string line2 = kKenyan2;
  line2.replace(13, 6, birth);
  line2[19] = static_cast<char>('0' + check_digit(birth).value_or(0));
  line2.replace(21, 6, expiry);
  line2[27] = static_cast<char>('0' + check_digit(expiry).value_or(0));
  std::string composite = line2.substr(0, 10) + line2.substr(13, 7) + line2.substr(21, 22);
  line2[43] = static_cast<char>('0' + check_digit(composite).value_or(0));
  return read_zone(zone({kKenyan1, line2}), kToday);
}

TEST(MrzReading, PlacesTwoDigitYearsBirthsInThePastExpiriesWithinTwentyYears) {
  auto reading = with_dates("250101", "400101");
  ASSERT_TRUE(reading.ok()) << fields_of(reading);
  EXPECT_EQ(reading.zone->date_of_birth->year, 2025);
  EXPECT_EQ(reading.zone->date_of_expiry.year, 2040);
  reading = with_dates("261124", "461123");  // born tomorrow a century ago; expiring in twenty years
  ASSERT_TRUE(reading.ok()) << fields_of(reading);
  EXPECT_EQ(reading.zone->date_of_birth->year, 1926);
  EXPECT_EQ(reading.zone->date_of_expiry.year, 2046);
  reading = with_dates("261123", "470101");  // born today; an expiry over twenty years ahead is the past's
  ASSERT_TRUE(reading.ok()) << fields_of(reading);
  EXPECT_EQ(reading.zone->date_of_birth->year, 2026);
  EXPECT_EQ(reading.zone->date_of_expiry.year, 1947);
}

TEST(MrzReading, RefusesDaysAndMonthsThatDoNotExist) {
  EXPECT_NE(defect_of(with_dates("741312", "330117"), "line2/date_of_birth"), nullptr);
  EXPECT_NE(defect_of(with_dates("740230", "330117"), "line2/date_of_birth"), nullptr);
  EXPECT_NE(defect_of(with_dates("740812", "330229"), "line2/date_of_expiry"), nullptr);
  EXPECT_TRUE(with_dates("000229", "320229").ok()) << "2000 and 2032 are leap years";
  EXPECT_NE(defect_of(with_dates("010229", "330117"), "line2/date_of_birth"), nullptr);
}

TEST(MrzCountryCodes, MapsAlpha3AndIcaoCodesToCodesRudiAccepts) {
  EXPECT_EQ(alpha2_of("KEN"), "KE");
  EXPECT_EQ(alpha2_of("THA"), "TH");
  EXPECT_EQ(alpha2_of("MMR"), "MM");
  EXPECT_EQ(alpha2_of("D<<"), "DE");
  EXPECT_EQ(alpha2_of("D"), "DE") << "the zone's fillers dropped";
  EXPECT_EQ(alpha2_of("GBN"), "GB");
  EXPECT_EQ(alpha2_of("UTO"), std::nullopt);
  EXPECT_EQ(alpha2_of("XXA"), std::nullopt);
  EXPECT_EQ(alpha2_of("ZZZ"), std::nullopt);
  for (const char* code :
       {"KEN", "UGA", "TZA", "THA", "MMR", "KHM", "LAO", "ARE", "D<<", "GBD", "ZWE", "ABW"})
    EXPECT_TRUE(is_country_code(alpha2_of(code).value_or(""))) << code;
}

}  // namespace
}  // namespace rudi::mrz
