// libpq accepts "postgresql://user:pw@host:port/db?k=v" and "host=... dbname=..."; both are handled
// here without parsing more than needed.
#include "store/connection_string.hpp"

namespace rudi::store {
namespace {
bool is_uri(std::string_view s) {
  return s.starts_with("postgresql://") || s.starts_with("postgres://");
}
}  // namespace

std::string with_parameter(std::string conninfo, std::string_view key, std::string_view value) {
  const std::string needle = std::string(key) + "=";
  if (is_uri(conninfo)) {
    const auto query = conninfo.find('?');
    if (query != std::string::npos) {
      const std::string params = conninfo.substr(query + 1);
      if (params.starts_with(needle) || params.find("&" + needle) != std::string::npos) return conninfo;
      return conninfo + "&" + needle + std::string(value);
    }
    return conninfo + "?" + needle + std::string(value);
  }
  if (conninfo.starts_with(needle) || conninfo.find(" " + needle) != std::string::npos) return conninfo;
  if (!conninfo.empty()) conninfo += " ";
  return conninfo + needle + std::string(value);
}

std::string with_database(const std::string& conninfo, std::string_view database) {
  if (is_uri(conninfo)) {
    const auto authority = conninfo.find("://") + 3;
    const auto query = conninfo.find('?', authority);
    const auto slash = conninfo.find('/', authority);
    const auto host_end = (slash != std::string::npos && (query == std::string::npos || slash < query))
                              ? slash
                              : (query == std::string::npos ? conninfo.size() : query);
    const std::string rest = query == std::string::npos ? "" : conninfo.substr(query);
    return conninfo.substr(0, host_end) + "/" + std::string(database) + rest;
  }
  // key=value form: a later dbname wins in libpq.
  return conninfo + " dbname=" + std::string(database);
}

}  // namespace rudi::store
