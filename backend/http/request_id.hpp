// Request ids: random, so that they reveal nothing and cannot be chosen by a client (a client-sent id
// could inject text into logs).
#pragma once

#include <string>

namespace rudi::http {

std::string new_request_id();  // 32 lower-case hex digits

}  // namespace rudi::http
