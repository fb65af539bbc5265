// Small rewrites of libpq connection strings (URIs and key=value form alike).
#pragma once

#include <string>
#include <string_view>

namespace rudi::store {

// Adds a libpq parameter unless the string already sets it, so that configuration always wins.
std::string with_parameter(std::string conninfo, std::string_view key, std::string_view value);

// The same connection string pointing at another database name (used by tests and tools that create
// databases beside the configured one).
std::string with_database(const std::string& conninfo, std::string_view database);

}  // namespace rudi::store
