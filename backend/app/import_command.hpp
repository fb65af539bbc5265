// `rudi import roster FILE --cohort ID --as USER [--dry-run] [--partial] [--mapping JSON|@file]`: a roster
// streamed from the file into the cohort in the user's name, the report printed as JSON.
#pragma once

#include "app/config.hpp"

namespace rudi::app {

// 0 when imported (or checked, in a dry run), 3 when rows were rejected and nothing was imported, 2 for
// bad input or a refusal, 1 when the database cannot be reached.
int run_import_roster(const Config& config);

}  // namespace rudi::app
