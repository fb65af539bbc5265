#include "roster/csv_reader.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace rudi::roster {
namespace {

std::vector<CsvRecord> read_all(std::string_view text, CsvLimits limits = {}) {
  auto reader = CsvReader::from_text(text, limits);
  std::vector<CsvRecord> records;
  while (auto r = reader.next()) records.push_back(std::move(*r));
  return records;
}

using Fields = std::vector<std::string>;

TEST(CsvReader, ReadsCommaSeparatedRecordsWithLfLineEnds) {
  auto records = read_all("a,b,c\n1,2,3\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields, (Fields{"a", "b", "c"}));
  EXPECT_EQ(records[1].fields, (Fields{"1", "2", "3"}));
  EXPECT_EQ(records[1].line, 2u);
  EXPECT_FALSE(records[1].error);
}

TEST(CsvReader, DetectsSemicolonsAndCrlf) {
  auto reader = CsvReader::from_text("Surname;Given name;Note\r\nOtieno;Akinyi;a, b\r\n");
  auto header = reader.next();
  ASSERT_TRUE(header);
  EXPECT_EQ(reader.separator(), ';');
  EXPECT_EQ(header->fields, (Fields{"Surname", "Given name", "Note"}));
  auto row = reader.next();
  ASSERT_TRUE(row);
  EXPECT_EQ(row->fields, (Fields{"Otieno", "Akinyi", "a, b"}));
  EXPECT_FALSE(reader.next());
}

TEST(CsvReader, CommasWinWhenTheHeaderHasMoreOfThem) {
  auto reader = CsvReader::from_text("a,b;c,d\n");
  ASSERT_TRUE(reader.next());
  EXPECT_EQ(reader.separator(), ',');
}

TEST(CsvReader, SkipsAUtf8ByteOrderMark) {
  auto records = read_all("\xEF\xBB\xBFSurname,Name\nA,B\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields[0], "Surname");
}

TEST(CsvReader, RefusesUtf16) {
  auto reader =
      CsvReader::from_text(std::string_view("\xFF\xFE"
                                            "a\0,\0",
                                            6));
  EXPECT_FALSE(reader.next());
  ASSERT_TRUE(reader.encoding_error());
  EXPECT_NE(reader.encoding_error()->find("UTF-16"), std::string::npos);
}

TEST(CsvReader, QuotedFieldsKeepSeparatorsQuotesAndNewlines) {
  auto records = read_all("a,b\n\"Otieno, Jr\",\"said \"\"hi\"\"\"\n\"two\r\nlines\",x\nnext,row\n");
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[1].fields, (Fields{"Otieno, Jr", "said \"hi\""}));
  EXPECT_EQ(records[2].fields, (Fields{"two\r\nlines", "x"}));
  EXPECT_EQ(records[2].line, 3u);
  // The record after one spanning two lines starts on line 5.
  EXPECT_EQ(records[3].line, 5u);
}

TEST(CsvReader, EmptyFieldsAndAQuotedEmptyField) {
  auto records = read_all("a,,\"\",d\n");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fields, (Fields{"a", "", "", "d"}));
}

TEST(CsvReader, LastRecordWithoutANewline) {
  auto records = read_all("a,b\n1,2");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].fields, (Fields{"1", "2"}));
}

TEST(CsvReader, SkipsBlankLinesButCountsThem) {
  auto records = read_all("a\n\n\r\nb\n\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].fields, (Fields{"b"}));
  EXPECT_EQ(records[1].line, 4u);
}

TEST(CsvReader, BareCarriageReturnsEndLines) {
  auto records = read_all("a,b\r1,2\r3,4");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[2].line, 3u);
  EXPECT_EQ(records[2].fields, (Fields{"3", "4"}));
}

TEST(CsvReader, AQuoteInsideAnUnquotedFieldIsAnErrorWithItsLineAndReadingGoesOn) {
  auto records = read_all("a,b\nok,1\nbad\"x,2\nafter,3\n");
  ASSERT_EQ(records.size(), 4u);
  ASSERT_TRUE(records[2].error);
  EXPECT_EQ(records[2].line, 3u);
  EXPECT_FALSE(records[3].error);
  EXPECT_EQ(records[3].fields, (Fields{"after", "3"}));
  EXPECT_EQ(records[3].line, 4u);
}

TEST(CsvReader, TextAfterAClosingQuoteIsAnError) {
  auto records = read_all("a,b\n\"x\"y,2\nnext,3\n");
  ASSERT_EQ(records.size(), 3u);
  ASSERT_TRUE(records[1].error);
  EXPECT_NE(records[1].error->find("closing quote"), std::string::npos);
  EXPECT_EQ(records[2].fields, (Fields{"next", "3"}));
}

TEST(CsvReader, AnUnclosedQuoteNamesTheLineItOpenedOn) {
  auto records = read_all("a,b\n1,2\n3,\"never\nclosed\n");
  ASSERT_EQ(records.size(), 3u);
  ASSERT_TRUE(records[2].error);
  EXPECT_EQ(records[2].line, 3u);
  EXPECT_NE(records[2].error->find("line 3"), std::string::npos);
}

TEST(CsvReader, BoundsFieldsAndTheirNumber) {
  CsvLimits limits;
  limits.field_bytes = 5;
  limits.fields_per_record = 3;
  auto records = read_all("a,b\n123456,x\n1,2,3,4\nok,1\n", limits);
  ASSERT_EQ(records.size(), 4u);
  EXPECT_TRUE(records[1].error);
  EXPECT_TRUE(records[2].error);
  EXPECT_FALSE(records[3].error);
  EXPECT_EQ(records[3].fields, (Fields{"ok", "1"}));
}

TEST(CsvReader, StreamsAcrossChunkBoundaries) {
  // Chunks of 16 bytes split quotes, CRLF pairs and fields in every place.
  std::string text = "name,note\r\n";
  for (int i = 0; i < 200; ++i)
    text += "p" + std::to_string(i) + ",\"q \"\"" + std::to_string(i) + "\"\"\r\nx\"\r\n";
  std::istringstream in(text);
  CsvLimits limits;
  limits.chunk_bytes = 16;
  auto reader = CsvReader::from_stream(in, limits);
  ASSERT_TRUE(reader.next());
  for (int i = 0; i < 200; ++i) {
    auto r = reader.next();
    ASSERT_TRUE(r);
    ASSERT_FALSE(r->error) << *r->error;
    EXPECT_EQ(r->fields, (Fields{"p" + std::to_string(i), "q \"" + std::to_string(i) + "\"\r\nx"}));
    EXPECT_EQ(r->line, 2u + 2u * static_cast<std::size_t>(i));
  }
  EXPECT_FALSE(reader.next());
}

}  // namespace
}  // namespace rudi::roster
