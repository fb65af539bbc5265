// The ICAO 9303 check digit (part 3, 4.9): characters valued 0-9 for digits, 10-35 for A-Z and 0 for the
// filler <, weighted 7, 3, 1 repeating, summed modulo 10.
#pragma once

#include <optional>
#include <string_view>

namespace rudi::mrz {

// nullopt when the text holds a character an MRZ cannot hold.
std::optional<int> check_digit(std::string_view text);

}  // namespace rudi::mrz
