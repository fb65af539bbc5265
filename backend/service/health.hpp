// Readiness: can this node serve requests now? The database must answer and its schema must be the one
// this build was made for.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace rudi::service {

struct Readiness {
  bool ready = false;
  std::string reason;  // why not, for operators; empty when ready
};

class Health {
 public:
  Health(store::Database& database, std::vector<int> expected_schema_versions);

  boost::asio::awaitable<Readiness> readiness();
  // The same check for start-up, on the calling thread.
  Readiness readiness_now();

 private:
  store::Database& database_;
  std::vector<int> expected_versions_;
};

}  // namespace rudi::service
