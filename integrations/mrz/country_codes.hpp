// Nationality codes as machine-readable zones print them (ISO 3166-1 alpha-3, with ICAO 9303's own
// additions) and as Rudi stores them (ISO 3166-1 alpha-2).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rudi::mrz {

// The alpha-2 code of an MRZ nationality or issuing-state code ("KEN" -> "KE"; "D" or "D<<" -> "DE"); nullopt
// for codes that name no country (UTO, XXA stateless, XXB refugee, UNO …) or that are unknown.
std::optional<std::string> alpha2_of(std::string_view alpha3);

}  // namespace rudi::mrz
