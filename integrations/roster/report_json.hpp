// An import's report as JSON: what the API answers and what `rudi import roster` prints.
#pragma once

#include <nlohmann/json.hpp>

#include "service/roster_import.hpp"

namespace rudi::roster {

nlohmann::json report_json(const service::ImportReport& report);

}  // namespace rudi::roster
