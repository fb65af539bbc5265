// Errors as application/problem+json (RFC 9457). Every error kind has one stable `type` URI, documented
// in docs/problems.md; field-level reasons travel in `errors`, each with a JSON pointer.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/error.hpp"
#include "http/types.hpp"

namespace rudi::http {

struct Problem {
  Status status = Status::internal_server_error;
  std::string slug;    // the last part of the type URI, e.g. "not-found"
  std::string title;   // short and the same for every problem of this type
  std::string detail;  // this occurrence, for the user
  std::vector<FieldError> fields;
  nlohmann::json extensions = nlohmann::json::object();  // extra members, e.g. "offset"

  nlohmann::json to_json() const;
};

inline constexpr const char* kProblemTypePrefix = "urn:rudi:problem:";
inline constexpr const char* kProblemContentType = "application/problem+json";

// The one mapping from domain error kinds to problems.
Problem problem_from(const Error& error);

// Problems of the protocol itself, raised by the transport before any use case runs.
Problem not_found_problem();
Problem method_not_allowed_problem(const std::string& allowed);
Problem malformed_request_problem(std::string detail);
Problem invalid_json_problem(std::size_t offset, std::string detail);
Problem payload_too_large_problem(std::size_t limit);
Problem header_too_large_problem(std::size_t limit);
Problem unsupported_media_type_problem(std::string expected);
Problem shutting_down_problem();
Problem internal_problem();

}  // namespace rudi::http
