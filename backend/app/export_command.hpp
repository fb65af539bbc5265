// `rudi export statistics` and `rudi export htcds`: the statistics desk's exports, written to standard
// output, acting as the system with a ministry officer's scope (every national), audited as such.
#pragma once

#include "app/config.hpp"

namespace rudi::app {

int run_export_statistics(const Config& config);
int run_export_htcds(const Config& config);

}  // namespace rudi::app
