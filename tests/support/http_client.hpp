// A small HTTP client for tests, over a real TCP connection, with a deadline on every exchange.
#pragma once

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace rudi::test {

struct HttpReply {
  unsigned status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;

  nlohmann::json json() const { return nlohmann::json::parse(body); }
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

using Headers = std::vector<std::pair<std::string, std::string>>;

// One request on a new connection. Throws std::system_error when the exchange fails or times out.
HttpReply http_request(unsigned short port, const std::string& method, const std::string& target,
                       const std::string& body = "", const Headers& headers = {},
                       std::chrono::milliseconds timeout = std::chrono::seconds(10));

struct RawExchange {
  std::string received;  // everything the server sent before it closed (or the deadline)
  bool closed_by_server = false;
};

// Writes `bytes` as they are, then reads until the server closes or `timeout` passes.
RawExchange raw_exchange(unsigned short port, const std::string& bytes,
                         std::chrono::milliseconds timeout = std::chrono::seconds(10));

// The status code of the first response in raw bytes, or 0.
unsigned status_of(const std::string& raw_response);

}  // namespace rudi::test
