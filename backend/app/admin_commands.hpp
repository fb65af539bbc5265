// The administrative subcommands: `rudi user …`, `rudi mission …`, `rudi token add`, `rudi audit verify`
// and `rudi keys generate`. Each returns the process's exit status.
#pragma once

#include "app/config.hpp"

namespace rudi::app {

int run_user_add(const Config& config);
int run_user_list(const Config& config);
int run_user_disable(const Config& config);
int run_user_reset_password(const Config& config);
int run_user_reset_second_factor(const Config& config);
int run_mission_add(const Config& config);
int run_mission_list(const Config& config);
int run_token_add(const Config& config);
int run_audit_verify(const Config& config);
int run_keys_generate();

}  // namespace rudi::app
