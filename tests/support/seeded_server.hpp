// A scratch database with two missions and one user per role (two embassy officers, one per mission, and
// two prosecutors),
// and a real `rudi serve` on it: the starting point of the API's integration tests.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "auth/totp.hpp"
#include "support/api_client.hpp"
#include "support/child_process.hpp"
#include "support/scratch_database.hpp"

namespace rudi::test {

inline const std::string kTestPassword = "Mango-tree-by-the-river-7";

class SeededServer {
 public:
  // `serve_flags` go to `rudi serve` (e.g. live limits).
  explicit SeededServer(std::vector<std::string> serve_flags = {},
                        std::map<std::string, std::string> environment = {});

  ApiClient client() const { return ApiClient(serve_.port); }
  // Signs in and passes the second factor (enrolling it on first use); the client is ready for work.
  ApiClient signed_in(const std::string& username);
  // Signs in and enrols a second factor; returns its secret and leaves the recovery codes in `codes`.
  auth::Bytes enrol(ApiClient& client, const std::string& username,
                    std::vector<std::string>* codes = nullptr);

  // What the server said, its request lines aside: for a failed test's output.
  void print_log() const;

  ScratchDatabase& db() { return *db_; }
  ServeProcess& serve() { return serve_; }
  unsigned short port() const { return serve_.port; }
  // Stops the server (SIGTERM, waiting for it to exit), and starts it again on the same port.
  void stop();
  void start_again();
  // Another `rudi serve` node on the same database.
  ServeProcess start_node(std::vector<std::string> serve_flags = {}) const;

  std::int64_t bangkok = 0, pretoria = 0;
  std::int64_t admin = 0, embassy = 0, embassy_pretoria = 0, ministry = 0, prosecutor = 0, prosecutor_two = 0,
               auditor = 0;

 private:
  std::unique_ptr<ScratchDatabase> db_;
  ServeProcess serve_;
  std::vector<std::string> serve_flags_;
  std::map<std::string, auth::Bytes> secrets_;
  std::map<std::string, std::vector<std::string>> recovery_codes_;
};

}  // namespace rudi::test
