// Which cells of a one-dimensional table of counts to withhold so that no published number, nor any
// difference of published numbers, tells how many people are in a cell of fewer than k.
//
// A partition table (every person in exactly one cell: gender, age band, stage …) is published with the
// total of people counted, which any complete table would reveal anyway. Primary suppression withholds
// every cell of 1 to k-1 people; an empty cell is published as 0 (it says that nobody is in it, which
// tells nothing about anyone). Complementary suppression then withholds further non-empty cells, in
// the table's own order (not by size, which would bound them by the cells left published), until no
// withheld cell can be worked out from the total, the published cells and the rule itself: one cell of
// k or more always goes with the small ones, whatever their counts, so that its being taken says nothing
// about them; and an attacker who knows which withheld cells are under k (each 1 to k-1) and which were
// withheld to protect them (each k or more) must still be left with more than one possible value for
// every withheld cell.
//
// A table of independent cells (a person may be in several or none: types of exploitation, means of
// control) has no total to subtract from; primary suppression alone is published.
#pragma once

#include <cstdint>
#include <vector>

namespace rudi::statistics {

// `forced`: cells to withhold whatever their count (a larger k must withhold at least what the smaller
// did, so that two exports with different k differ by nothing that one of them withheld). Empty for none.
std::vector<bool> suppress_partition(const std::vector<std::int64_t>& counts, std::int64_t k,
                                     const std::vector<bool>& forced = {});

std::vector<bool> suppress_independent(const std::vector<std::int64_t>& counts, std::int64_t k);

// Whether some withheld cell of a partition table is pinned to one value by the total, the published cells
// and each withheld cell's bounds (1..k-1 if under k, otherwise k..the total).
// The rule that suppress_partition stops on; exposed for its tests.
bool some_withheld_cell_is_determined(const std::vector<std::int64_t>& counts,
                                      const std::vector<bool>& withheld, std::int64_t k);

}  // namespace rudi::statistics
