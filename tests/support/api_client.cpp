#include "support/api_client.hpp"

namespace rudi::test {

HttpReply ApiClient::sign_in(const std::string& username, const std::string& password) {
  HttpReply reply =
      send("POST", "/api/v1/session", nlohmann::json{{"username", username}, {"password", password}});
  if (reply.status == 201) {
    const std::string set_cookie = reply.header("set-cookie");
    const auto eq = set_cookie.find('=');
    cookie_ = set_cookie.substr(eq + 1, set_cookie.find(';') - eq - 1);
    csrf_ = reply.json()["csrf_token"];
  }
  return reply;
}

HttpReply ApiClient::send(const std::string& method, const std::string& path,
                          const std::optional<nlohmann::json>& body, Headers extra) {
  Headers headers = std::move(extra);
  if (!cookie_.empty()) headers.emplace_back("Cookie", "__Host-rudi_session=" + cookie_);
  if (!csrf_.empty()) headers.emplace_back("X-CSRF-Token", csrf_);
  if (!bearer_.empty()) headers.emplace_back("Authorization", "Bearer " + bearer_);
  if (body) headers.emplace_back("Content-Type", "application/json");
  return http_request(port_, method, path, body ? body->dump() : "", headers);
}

HttpReply ApiClient::send_raw(const std::string& method, const std::string& path, const std::string& body,
                              const std::string& content_type) {
  Headers headers;
  if (!cookie_.empty()) headers.emplace_back("Cookie", "__Host-rudi_session=" + cookie_);
  if (!csrf_.empty()) headers.emplace_back("X-CSRF-Token", csrf_);
  if (!bearer_.empty()) headers.emplace_back("Authorization", "Bearer " + bearer_);
  headers.emplace_back("Content-Type", content_type);
  return http_request(port_, method, path, body, headers);
}

}  // namespace rudi::test
