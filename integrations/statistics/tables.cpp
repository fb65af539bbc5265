#include "statistics/tables.hpp"

#include <algorithm>
#include <functional>
#include <map>

#include "domain/person.hpp"
#include "domain/stage.hpp"
#include "statistics/suppression.hpp"

namespace rudi::statistics {
namespace {

const std::vector<std::string> kAgeBands = {"0--8",   "9--17",  "18--20", "21--23", "24--26",
                                            "27--29", "30--38", "39--47", "48+",    "Unknown"};
const std::vector<std::string> kStageBands = {"0--7", "8--30", "31--90", "91--180", "181--365", "366+"};
const std::vector<std::string> kGenders = {"Feminine", "Masculine", "NonConforming", "NonSpecifiedUnknown"};
const std::vector<std::string> kRelations = {"Familial", "Acquainted", "Unaquainted", "NotSpecified"};
const std::string kOther = "Other";

std::vector<std::string> stage_names() {
  std::vector<std::string> names;
  for (const auto& info : stage_table()) names.emplace_back(to_string(info.stage));
  return names;
}

// The cells of a table over a fixed value set, zeros included.
Table fixed(std::string name, bool partition, const std::vector<std::string>& values,
            const std::vector<PersonFacts>& people,
            const std::function<std::vector<std::string>(const PersonFacts&)>& values_of) {
  Table table{std::move(name), partition, {}};
  std::map<std::string, std::int64_t, std::less<>> counts;
  for (const auto& person : people)
    for (const auto& value : values_of(person)) ++counts[value];
  for (const auto& value : values) table.cells.push_back({value, counts[value], false});
  return table;
}

// The cells of a table over an open value set (countries): a value held by fewer than `k_floor` people
// is not named at all, but counted in Other, so that a published table does not even say that one person
// of a rare nationality is on record.
Table open(std::string name, const std::vector<PersonFacts>& people, std::int64_t k_floor,
           const std::function<std::string(const PersonFacts&)>& value_of) {
  Table table{std::move(name), true, {}};
  std::map<std::string, std::int64_t, std::less<>> counts;
  for (const auto& person : people) ++counts[value_of(person)];
  std::int64_t other = 0;
  for (const auto& [value, count] : counts) {
    if (count >= k_floor && value != kOther)
      table.cells.push_back({value, count, false});
    else
      other += count;
  }
  if (other > 0) table.cells.push_back({kOther, other, false});  // none: nothing to hide
  return table;
}

// Withholds the table's small cells; false when even withholding every non-empty cell leaves one that
// the total gives away (a handful of people spread one or two to a cell over every value).
bool withhold(Table& table, std::int64_t k_floor, std::int64_t k) {
  std::vector<std::int64_t> counts;
  for (const auto& cell : table.cells) counts.push_back(cell.count);
  std::vector<bool> withheld;
  if (table.partition) {
    withheld = suppress_partition(counts, k, suppress_partition(counts, k_floor));
  } else {
    withheld = suppress_independent(counts, k);
  }
  const bool safe = !table.partition || !some_withheld_cell_is_determined(counts, withheld, k);
  for (std::size_t i = 0; i < table.cells.size(); ++i) {
    table.cells[i].withheld = withheld[i];
    if (withheld[i]) table.cells[i].count = 0;  // never carried further than here
  }
  return safe;
}

}  // namespace

std::string htcds_gender(const std::string& sex) {
  if (sex == "female") return "Feminine";
  if (sex == "male") return "Masculine";
  if (sex == "other") return "NonConforming";
  return "NonSpecifiedUnknown";
}

std::string age_band(std::optional<int> age) {
  if (!age || *age < 0) return "Unknown";
  const int a = *age;
  if (a <= 8) return "0--8";
  if (a <= 17) return "9--17";
  if (a <= 20) return "18--20";
  if (a <= 23) return "21--23";
  if (a <= 26) return "24--26";
  if (a <= 29) return "27--29";
  if (a <= 38) return "30--38";
  if (a <= 47) return "39--47";
  return "48+";
}

std::string time_in_stage_band(int days) {
  if (days <= 7) return "0--7";
  if (days <= 30) return "8--30";
  if (days <= 90) return "31--90";
  if (days <= 180) return "91--180";
  if (days <= 365) return "181--365";
  return "366+";
}

Publication publish(const std::vector<PersonFacts>& people, std::int64_t k_floor, std::int64_t k) {
  Publication publication;
  publication.k = k;
  const auto total = static_cast<std::int64_t>(people.size());
  if (total >= k) publication.people = total;

  auto one = [](std::string value) { return std::vector<std::string>{std::move(value)}; };
  auto& tables = publication.tables;
  tables.push_back(fixed("gender", true, kGenders, people,
                         [&](const PersonFacts& p) { return one(htcds_gender(p.sex)); }));
  tables.push_back(
      fixed("ageBroad", true, kAgeBands, people, [&](const PersonFacts& p) { return one(age_band(p.age)); }));
  tables.push_back(open("citizenship", people, k_floor, [](const PersonFacts& p) { return p.nationality; }));
  tables.push_back(open("CountryOfExploitation", people, k_floor,
                        [](const PersonFacts& p) { return p.exploitation_country.value_or("Unknown"); }));
  tables.push_back(fixed("typeOfExploit", false, allowed_values("exploitation_types"), people,
                         [](const PersonFacts& p) { return p.exploitation_types; }));
  tables.push_back(fixed("meansOfControl", false, allowed_values("control_methods"), people,
                         [](const PersonFacts& p) { return p.control_methods; }));
  tables.push_back(fixed("recruiterRelation", true, kRelations, people, [&](const PersonFacts& p) {
    return one(p.trafficker_relationship.value_or("NotSpecified"));
  }));
  tables.push_back(
      fixed("stage", true, stage_names(), people, [&](const PersonFacts& p) { return one(p.stage); }));
  tables.push_back(fixed("timeInStage", true, kStageBands, people,
                         [&](const PersonFacts& p) { return one(time_in_stage_band(p.days_in_stage)); }));
  bool safe = true;
  for (auto& table : tables) safe = withhold(table, k_floor, k) && safe;
  // Fewer people than k: not a number is published, not even an empty cell's 0, which would tell that
  // all of the few share the other values. The same when some table cannot be protected: its cells would
  // follow from the total, which every complete table gives away.
  if (!safe) publication.people.reset();
  if (!publication.people)
    for (auto& table : tables)
      for (auto& cell : table.cells) cell = {cell.value, 0, true};
  return publication;
}

}  // namespace rudi::statistics
