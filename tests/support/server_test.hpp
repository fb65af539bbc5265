// The base of the integration tests that talk to a seeded `rudi serve`: a server a test, and what it said
// printed when the test failed.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "support/seeded_server.hpp"

namespace rudi::test {

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override { start_server(); }
  void TearDown() override {
    if (HasFailure() && server_) server_->print_log();
  }

  // Fails the test before it starts anything where there is no database to run on.
  static void require_database() {
    if (!database_available()) GTEST_FAIL() << "no test database: run the tests through ./ops/test";
  }

  // A fixture that does more after it calls this wraps it in ASSERT_NO_FATAL_FAILURE: without a database
  // it fails here and starts nothing.
  void start_server(std::vector<std::string> serve_flags = {},
                    std::map<std::string, std::string> environment = {}) {
    ASSERT_NO_FATAL_FAILURE(require_database());
    server_ = std::make_unique<SeededServer>(std::move(serve_flags), std::move(environment));
  }

  std::unique_ptr<SeededServer> server_;
};

}  // namespace rudi::test
