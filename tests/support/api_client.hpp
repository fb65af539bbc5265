// A client of Rudi's API for integration tests: signs in, keeps the session cookie and the CSRF token,
// or uses a bearer token, and sends JSON.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "support/http_client.hpp"

namespace rudi::test {

class ApiClient {
 public:
  explicit ApiClient(unsigned short port) : port_(port) {}

  HttpReply sign_in(const std::string& username, const std::string& password);
  HttpReply get(const std::string& path) { return send("GET", path, std::nullopt); }
  HttpReply post(const std::string& path, const nlohmann::json& body = nlohmann::json::object()) {
    return send("POST", path, body);
  }
  HttpReply patch(const std::string& path, const nlohmann::json& body) { return send("PATCH", path, body); }
  HttpReply del(const std::string& path) { return send("DELETE", path, std::nullopt); }
  HttpReply send(const std::string& method, const std::string& path,
                 const std::optional<nlohmann::json>& body, Headers extra = {});

  // A body that is not JSON (a CSV file), with its content type.
  HttpReply send_raw(const std::string& method, const std::string& path, const std::string& body,
                     const std::string& content_type);

  void use_bearer(std::string token) { bearer_ = std::move(token); }
  void forget_csrf() { csrf_.clear(); }
  const std::string& session_cookie() const { return cookie_; }
  void set_session_cookie(std::string cookie) { cookie_ = std::move(cookie); }

 private:
  unsigned short port_;
  std::string cookie_;
  std::string csrf_;
  std::string bearer_;
};

}  // namespace rudi::test
