// Names of error kinds, as they appear in problem types and logs.
#include "domain/error.hpp"

namespace rudi {

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::invalid_input:
      return "invalid-input";
    case ErrorKind::unauthenticated:
      return "unauthenticated";
    case ErrorKind::forbidden:
      return "forbidden";
    case ErrorKind::not_found:
      return "not-found";
    case ErrorKind::conflict:
      return "conflict";
    case ErrorKind::possible_duplicate:
      return "possible-duplicate";
    case ErrorKind::precondition_failed:
      return "precondition-failed";
    case ErrorKind::rate_limited:
      return "rate-limited";
    case ErrorKind::unavailable:
      return "unavailable";
    case ErrorKind::internal:
      return "internal";
  }
  return "internal";
}

}  // namespace rudi
