#include "http/body_fields.hpp"

#include <algorithm>
#include <cstring>

namespace rudi::http {

BodyFields::BodyFields(const nlohmann::json& body, std::initializer_list<const char*> known) : body_(body) {
  if (!body_.is_object()) {
    errors_.push_back({"", "the body must be a JSON object"});
    return;
  }
  for (const auto& [key, value] : body_.items()) {
    const bool is_known = std::any_of(known.begin(), known.end(), [&](const char* k) { return key == k; });
    if (!is_known) errors_.push_back({"/" + key, "unknown field"});
  }
}

std::string BodyFields::required_string(const char* name, std::size_t max_length) {
  auto value = optional_string(name, max_length);
  if (!value && body_.is_object() && !body_.contains(name))
    errors_.push_back({std::string("/") + name, "is required"});
  return value.value_or("");
}

std::optional<std::string> BodyFields::optional_string(const char* name, std::size_t max_length) {
  if (!body_.is_object() || !body_.contains(name) || body_[name].is_null()) return std::nullopt;
  const auto& value = body_[name];
  if (!value.is_string()) {
    errors_.push_back({std::string("/") + name, "must be a string"});
    return std::nullopt;
  }
  const auto& text = value.get_ref<const std::string&>();
  if (text.size() > max_length) {
    errors_.push_back({std::string("/") + name, "must be at most " + std::to_string(max_length) + " bytes"});
    return std::nullopt;
  }
  return text;
}

std::optional<std::int64_t> BodyFields::optional_id(const char* name) {
  if (!body_.is_object() || !body_.contains(name) || body_[name].is_null()) return std::nullopt;
  const auto& value = body_[name];
  if (!value.is_number_integer() || value.get<std::int64_t>() < 1) {
    errors_.push_back({std::string("/") + name, "must be a positive integer id"});
    return std::nullopt;
  }
  return value.get<std::int64_t>();
}

std::int64_t BodyFields::required_id(const char* name) {
  auto value = optional_id(name);
  if (!value && body_.is_object() && !body_.contains(name))
    errors_.push_back({std::string("/") + name, "is required"});
  return value.value_or(0);
}

std::optional<int> BodyFields::optional_int(const char* name, int min, int max) {
  if (!body_.is_object() || !body_.contains(name) || body_[name].is_null()) return std::nullopt;
  const auto& value = body_[name];
  if (!value.is_number_integer() || value.get<std::int64_t>() < min || value.get<std::int64_t>() > max) {
    errors_.push_back({std::string("/") + name,
                       "a whole number from " + std::to_string(min) + " to " + std::to_string(max)});
    return std::nullopt;
  }
  return static_cast<int>(value.get<std::int64_t>());
}

std::vector<std::int64_t> BodyFields::id_list(const char* name, std::size_t max_items) {
  std::vector<std::int64_t> out;
  if (!body_.is_object() || !body_.contains(name) || body_[name].is_null()) return out;
  const auto& value = body_[name];
  if (!value.is_array() || value.size() > max_items) {
    errors_.push_back({std::string("/") + name, "a list of at most " + std::to_string(max_items) + " ids"});
    return out;
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!value[i].is_number_integer() || value[i].get<std::int64_t>() < 1) {
      errors_.push_back({std::string("/") + name + "/" + std::to_string(i), "a positive integer id"});
      continue;
    }
    out.push_back(value[i].get<std::int64_t>());
  }
  return out;
}

std::vector<std::string> BodyFields::string_list(const char* name, std::size_t max_items,
                                                 std::size_t max_length) {
  std::vector<std::string> out;
  if (!body_.is_object() || !body_.contains(name) || body_[name].is_null()) return out;
  const auto& value = body_[name];
  if (!value.is_array() || value.size() > max_items) {
    errors_.push_back(
        {std::string("/") + name, "a list of at most " + std::to_string(max_items) + " strings"});
    return out;
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!value[i].is_string() || value[i].get_ref<const std::string&>().size() > max_length) {
      errors_.push_back({std::string("/") + name + "/" + std::to_string(i),
                         "a string of at most " + std::to_string(max_length) + " bytes"});
      continue;
    }
    out.push_back(value[i].get<std::string>());
  }
  return out;
}

}  // namespace rudi::http
