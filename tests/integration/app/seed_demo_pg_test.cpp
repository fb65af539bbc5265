// `rudi seed demo` on an empty database: one login per role, the two cohorts of the model release spread
// over the journey, and two cases whose victims named the same recruiter under other names.
#include <gtest/gtest.h>

#include <algorithm>

#include "support/child_process.hpp"
#include "support/scratch_database.hpp"

namespace rudi {
namespace {
using namespace std::chrono_literals;

TEST(SeedDemo, FillsAnEmptyDatabaseWithInventedPeopleCasesAndOneLoginPerRole) {
  if (!test::database_available()) GTEST_FAIL() << "no test database: run the tests through ./ops/test";
  test::ScratchDatabase db;
  test::ChildProcess seed({test::rudi_binary(), "seed", "demo"}, {{"RUDI_DATABASE_URL", db.app_url()}});
  ASSERT_EQ(seed.wait_exit(240s), 0) << seed.output();
  const auto lines = seed.lines();
  auto starting = [&](const std::string& prefix) {
    return std::count_if(lines.begin(), lines.end(),
                         [&](const std::string& l) { return l.rfind(prefix, 0) == 0; });
  };
  EXPECT_EQ(starting("login\t"), 5);
  EXPECT_EQ(starting("cohort\t"), 2);
  EXPECT_EQ(starting("case\t"), 2);

  EXPECT_EQ(db.nation_query("SELECT count(*) FROM people"), "70");
  EXPECT_NE(db.nation_query("SELECT count(DISTINCT stage) FROM people"), "1") << "spread over the journey";
  EXPECT_NE(db.nation_query("SELECT count(*) FROM people WHERE on_hold"), "0");
  EXPECT_NE(db.nation_query("SELECT count(*) FROM people WHERE 'minor' = ANY(vulnerabilities)"), "0");
  EXPECT_EQ(db.owner_query("SELECT count(*) FROM cases"), "2");
  EXPECT_EQ(db.owner_query("SELECT count(*) FROM victim_links l JOIN people p ON p.id = l.person_id "
                           "WHERE NOT p.prosecution_consent"),
            "0")
      << "only consenting victims are linked";
  EXPECT_EQ(db.owner_query("SELECT cases FROM rudi_suspect_reach((SELECT min(id) FROM suspects))"), "2")
      << "the first case's recruiter is named in the second case too";
}

}  // namespace
}  // namespace rudi
