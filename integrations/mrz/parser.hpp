// Reading a TD3 (passport) or TD1 (identity card) machine-readable zone: its layout, its characters and
// every check digit. Pure: no I/O, no clock (the caller says what day it is, to place two-digit years).
#pragma once

#include <cstddef>
#include <string_view>

#include "mrz/zone.hpp"

namespace rudi::mrz {

// Longer text is refused before it is looked at: two lines of 44 with CR LF and a last newline are 92.
inline constexpr std::size_t kMaxZoneText = 200;

// `text`: the lines separated by \n (a \r before it and one last newline are allowed).
// Two-digit years: a date of birth is the latest such date not after `today`; an expiry date is placed
// within 80 years before and 20 years after `today` (passports are valid ten years at most).
Reading read_zone(std::string_view text, const Date& today);

}  // namespace rudi::mrz
