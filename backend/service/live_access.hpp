// What the live hub asks of the database: whether a principal may follow a topic (checked by the access
// policy against the record as the principal can see it now), where the event sequence stands, whether a
// client can resume from a number, and the events of a replay, read under the principal's row-level
// security.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "domain/result.hpp"
#include "store/database.hpp"
#include "store/event_log.hpp"

namespace rudi::service {

// A topic a dashboard may follow: `nation`, `mission:<id>`, `cohort:<id>`, `person:<id>` or `case:<id>`.
struct Topic {
  enum class Kind { nation, mission, cohort, person, case_file };
  Kind kind = Kind::nation;
  std::int64_t id = 0;
};
std::optional<Topic> parse_topic(std::string_view text);

struct TopicVerdict {
  std::vector<std::string> allowed;
  std::vector<std::string> refused;  // unknown and forbidden alike, so that ids cannot be probed
};

class LiveAccess {
 public:
  LiveAccess(store::Database& db, std::chrono::seconds retention) : db_(db), retention_(retention) {}

  // Every topic checked; the subscription is recorded in the audit log with what was refused.
  boost::asio::awaitable<Result<TopicVerdict>> check_topics(auth::Principal who,
                                                            std::vector<std::string> topics,
                                                            std::string request_id);
  boost::asio::awaitable<Result<std::int64_t>> head();
  // Whether every event after `after` is still kept (within the retention period).
  boost::asio::awaitable<Result<bool>> resumable(std::int64_t after);
  // Events in (after, until], oldest first, at most `limit`, of people the principal may see now.
  boost::asio::awaitable<Result<std::vector<store::EventRecord>>> replay(auth::Principal who,
                                                                         std::int64_t after,
                                                                         std::int64_t until, int limit);
  std::chrono::seconds retention() const { return retention_; }

 private:
  store::Database& db_;
  std::chrono::seconds retention_;
};

}  // namespace rudi::service
