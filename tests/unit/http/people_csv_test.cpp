// The people export's document: the header, one row per person with only the columns the people table
// shows, and personal data that looks like a formula neutralised.
#include "http/people_csv.hpp"

#include <gtest/gtest.h>

namespace rudi::http {
namespace {

store::PersonRow person(std::int64_t id, nlohmann::json fields) {
  store::PersonRow p;
  p.id = id;
  p.mission_id = 1;
  p.cohort_id = 4;
  p.stage = Stage::verified;
  p.days_in_stage = 3;
  p.fields = std::move(fields);
  return p;
}

TEST(PeopleCsv, StartsWithTheHeaderRow) {
  EXPECT_EQ(people_csv({}),
            "id,given_name,family_name,estimated_age,stage,on_hold,days_in_stage,minor,medical,cohort_id,"
            "mission_id\r\n");
}

TEST(PeopleCsv, ARowHoldsWhatThePeopleTableShowsAndNothingElse) {
  auto neema = person(12, {{"given_name", "Neema"},
                           {"family_name", "Wafula"},
                           {"estimated_age", 16},
                           {"vulnerabilities", {"minor", "medical_need"}},
                           {"phone", "+66812345678"},
                           {"next_of_kin_name", "Mama Wafula"},
                           {"current_location", "Mae Sot shelter"}});
  neema.on_hold = true;
  auto baraka = person(13, {{"given_name", "Baraka"},
                            {"family_name", "Mwangi, Jr."},
                            {"estimated_age", nullptr},
                            {"vulnerabilities", nlohmann::json::array()}});
  baraka.cohort_id.reset();
  const std::string text = people_csv({neema, baraka});
  EXPECT_EQ(text.substr(text.find("\r\n") + 2),
            "12,Neema,Wafula,16,verified,true,3,true,true,4,1\r\n"
            "13,Baraka,\"Mwangi, Jr.\",,verified,false,3,false,false,,1\r\n");
  for (const char* kept_out : {"66812345678", "Mama", "Mae Sot"})
    EXPECT_EQ(text.find(kept_out), std::string::npos) << kept_out;
}

TEST(PeopleCsv, NamesThatLookLikeFormulasAreNeutralised) {
  const std::string text = people_csv({person(
      5, {{"given_name", "=HYPERLINK(\"http://x.example\",\"x\")"}, {"family_name", "+254712345678"}})});
  EXPECT_NE(text.find("5,\"'=HYPERLINK(\"\"http://x.example\"\",\"\"x\"\")\",'+254712345678,"),
            std::string::npos)
      << text;
}

TEST(PeopleCsv, TheFileIsNamedForTheDayOfTheExport) {
  EXPECT_EQ(people_csv_filename({2025, 2, 9}), "rudi-people-2025-02-09.csv");
}

}  // namespace
}  // namespace rudi::http
