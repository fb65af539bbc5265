// Outbound webhooks, for administrators:
//   GET  /api/v1/webhooks                     POST   /api/v1/webhooks (answers the secret, once)
//   GET  /api/v1/webhooks/{id}                DELETE /api/v1/webhooks/{id}
//   GET  /api/v1/webhooks/{id}/dead-letters   POST   /api/v1/webhooks/{id}/replay
#pragma once

#include "http/router.hpp"
#include "service/webhooks.hpp"

namespace rudi::http {

void add_webhook_routes(Router& router, service::Webhooks& webhooks);

}  // namespace rudi::http
