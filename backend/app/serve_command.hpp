// `rudi serve`: wires the database, the services and the HTTP server, and runs until SIGTERM or SIGINT.
#pragma once

#include "app/config.hpp"

namespace rudi::app {

int run_serve(const Config& config);

}  // namespace rudi::app
