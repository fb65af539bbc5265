// Building responses: JSON documents and problems, with the headers every Rudi response carries.
#pragma once

#include <nlohmann/json.hpp>

#include "http/problem.hpp"
#include "http/types.hpp"

namespace rudi::http {

Response json_response(const Request& request, Status status, const nlohmann::json& body);
Response text_response(const Request& request, Status status, std::string content_type, std::string body);
Response problem_response(const Request& request, const Problem& problem);
// For failures before a request could be read whole (no request object to answer to).
Response problem_response(unsigned version, const Problem& problem);
// A domain error as its problem.
Response error_response(const Request& request, const Error& error);
// 204, for changes that have nothing to say.
Response no_content_response(const Request& request);

}  // namespace rudi::http
