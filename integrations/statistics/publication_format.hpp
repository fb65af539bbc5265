// A publication as JSON (the API's and `rudi export statistics --format json`) or CSV (one row per cell:
// table,value,count). A withheld cell is shown as suppressed, never as a number.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "statistics/tables.hpp"

namespace rudi::statistics {

nlohmann::json publication_json(const Publication& publication);
std::string publication_csv(const Publication& publication);

}  // namespace rudi::statistics
