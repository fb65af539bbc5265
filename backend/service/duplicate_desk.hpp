// The ministry desk's list of duplicate flags (a person entered again by someone who could not see the
// record on file), and their resolution once the two records are reconciled.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "domain/result.hpp"
#include "store/database.hpp"
#include "store/duplicate_flags.hpp"

namespace rudi::service {

class DuplicateDesk {
 public:
  explicit DuplicateDesk(store::Database& db) : db_(db) {}

  boost::asio::awaitable<Result<std::vector<store::DuplicateFlag>>> open_flags(auth::Principal who,
                                                                               std::string request_id);
  boost::asio::awaitable<Result<Unit>> resolve(auth::Principal who, std::int64_t id, std::string note,
                                               std::string request_id);

 private:
  store::Database& db_;
};

}  // namespace rudi::service
