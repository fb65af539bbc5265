// Anonymised statistics: one-dimensional tables of counts of the people who consented to statistics,
// under the column names of the Counter Trafficking Data Collaborative's global dataset (gender, ageBroad,
// citizenship, CountryOfExploitation, …) and the value names of IOM's HTCDS v2.0, with every cell of
// fewer than k people withheld (integrations/statistics/README.md has the mapping and the reasoning).
//
// Only one-dimensional tables, no filters and no cross-tabulations: the only number two tables share is
// the total of people counted, and each partition table is suppressed so that the total does not give a
// withheld cell away (see suppression.hpp). Pure: the people's facts come in, tables go out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rudi::statistics {

// What the statistics need of one person, and nothing that names them.
struct PersonFacts {
  std::string sex = "unknown";  // female, male, other, unknown
  std::optional<int> age;       // years today: from the date of birth, else the estimated age
  std::string nationality;      // ISO 3166-1 alpha-2
  std::optional<std::string> exploitation_country;  // the cohort's country (where they came out), if any
  std::vector<std::string> exploitation_types;      // HTCDS values
  std::vector<std::string> control_methods;         // HTCDS values
  std::optional<std::string> trafficker_relationship;
  std::string stage = "reported";
  int days_in_stage = 0;
};

struct Cell {
  std::string value;
  std::int64_t count = 0;  // meaningful only when not withheld
  bool withheld = false;
};

struct Table {
  std::string name;       // the CTDC column (or Rudi's own name where CTDC has none)
  bool partition = true;  // every person in exactly one cell; otherwise a person may be in several or none
  std::vector<Cell> cells;
};

struct Publication {
  std::int64_t k = 5;
  std::optional<std::int64_t> people;  // the total counted; withheld (nullopt) when under k
  std::vector<Table> tables;
};

// The bounds k may take: with k = 2 a withheld cell (1 to k-1 people) would be known to hold one.
inline constexpr std::int64_t kMinK = 3;
inline constexpr std::int64_t kMaxK = 1000;

// `k_floor`: the configured k, which a request may raise to `k` but not lower. Cells are built at the
// floor (small citizenships merge into Other by it) and withheld at k at least where they are at the
// floor, so that exports at two values of k differ only by cells the larger withholds.
Publication publish(const std::vector<PersonFacts>& people, std::int64_t k_floor, std::int64_t k);

// HTCDS v2.0 Gender for Rudi's sex: Feminine, Masculine, NonConforming, NonSpecifiedUnknown.
std::string htcds_gender(const std::string& sex);
// CTDC's ageBroad bands, and Unknown.
std::string age_band(std::optional<int> age);
// Days in the current stage, in bands.
std::string time_in_stage_band(int days);

}  // namespace rudi::statistics
