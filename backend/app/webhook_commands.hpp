// `rudi webhook add|list|remove|dead-letters|replay`: outbound webhooks from the server's command line,
// acting as the system (audited). Each returns the process's exit status.
#pragma once

#include "app/config.hpp"

namespace rudi::app {

int run_webhook_add(const Config& config);
int run_webhook_list(const Config& config);
int run_webhook_remove(const Config& config);
int run_webhook_dead_letters(const Config& config);
int run_webhook_replay(const Config& config);

}  // namespace rudi::app
