// Nationalities as rosters write them — ISO 3166-1 alpha-2 ("KE") or alpha-3 ("KEN") codes, country names
// ("Kenya", "Republic of Kenya") or the adjective ("Kenyan") — read as the alpha-2 code Rudi stores.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rudi::roster {

std::optional<std::string> nationality_code(std::string_view text);

}  // namespace rudi::roster
