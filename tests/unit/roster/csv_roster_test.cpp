#include "roster/csv_roster.hpp"

#include <gtest/gtest.h>

#include "roster/nationality.hpp"

namespace rudi::roster {
namespace {

using Kind = service::RosterRow::Kind;

RosterSettings settings() {
  RosterSettings s;
  s.today = {2025, 3, 1};
  return s;
}

std::vector<service::RosterRow> rows_of(std::string_view text, RosterSettings s = settings()) {
  CsvRoster roster(CsvReader::from_text(text), std::move(s));
  auto started = roster.start();
  EXPECT_TRUE(started) << (started ? "" : started.error().detail);
  std::vector<service::RosterRow> rows;
  while (auto row = roster.next()) rows.push_back(std::move(*row));
  return rows;
}

TEST(RosterDates, AcceptsTheDocumentedFormatsDayBeforeMonth) {
  EXPECT_EQ(roster_date("1995-02-12"), "1995-02-12");
  EXPECT_EQ(roster_date("1995/02/12"), "1995-02-12");
  EXPECT_EQ(roster_date("12/02/1995"), "1995-02-12");
  EXPECT_EQ(roster_date("12-02-1995"), "1995-02-12");
  EXPECT_EQ(roster_date("12.02.1995"), "1995-02-12");
  EXPECT_EQ(roster_date("2.3.1995"), "1995-03-02");
  EXPECT_EQ(roster_date("12 Feb 1995"), "1995-02-12");
  EXPECT_EQ(roster_date("12-FEB-1995"), "1995-02-12");
  EXPECT_EQ(roster_date("12 February 1995"), "1995-02-12");
}

TEST(RosterDates, RefusesWhatIsNoRealDayOrIsAmbiguous) {
  EXPECT_FALSE(roster_date("31/02/1995"));
  EXPECT_FALSE(roster_date("02/13/1995"));  // month-first is not read
  EXPECT_FALSE(roster_date("12/02/95"));    // a two-digit year
  EXPECT_FALSE(roster_date("yesterday"));
  EXPECT_FALSE(roster_date("12 Fbr 1995"));
}

TEST(RosterSex, ReadsLettersAndWords) {
  EXPECT_EQ(roster_sex("F"), "female");
  EXPECT_EQ(roster_sex("male"), "male");
  EXPECT_EQ(roster_sex(" X "), "other");
  EXPECT_EQ(roster_sex(""), "unknown");
  EXPECT_FALSE(roster_sex("2"));
}

TEST(Nationality, CodesNamesAndAdjectives) {
  EXPECT_EQ(nationality_code("KE"), "KE");
  EXPECT_EQ(nationality_code("ken"), "KE");
  EXPECT_EQ(nationality_code("Kenya"), "KE");
  EXPECT_EQ(nationality_code("Republic of Kenya"), "KE");
  EXPECT_EQ(nationality_code("Kenyan"), "KE");
  EXPECT_EQ(nationality_code("THA"), "TH");
  EXPECT_EQ(nationality_code("Viet Nam"), "VN");
  EXPECT_EQ(nationality_code("Myanmar"), "MM");
  EXPECT_FALSE(nationality_code("Atlantis"));
  EXPECT_FALSE(nationality_code(""));
}

TEST(CsvRoster, ReadsNationalsIntoDraftsAndCountsOthersWithoutTheirData) {
  auto rows = rows_of(
      "Surname;First name;Sex;DOB;Nationality;Passport No.;Stage\r\n"
      "Otieno;Akinyi;F;12/02/1995;KEN;ak 123-456;Located\r\n"
      "Somchai;Lek;M;01.01.1990;Thai;T998877;\r\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].kind, Kind::national);
  EXPECT_EQ(rows[0].line, 2u);
  const auto& d = rows[0].draft;
  EXPECT_EQ(d.family_name, "Otieno");
  EXPECT_EQ(d.given_name, "Akinyi");
  EXPECT_EQ(d.sex, "female");
  EXPECT_EQ(d.date_of_birth, "1995-02-12");
  EXPECT_EQ(d.nationality, "KE");
  EXPECT_EQ(d.document_number, "ak 123-456");
  EXPECT_EQ(d.document_kind, "passport");
  EXPECT_EQ(d.stage, "located");
  EXPECT_EQ(rows[1].kind, Kind::other_nationality);
  EXPECT_EQ(rows[1].nationality, "TH");
  EXPECT_TRUE(rows[1].draft.family_name.empty());
}

TEST(CsvRoster, TheHomeNationalityIsSetAndRowsWithoutOneAreItsNationals) {
  auto s = settings();
  s.home_nationality = "UG";
  auto rows = rows_of("Full name,Nationality\nAisha Nakato,Uganda\nBaraka Mwangi,Kenya\nJoseph Okello,\n", s);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].kind, Kind::national);
  EXPECT_EQ(rows[0].draft.given_name, "Aisha");
  EXPECT_EQ(rows[0].draft.family_name, "Nakato");
  EXPECT_EQ(rows[1].kind, Kind::other_nationality);
  EXPECT_EQ(rows[2].kind, Kind::national);
  EXPECT_EQ(rows[2].draft.nationality, "UG");
}

TEST(CsvRoster, RejectsRowsByFieldWithTheirLine) {
  auto rows = rows_of(
      "Surname,Given name,DOB,Sex,Stage,Phone,Nationality\n"
      "Wanjiru,,31/02/1990,Q,departed,0712,KE\n"
      "Kamau,Peter,,M,,+254712345678,Narnia\n"
      "Kamau,John,2030-01-01,M,,,\n");
  ASSERT_EQ(rows.size(), 3u);
  auto fields_of = [](const service::RosterRow& row) {
    std::vector<std::string> fields;
    for (const auto& p : row.problems) fields.push_back(p.field);
    std::sort(fields.begin(), fields.end());
    return fields;
  };
  EXPECT_EQ(rows[0].kind, Kind::rejected);
  EXPECT_EQ(rows[0].line, 2u);
  EXPECT_EQ(fields_of(rows[0]),
            (std::vector<std::string>{"date_of_birth", "given_name", "phone", "sex", "stage"}));
  EXPECT_TRUE(rows[0].draft.family_name.empty()) << "nothing of a rejected row is kept";
  EXPECT_EQ(rows[1].kind, Kind::rejected);
  EXPECT_EQ(fields_of(rows[1]), std::vector<std::string>{"nationality"});
  EXPECT_EQ(rows[2].kind, Kind::rejected);
  EXPECT_EQ(fields_of(rows[2]), std::vector<std::string>{"date_of_birth"});
}

TEST(CsvRoster, ABadlyQuotedRowIsRejectedWithItsLine) {
  auto rows = rows_of("Surname,Given name\nOk,Row\nBad\"Quote,x\nNext,Row\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].kind, Kind::rejected);
  EXPECT_EQ(rows[1].line, 3u);
  EXPECT_EQ(rows[1].problems.at(0).field, "");
  EXPECT_EQ(rows[2].kind, Kind::national);
}

TEST(CsvRoster, SkipsRowsOfEmptyCells) {
  auto rows = rows_of("Surname,Given name\nOtieno,Akinyi\n,\n , \n");
  EXPECT_EQ(rows.size(), 1u);
}

TEST(CsvRoster, AHeaderItCannotReadIsAnError) {
  CsvRoster roster(CsvReader::from_text("Remarks,Age\n1,2\n"), settings());
  auto started = roster.start();
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().kind, ErrorKind::invalid_input);
  CsvRoster empty(CsvReader::from_text(""), settings());
  EXPECT_FALSE(empty.start());
}

TEST(CsvRoster, PhonesLoseTheirSpacingAndA00Prefix) {
  auto rows = rows_of("Surname,Given name,Phone\nOtieno,Akinyi,00254 712-345 678\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].kind, Kind::national);
  EXPECT_EQ(rows[0].draft.phone, "+254712345678");
}

}  // namespace
}  // namespace rudi::roster
