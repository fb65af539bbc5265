// The API's OpenAPI 3.1 description (backend/http/openapi.json, compiled into the binary), served at
// GET /api/v1/openapi.json. A test holds it and the router to the same set of routes.
#pragma once

#include <string_view>

namespace rudi::http {

std::string_view openapi_document();

}  // namespace rudi::http
