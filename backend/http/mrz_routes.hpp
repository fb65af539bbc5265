// Reading a document's machine-readable zone into a person's fields:
//   POST /api/v1/mrz/parse   {"mrz": "<line>\n<line>[\n<line>]"}   stores nothing
#pragma once

#include "http/router.hpp"
#include "mrz/mrz_reading.hpp"

namespace rudi::http {

void add_mrz_routes(Router& router, mrz::MrzReading& reading);

}  // namespace rudi::http
