// The use case behind POST /api/v1/mrz/parse: an officer who may record people has a document's
// machine-readable zone read into a person's fields, to check and save through the usual create. It
// stores nothing and logs nothing of the zone; only a refusal is audited, as every refusal is.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <functional>
#include <string>

#include "auth/principal.hpp"
#include "domain/result.hpp"
#include "mrz/person_fields.hpp"
#include "mrz/zone.hpp"
#include "store/database.hpp"

namespace rudi::mrz {

struct ReadDocument {
  Zone zone;
  PersonFields person;
};

class MrzReading {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;
  explicit MrzReading(
      store::Database& db, Clock clock = [] { return std::chrono::system_clock::now(); })
      : db_(db), clock_(std::move(clock)) {}

  // Errors: forbidden for roles that may not create people; invalid_input with one field error per
  // defect, each a pointer below `/mrz` (e.g. /mrz/line2/date_of_birth_check).
  boost::asio::awaitable<Result<ReadDocument>> read(auth::Principal who, std::string text,
                                                    std::string request_id);

 private:
  store::Database& db_;
  Clock clock_;
};

}  // namespace rudi::mrz
