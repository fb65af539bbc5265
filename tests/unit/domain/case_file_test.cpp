#include "domain/case_file.hpp"

#include <gtest/gtest.h>

namespace rudi {
namespace {

std::vector<std::string> fields_of(const std::vector<FieldError>& errors) {
  std::vector<std::string> fields;
  for (const auto& e : errors) fields.push_back(e.field);
  return fields;
}

CaseDraft good_case() {
  return {"ODPP/CTIP/2025/014",
          "Republic v. Fictional Recruiter",
          "Milimani Law Courts",
          "JKIA Police Station",
          "investigation",
          {"3(1)", "4(2)(a)"},
          ""};
}

SuspectDraft good_suspect() {
  SuspectDraft s;
  s.name = "Juma 'Jay' Fictitious";
  s.aliases = {"Mr. J"};
  s.phones = {"+66812345678"};
  s.agencies = {"Sunrise Jobs Abroad Ltd."};
  s.roles = {"RecruiterOrIntermediary"};
  return s;
}

TEST(CaseRules, AGoodCaseHasNoErrors) {
  EXPECT_TRUE(validate_case(good_case()).empty());
}

TEST(CaseRules, EachBrokenRuleNamesItsField) {
  auto c = good_case();
  c.file_number = "";
  c.title = std::string(201, 'x');
  c.status = "pending";
  c.charges = {"3(1)", "s.3", "99"};
  EXPECT_EQ(fields_of(validate_case(c)),
            (std::vector<std::string>{"/file_number", "/title", "/status", "/charges/1", "/charges/2"}));
  c = good_case();
  c.file_number = "ODPP;DROP";
  EXPECT_EQ(fields_of(validate_case(c)), std::vector<std::string>{"/file_number"});
}

TEST(SuspectRules, AGoodSuspectHasNoErrors) {
  EXPECT_TRUE(validate_suspect(good_suspect()).empty());
  EXPECT_TRUE(is_recruiter(good_suspect()));
}

TEST(SuspectRules, RolesAreHtcdsValuesAndPhonesAreE164) {
  auto s = good_suspect();
  s.roles = {"Recruiter"};
  s.phones = {"0812345678", "+66812345678", "+66812345678"};
  s.kind = "gang";
  EXPECT_EQ(fields_of(validate_suspect(s)),
            (std::vector<std::string>{"/kind", "/phones/2", "/phones/0", "/roles/0"}));
  s = good_suspect();
  s.roles.clear();
  s.name = "";
  EXPECT_EQ(fields_of(validate_suspect(s)), (std::vector<std::string>{"/name", "/roles"}));
  s.roles = {"Exploiter", "Transporter"};
  EXPECT_FALSE(is_recruiter(s));
}

TEST(SuspectMatching, NamesAgenciesAndPhonesMatchInANormalForm) {
  EXPECT_EQ(normalise_name("  Mr. J.  OKELLO "), "mr j okello");
  const auto keys = match_keys(good_suspect());
  EXPECT_EQ(keys, (std::vector<MatchKey>{{"agency", "sunrise jobs abroad ltd"},
                                         {"name", "juma jay fictitious"},
                                         {"name", "mr j"},
                                         {"phone", "66812345678"}}));
}

TEST(SuspectMatching, KeysTooShortToMeanAnythingAreLeftOut) {
  SuspectDraft s;
  s.name = "Jo";
  s.phones = {"+12345"};
  EXPECT_TRUE(match_keys(s).empty());
}

}  // namespace
}  // namespace rudi
