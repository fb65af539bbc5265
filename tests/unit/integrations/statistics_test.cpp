// Anonymised statistics: CTDC's age bands, cells under k suppressed, and complementary suppression that
// an attacker cannot undo by subtracting one export from another — tested by the attack itself: knowing
// the total (from any complete table) and the published cells, and the suppression rule, work out every
// count the withheld cells could have had, and find more than one for each.
#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <numeric>
#include <random>
#include <set>
#include <stdexcept>

#include "statistics/suppression.hpp"
#include "statistics/tables.hpp"

namespace rudi::statistics {
namespace {

// Every assignment of counts to the withheld cells that adds up to what the total leaves them and that the
// suppression rule would have withheld in exactly the same way; for each withheld cell, the counts it could
// have. An attacker learns a withheld cell exactly when its set has one member.
std::vector<std::set<std::int64_t>> what_the_attacker_can_tell(const std::vector<std::int64_t>& counts,
                                                               const std::vector<bool>& withheld,
                                                               std::int64_t k) {
  std::vector<std::size_t> hidden;
  std::int64_t left = std::accumulate(counts.begin(), counts.end(), std::int64_t{0});
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (withheld[i])
      hidden.push_back(i);
    else
      left -= counts[i];
  }
  std::vector<std::set<std::int64_t>> possible(hidden.size());
  std::vector<std::int64_t> candidate = counts;
  // Depth-first over the compositions of `left` into the hidden cells.
  std::function<void(std::size_t, std::int64_t)> assign = [&](std::size_t at, std::int64_t remaining) {
    if (at + 1 == hidden.size()) {
      candidate[hidden[at]] = remaining;
      if (remaining >= 1 && suppress_partition(candidate, k) == withheld)
        for (std::size_t j = 0; j < hidden.size(); ++j) possible[j].insert(candidate[hidden[j]]);
      return;
    }
    for (std::int64_t v = 1; v <= remaining; ++v) {  // a withheld cell is not empty: 0 is published
      candidate[hidden[at]] = v;
      assign(at + 1, remaining - v);
    }
  };
  if (!hidden.empty()) assign(0, left);
  return possible;
}

// The attack by difference alone: the withheld cells hold the total less the published ones, a cell under
// k holds 1 to k-1, one withheld to protect it at least k (the attacker is granted knowing which is
// which). Every filling within those bounds; for each withheld cell,
// the counts it could have.
std::vector<std::set<std::int64_t>> what_differences_tell(const std::vector<std::int64_t>& counts,
                                                          const std::vector<bool>& withheld, std::int64_t k) {
  std::vector<std::size_t> hidden;
  std::int64_t left = std::accumulate(counts.begin(), counts.end(), std::int64_t{0});
  const std::int64_t cap = left;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (withheld[i])
      hidden.push_back(i);
    else
      left -= counts[i];
  }
  std::vector<std::set<std::int64_t>> possible(hidden.size());
  std::vector<std::int64_t> filling(hidden.size());
  std::function<void(std::size_t, std::int64_t)> assign = [&](std::size_t at, std::int64_t remaining) {
    if (at == hidden.size()) {
      if (remaining == 0)
        for (std::size_t j = 0; j < hidden.size(); ++j) possible[j].insert(filling[j]);
      return;
    }
    const bool small = counts[hidden[at]] < k;
    for (std::int64_t v = small ? 1 : k; v <= (small ? k - 1 : cap) && v <= remaining; ++v) {
      filling[at] = v;
      assign(at + 1, remaining - v);
    }
  };
  if (!hidden.empty()) assign(0, left);
  return possible;
}

std::string shown(const std::vector<std::int64_t>& counts) {
  std::string text;
  for (auto c : counts) text += std::to_string(c) + " ";
  return text;
}

TEST(StatisticsBands, UsesCtdcAgeBands) {
  EXPECT_EQ(age_band(0), "0--8");
  EXPECT_EQ(age_band(8), "0--8");
  EXPECT_EQ(age_band(9), "9--17");
  EXPECT_EQ(age_band(17), "9--17");
  EXPECT_EQ(age_band(18), "18--20");
  EXPECT_EQ(age_band(26), "24--26");
  EXPECT_EQ(age_band(29), "27--29");
  EXPECT_EQ(age_band(38), "30--38");
  EXPECT_EQ(age_band(47), "39--47");
  EXPECT_EQ(age_band(48), "48+");
  EXPECT_EQ(age_band(std::nullopt), "Unknown");
  EXPECT_EQ(time_in_stage_band(7), "0--7");
  EXPECT_EQ(time_in_stage_band(8), "8--30");
  EXPECT_EQ(time_in_stage_band(400), "366+");
}

TEST(StatisticsSuppression, WithholdsCellsUnderKButNotEmptyOnes) {
  EXPECT_EQ(suppress_partition({12, 7, 0, 30}, 5), (std::vector<bool>{false, false, false, false}));
  EXPECT_EQ(suppress_independent({12, 4, 0, 5}, 5), (std::vector<bool>{false, true, false, false}));
}

TEST(StatisticsSuppression, ALoneSmallCellTakesTheFirstOtherCellWithIt) {
  // 3 alone would be the total less the others.
  EXPECT_EQ(suppress_partition({40, 3, 9, 22}, 5), (std::vector<bool>{true, true, false, false}));
}

TEST(StatisticsSuppression, TwoSmallCellsThatWouldBePinnedTakeAnotherWithThem) {
  // 4 and 4 with k = 5 are each at most 4 and add to 8: both would be known.
  const auto withheld = suppress_partition({4, 4, 20, 31}, 5);
  EXPECT_EQ(withheld, (std::vector<bool>{true, true, true, false}));
}

TEST(StatisticsSuppression, NoWithheldCellCanBeWorkedOutOnHandPickedTables) {
  const std::vector<std::vector<std::int64_t>> tables = {
      {40, 3, 9, 22}, {4, 4, 20, 31}, {4, 4, 5}, {5, 5, 2}, {0, 0, 6, 6, 9}, {1, 1, 1, 30},
      {0, 12, 0, 0},  {3, 3, 3, 3},   {2, 50},   {6, 6, 4}, {20, 20, 2},     {7, 5, 5, 5, 3}};
  for (const auto& counts : tables) {
    for (std::int64_t k : {3, 5}) {
      const auto withheld = suppress_partition(counts, k);
      const auto possible = what_the_attacker_can_tell(counts, withheld, k);
      for (std::size_t j = 0; j < possible.size(); ++j)
        EXPECT_GE(possible[j].size(), 2u) << "table " << shown(counts) << "k " << k << ": hidden cell " << j;
    }
  }
}

TEST(StatisticsSuppression, NoWithheldCellFollowsByDifferenceOnRandomTables) {
  std::mt19937 random(20261123);
  const std::vector<std::int64_t> sizes = {0, 0, 1, 1, 2, 3, 4, 5, 5, 6, 7, 8, 9, 11, 14};
  int tables = 0, pinned = 0, unprotectable = 0, replayed_pins = 0;
  for (int t = 0; t < 1500; ++t) {
    const std::size_t cells = 2 + random() % 4;
    const std::int64_t k = 3 + static_cast<std::int64_t>(random() % 4);
    std::vector<std::int64_t> counts;
    for (std::size_t i = 0; i < cells; ++i) counts.push_back(sizes[random() % sizes.size()]);
    const std::int64_t total = std::accumulate(counts.begin(), counts.end(), std::int64_t{0});
    if (total < k) continue;  // the total itself is withheld then
    const auto withheld = suppress_partition(counts, k);
    // Beyond help (say 1, 1, 1 with k = 3): publish() then withholds the whole publication, tested below.
    if (some_withheld_cell_is_determined(counts, withheld, k)) {
      ++unprotectable;
      continue;
    }
    ++tables;
    const auto possible = what_differences_tell(counts, withheld, k);
    for (std::size_t j = 0; j < possible.size(); ++j) {
      if (possible[j].size() < 2) {
        ++pinned;
        ADD_FAILURE() << "table " << shown(counts) << "k " << k << ": hidden cell " << j << " is known";
      }
    }
    // An attacker who also replays the procedure's choices.
    const auto replayed = what_the_attacker_can_tell(counts, withheld, k);
    for (std::size_t j = 0; j < replayed.size(); ++j) {
      if (replayed[j].size() < 2) {
        ++replayed_pins;
        ADD_FAILURE() << "table " << shown(counts) << "k " << k << ": hidden cell " << j
                      << " is known by replay";
      }
    }
  }
  EXPECT_GT(tables, 1000);
  EXPECT_LT(unprotectable, tables / 20) << "a handful of ones and twos over every value, with k = 3";
  EXPECT_EQ(pinned, 0);
  EXPECT_EQ(replayed_pins, 0);
  std::printf("random tables: %d; beyond help: %d; cells a replaying attacker pins: %d\n", tables,
              unprotectable, replayed_pins);
}

TEST(StatisticsSuppression, ALargerKWithholdsAtLeastWhatTheFloorDidAndNoMore) {
  const std::vector<std::int64_t> counts = {1, 6, 7, 30, 5, 12};
  const auto floor = suppress_partition(counts, 5);
  EXPECT_EQ(suppress_partition(counts, 5, floor), floor) << "the floor's own pattern is stable";
  const auto raised = suppress_partition(counts, 8, floor);
  for (std::size_t i = 0; i < counts.size(); ++i)
    if (floor[i]) {
      EXPECT_TRUE(raised[i]) << i;
    }
}

std::vector<PersonFacts> people(int n, const std::function<void(PersonFacts&, int)>& shape) {
  std::vector<PersonFacts> all(n);
  for (int i = 0; i < n; ++i) {
    all[i].nationality = "KE";
    shape(all[i], i);
  }
  return all;
}

const Table& table(const Publication& p, const std::string& name) {
  for (const auto& t : p.tables)
    if (t.name == name) return t;
  throw std::runtime_error("no table " + name);
}

TEST(StatisticsTables, CountsEachDimensionUnderCtdcNamesAndHtcdsValues) {
  auto all = people(30, [](PersonFacts& p, int i) {
    p.sex = i < 20 ? "female" : "male";
    p.age = i < 12 ? 25 : 31;
    p.exploitation_types = {"ForcedLabour"};
    if (i % 2 == 0) p.exploitation_types.push_back("ForcedCriminality");
    p.exploitation_country = "MM";
  });
  const auto publication = publish(all, 5, 5);
  EXPECT_EQ(publication.people, 30);
  std::vector<std::string> names;
  for (const auto& t : publication.tables) names.push_back(t.name);
  EXPECT_EQ(names, (std::vector<std::string>{"gender", "ageBroad", "citizenship", "CountryOfExploitation",
                                             "typeOfExploit", "meansOfControl", "recruiterRelation", "stage",
                                             "timeInStage"}));
  const auto& gender = table(publication, "gender");
  EXPECT_EQ(gender.cells[0].value, "Feminine");
  EXPECT_EQ(gender.cells[0].count, 20);
  EXPECT_EQ(gender.cells[1].value, "Masculine");
  EXPECT_EQ(gender.cells[1].count, 10);
  EXPECT_FALSE(gender.cells[2].withheld) << "NonConforming: nobody, which is published";
  EXPECT_EQ(gender.cells[2].count, 0);
  const auto& types = table(publication, "typeOfExploit");
  EXPECT_FALSE(types.partition);
  EXPECT_EQ(types.cells[0].value, "ForcedLabour");
  EXPECT_EQ(types.cells[0].count, 30);
}

TEST(StatisticsTables, ARareNationalityIsNotNamed) {
  auto all = people(12, [](PersonFacts& p, int i) {
    if (i == 0) p.nationality = "UG";
    if (i == 1) p.nationality = "TZ";
  });
  const auto publication = publish(all, 5, 5);
  const auto& citizenship = table(publication, "citizenship");
  for (const auto& cell : citizenship.cells) {
    EXPECT_NE(cell.value, "UG");
    EXPECT_NE(cell.value, "TZ");
  }
  ASSERT_EQ(citizenship.cells.size(), 2u);
  EXPECT_EQ(citizenship.cells[1].value, "Other");
  EXPECT_TRUE(citizenship.cells[1].withheld);
  EXPECT_TRUE(citizenship.cells[0].withheld) << "KE with 10 would give Other away";
}

TEST(StatisticsTables, ATableThatCannotBeProtectedWithholdsTheWholePublication) {
  // One woman, one man, one of another gender: with the total of 3 published, each would be known.
  const char* sexes[] = {"female", "male", "other"};
  const auto publication = publish(people(3, [&](PersonFacts& p, int i) { p.sex = sexes[i]; }), 3, 3);
  EXPECT_FALSE(publication.people.has_value());
  for (const auto& t : publication.tables)
    for (const auto& cell : t.cells) EXPECT_TRUE(cell.withheld) << t.name << " " << cell.value;
}

TEST(StatisticsTables, FewerPeopleThanKPublishNoNumberAtAll) {
  const auto publication = publish(people(4, [](PersonFacts&, int) {}), 5, 5);
  EXPECT_FALSE(publication.people.has_value());
  for (const auto& t : publication.tables)
    for (const auto& cell : t.cells) EXPECT_TRUE(cell.withheld) << t.name << " " << cell.value;
}

}  // namespace
}  // namespace rudi::statistics
