#include "roster/column_mapping.hpp"

#include <gtest/gtest.h>

namespace rudi::roster {
namespace {

TEST(ColumnMapping, FoldsHeadersToLettersAndDigits) {
  EXPECT_EQ(fold_header("Passport No."), "passportno");
  EXPECT_EQ(fold_header(" Date of Birth "), "dateofbirth");
  EXPECT_EQ(fold_header("family_name"), "familyname");
}

TEST(ColumnMapping, KnowsTheCommonSpellings) {
  const std::vector<std::pair<std::string, Field>> cases = {
      {"Surname", Field::family_name},
      {"Last name", Field::family_name},
      {"FAMILY NAME", Field::family_name},
      {"First name", Field::given_name},
      {"Given names", Field::given_name},
      {"Passport No.", Field::passport_number},
      {"Document number", Field::document_number},
      {"DOB", Field::date_of_birth},
      {"Date of birth", Field::date_of_birth},
      {"Nationality", Field::nationality},
      {"Citizenship", Field::nationality},
      {"Sex", Field::sex},
      {"Gender", Field::sex},
      {"Stage", Field::stage},
      {"Shelter", Field::current_location},
      {"Age", Field::estimated_age},
  };
  for (const auto& [header, field] : cases) {
    auto mapping = map_columns({"Full name", header}, {});
    if (field == Field::given_name || field == Field::family_name) {
      mapping = map_columns({header, field == Field::given_name ? "Surname" : "First name"}, {});
    }
    ASSERT_TRUE(mapping) << header << ": " << mapping.error().detail;
    EXPECT_TRUE(mapping->column_of(field)) << header;
  }
}

TEST(ColumnMapping, UnknownColumnsAreIgnoredAndListed) {
  auto mapping = map_columns({"Surname", "Given name", "Remarks"}, {});
  ASSERT_TRUE(mapping);
  EXPECT_EQ(mapping->ignored, std::vector<std::string>{"Remarks"});
  EXPECT_FALSE(mapping->columns[2]);
}

TEST(ColumnMapping, NamesAreRequired) {
  auto mapping = map_columns({"Surname", "DOB"}, {});
  ASSERT_FALSE(mapping);
  EXPECT_EQ(mapping.error().fields.at(0).field, "/header");
}

TEST(ColumnMapping, TwoColumnsForOneFieldAreAnError) {
  auto mapping = map_columns({"Surname", "Last name", "First name"}, {});
  ASSERT_FALSE(mapping);
  EXPECT_EQ(mapping.error().fields.at(0).field, "/header/Last name");
}

TEST(ColumnMapping, AnOverrideWinsOverTheAliasesAndCanIgnoreAColumn) {
  auto mapping =
      map_columns({"Apellido", "Nombre", "Surname"},
                  {{"Apellido", "family_name"}, {"nombre", "given_name"}, {"Surname", std::nullopt}});
  ASSERT_TRUE(mapping) << mapping.error().detail;
  EXPECT_EQ(mapping->column_of(Field::family_name), 0u);
  EXPECT_EQ(mapping->column_of(Field::given_name), 1u);
  EXPECT_EQ(mapping->ignored, std::vector<std::string>{"Surname"});
}

TEST(ColumnMapping, AnOverrideNamingNoFieldIsAnError) {
  auto mapping = map_columns({"Surname", "Given name"}, {{"Surname", "maiden_name"}});
  ASSERT_FALSE(mapping);
  EXPECT_EQ(mapping.error().fields.at(0).field, "/mapping/Surname");
}

TEST(ColumnMapping, ParsesOverridesFromJson) {
  auto parsed = parse_mapping_override(R"({"Apellido": "family_name", "Notas": null})");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->at("Apellido"), "family_name");
  EXPECT_FALSE(parsed->at("Notas"));
  EXPECT_FALSE(parse_mapping_override("[1, 2]"));
  EXPECT_FALSE(parse_mapping_override(R"({"a": 3})"));
  EXPECT_FALSE(parse_mapping_override("{not json"));
}

}  // namespace
}  // namespace rudi::roster
