// The body a receiver gets for one event: {seq, type, topics, data, committed_at}. `data` is the event's
// own payload, kept to ids and stages (and a cohort's name) unless the person consented to the
// subscription's purpose; then `data.person` carries the purpose's fields, and `data.consent` says which
// of the two the receiver got.
#pragma once

#include <string>

#include "service/webhook_outbox.hpp"

namespace rudi::webhooks {

std::string delivery_body(const service::WebhookDelivery& delivery, const std::string& purpose);

}  // namespace rudi::webhooks
