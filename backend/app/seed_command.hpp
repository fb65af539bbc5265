// `rudi seed demo`: invented demo data on an empty database — a mission, two cohorts modelled on the
// February 2025 releases, their people spread over the journey (some on hold, minors, some consenting to
// the prosecution), and one user per role with a fresh password each, printed once.
#pragma once

#include "app/config.hpp"

namespace rudi::app {

int run_seed_demo(const Config& config);

}  // namespace rudi::app
