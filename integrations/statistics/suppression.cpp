#include "statistics/suppression.hpp"

#include <algorithm>
#include <numeric>

namespace rudi::statistics {

bool some_withheld_cell_is_determined(const std::vector<std::int64_t>& counts,
                                      const std::vector<bool>& withheld, std::int64_t k) {
  const std::int64_t total = std::accumulate(counts.begin(), counts.end(), std::int64_t{0});
  auto low = [&](std::size_t i) { return counts[i] < k ? std::int64_t{1} : k; };
  auto high = [&](std::size_t i) { return counts[i] < k ? k - 1 : total; };
  std::int64_t sum = 0, sum_low = 0, sum_high = 0;
  std::size_t cells = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (!withheld[i]) continue;
    ++cells;
    sum += counts[i];
    sum_low += low(i);
    sum_high += high(i);
  }
  if (cells == 0) return false;
  if (cells == 1) return true;  // the total less the published cells
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (!withheld[i]) continue;
    // The counts this cell can have, given the others' bounds and that together they hold `sum`.
    const std::int64_t least = std::max(low(i), sum - (sum_high - high(i)));
    const std::int64_t most = std::min(high(i), sum - (sum_low - low(i)));
    if (least >= most) return true;
  }
  return false;
}

std::vector<bool> suppress_partition(const std::vector<std::int64_t>& counts, std::int64_t k,
                                     const std::vector<bool>& forced) {
  std::vector<bool> withheld(counts.size(), false);
  bool any = false;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    withheld[i] = (counts[i] > 0 && counts[i] < k) || (i < forced.size() && forced[i]);
    any = any || withheld[i];
  }
  if (!any) return withheld;
  // At least one cell of k or more goes with the small ones whatever their counts: were it taken only
  // when they are pinned by themselves (all 1, or all k-1), its being taken would say that they are.
  bool companion = false;
  for (std::size_t i = 0; i < counts.size(); ++i) companion = companion || (withheld[i] && counts[i] >= k);
  while (!companion || some_withheld_cell_is_determined(counts, withheld, k)) {
    companion = true;
    // The next published non-empty cell in the table's own order, not the smallest: a companion chosen
    // by its count would tell the attacker that it is no larger than the cells left published.
    std::size_t next = counts.size();
    for (std::size_t i = 0; i < counts.size() && next == counts.size(); ++i)
      if (!withheld[i] && counts[i] > 0) next = i;
    if (next == counts.size()) break;  // nothing left to give
    withheld[next] = true;
  }
  return withheld;
}

std::vector<bool> suppress_independent(const std::vector<std::int64_t>& counts, std::int64_t k) {
  std::vector<bool> withheld(counts.size());
  for (std::size_t i = 0; i < counts.size(); ++i) withheld[i] = counts[i] > 0 && counts[i] < k;
  return withheld;
}

}  // namespace rudi::statistics
