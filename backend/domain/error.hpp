// Expected failures as values: what kind of failure, a sentence a user can act on, and which fields.
// The transport maps each kind to one problem type in one place (http/problem.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rudi {

enum class ErrorKind {
  invalid_input,        // the request's content breaks a rule; `fields` says which
  unauthenticated,      // no valid session or token
  forbidden,            // known to exist, but not for this principal
  not_found,            // does not exist, or its existence is hidden from this principal
  conflict,             // clashes with the current state (a duplicate, a changed migration)
  possible_duplicate,   // looks like a record on file; `related` lists those the caller may see
  precondition_failed,  // the caller's version of the record is stale
  rate_limited,         // too many attempts; retry later
  unavailable,          // a dependency (the database) cannot serve now; worth retrying
  internal,             // a bug or an unexpected failure; details are logged, not shown
};

std::string_view to_string(ErrorKind kind);

struct FieldError {
  std::string field;   // JSON pointer into the request body, e.g. "/given_name"
  std::string reason;  // what is wrong with it, for the user
};

struct Error {
  ErrorKind kind = ErrorKind::internal;
  std::string detail;
  std::vector<FieldError> fields;
  std::vector<std::int64_t> related;  // ids of records the error is about, when the caller may see them

  static Error invalid(std::string detail, std::vector<FieldError> fields = {}) {
    return {ErrorKind::invalid_input, std::move(detail), std::move(fields), {}};
  }
  static Error unavailable(std::string detail) { return {ErrorKind::unavailable, std::move(detail), {}, {}}; }
  static Error conflict(std::string detail, std::vector<std::int64_t> related = {}) {
    return {ErrorKind::conflict, std::move(detail), {}, std::move(related)};
  }
  static Error stale(std::string detail) {
    return {ErrorKind::precondition_failed, std::move(detail), {}, {}};
  }
  static Error rate_limited(std::string detail) {
    return {ErrorKind::rate_limited, std::move(detail), {}, {}};
  }
  static Error internal(std::string detail) { return {ErrorKind::internal, std::move(detail), {}, {}}; }
  static Error not_found(std::string detail) { return {ErrorKind::not_found, std::move(detail), {}, {}}; }
  static Error forbidden(std::string detail) { return {ErrorKind::forbidden, std::move(detail), {}, {}}; }
  static Error unauthenticated(std::string detail) {
    return {ErrorKind::unauthenticated, std::move(detail), {}, {}};
  }
};

}  // namespace rudi
