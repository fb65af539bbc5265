// Reading the fields of a JSON request body with field-level errors: each getter records what is wrong
// with its field (as a JSON pointer), and unknown fields are refused rather than silently ignored.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.hpp"

namespace rudi::http {

class BodyFields {
 public:
  // `known`: every field the route takes; any other is an error.
  BodyFields(const nlohmann::json& body, std::initializer_list<const char*> known);

  std::string required_string(const char* name, std::size_t max_length = 1000);
  std::optional<std::string> optional_string(const char* name, std::size_t max_length = 1000);
  std::optional<std::int64_t> optional_id(const char* name);
  std::int64_t required_id(const char* name);
  std::optional<int> optional_int(const char* name, int min, int max);
  std::vector<std::int64_t> id_list(const char* name, std::size_t max_items);
  std::vector<std::string> string_list(const char* name, std::size_t max_items, std::size_t max_length);

  bool ok() const { return errors_.empty(); }
  Error error(std::string detail = "the request has invalid fields") const {
    return Error::invalid(std::move(detail), errors_);
  }

 private:
  const nlohmann::json& body_;
  std::vector<FieldError> errors_;
};

}  // namespace rudi::http
