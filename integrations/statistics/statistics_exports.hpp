// The use cases behind GET /api/v1/statistics, `rudi export statistics` and `rudi export htcds`: each
// asks the access policy, reads the consenting people under the caller's principal in one transaction,
// and writes an audit row of what was published (how many people, which k; for case records, whose).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "domain/result.hpp"
#include "statistics/tables.hpp"
#include "store/database.hpp"

namespace rudi::statistics {

class StatisticsExports {
 public:
  // `k_floor`: the configured smallest cell (RUDI_STATISTICS_K), within [kMinK, kMaxK].
  StatisticsExports(store::Database& db, std::int64_t k_floor) : db_(db), k_floor_(k_floor) {}

  std::int64_t k_floor() const { return k_floor_; }

  // Tables of the people whose `statistics` consent is granted. `k` may raise the floor, never lower it
  // (invalid_input on the field `k` otherwise). Ministry officers only.
  boost::asio::awaitable<Result<Publication>> tables(auth::Principal who, std::optional<std::int64_t> k,
                                                     std::string request_id);

  // HTCDS v2.0 case records of the people whose `partner_referral` consent is granted, without names,
  // date of birth or phone unless `identified` (which the same consent covers). Ministry officers and
  // the system only; every person exported is named in the audit row by id.
  boost::asio::awaitable<Result<std::vector<nlohmann::json>>> htcds_records(auth::Principal who,
                                                                            bool identified,
                                                                            std::string request_id);

 private:
  store::Database& db_;
  std::int64_t k_floor_;
};

}  // namespace rudi::statistics
