#include "http/problem.hpp"

namespace rudi::http {

nlohmann::json Problem::to_json() const {
  nlohmann::json body = {{"type", std::string(kProblemTypePrefix) + slug},
                         {"title", title},
                         {"status", static_cast<unsigned>(status)},
                         {"detail", detail}};
  if (!fields.empty()) {
    auto& errors = body["errors"] = nlohmann::json::array();
    for (const auto& f : fields) errors.push_back({{"pointer", "#" + f.field}, {"detail", f.reason}});
  }
  for (const auto& [key, value] : extensions.items()) body[key] = value;
  return body;
}

Problem problem_from(const Error& error) {
  switch (error.kind) {
    case ErrorKind::invalid_input:
      return {Status::unprocessable_entity,
              "invalid-input",
              "The request has invalid fields",
              error.detail,
              error.fields,
              nlohmann::json::object()};
    case ErrorKind::unauthenticated:
      return {Status::unauthorized,    "unauthenticated", "Sign-in required", error.detail, {},
              nlohmann::json::object()};
    case ErrorKind::forbidden:
      return {Status::forbidden, "forbidden", "Not allowed", error.detail, {}, nlohmann::json::object()};
    case ErrorKind::not_found:
      return {Status::not_found, "not-found", "Not found", error.detail, {}, nlohmann::json::object()};
    case ErrorKind::conflict: {
      Problem p{Status::conflict, "conflict", "Conflicts with the current state",
                error.detail,     {},         nlohmann::json::object()};
      if (!error.related.empty()) p.extensions["related_ids"] = error.related;
      return p;
    }
    case ErrorKind::possible_duplicate:
      return {Status::conflict,
              "possible-duplicate",
              "Looks like a person on record",
              error.detail,
              {},
              {{"candidate_ids", error.related}}};
    case ErrorKind::precondition_failed:
      return {Status::precondition_failed, "precondition-failed", "The record has changed", error.detail, {},
              nlohmann::json::object()};
    case ErrorKind::rate_limited:
      return {Status::too_many_requests, "rate-limited", "Too many attempts", error.detail, {},
              nlohmann::json::object()};
    case ErrorKind::unavailable:
      return {Status::service_unavailable, "unavailable", "Temporarily unavailable", error.detail, {},
              nlohmann::json::object()};
    case ErrorKind::internal:
      break;
  }
  return internal_problem();
}

Problem not_found_problem() {
  return {Status::not_found,       "not-found", "Not found", "There is nothing at this address.", {},
          nlohmann::json::object()};
}

Problem method_not_allowed_problem(const std::string& allowed) {
  return {Status::method_not_allowed,
          "method-not-allowed",
          "Method not allowed",
          "This address accepts: " + allowed + ".",
          {},
          nlohmann::json::object()};
}

Problem malformed_request_problem(std::string detail) {
  return {Status::bad_request,     "malformed-request", "Malformed request", std::move(detail), {},
          nlohmann::json::object()};
}

Problem invalid_json_problem(std::size_t offset, std::string detail) {
  return {Status::bad_request, "invalid-json", "The body is not valid JSON", std::move(detail), {},
          {{"offset", offset}}};
}

Problem payload_too_large_problem(std::size_t limit) {
  return {Status::payload_too_large,
          "payload-too-large",
          "The body is too large",
          "Bodies are limited to " + std::to_string(limit) + " bytes.",
          {},
          {{"limit", limit}}};
}

Problem header_too_large_problem(std::size_t limit) {
  return {Status::request_header_fields_too_large,
          "header-too-large",
          "The request header is too large",
          "Request headers are limited to " + std::to_string(limit) + " bytes.",
          {},
          {{"limit", limit}}};
}

Problem unsupported_media_type_problem(std::string expected) {
  return {Status::unsupported_media_type,
          "unsupported-media-type",
          "Unsupported content type",
          "This address takes a body of type " + expected + ".",
          {},
          {{"expected", expected}}};
}

Problem shutting_down_problem() {
  return {Status::service_unavailable,
          "shutting-down",
          "The server is shutting down",
          "This node is stopping; retry, and another node or the restarted one will answer.",
          {},
          nlohmann::json::object()};
}

Problem internal_problem() {
  return {Status::internal_server_error,
          "internal",
          "Internal error",
          "Something went wrong on our side. The request id identifies it in the logs.",
          {},
          nlohmann::json::object()};
}

}  // namespace rudi::http
