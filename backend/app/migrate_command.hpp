// `rudi migrate`: applies pending migrations and says what it did.
#pragma once

#include "app/config.hpp"

namespace rudi::app {

int run_migrate(const DatabaseConfig& database);

}  // namespace rudi::app
