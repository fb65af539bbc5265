#include "service/live_access.hpp"

#include <soci/soci.h>

#include <charconv>

#include "auth/access_policy.hpp"
#include "service/audit_trail.hpp"
#include "store/audit_repository.hpp"
#include "store/case_repository.hpp"
#include "store/cohort_repository.hpp"
#include "store/person_repository.hpp"
#include "store/principal_scope.hpp"

namespace rudi::service {
namespace {
using auth::Action;
using auth::Resource;

std::optional<std::int64_t> positive_id(std::string_view digits) {
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (ec != std::errc() || end != digits.data() + digits.size() || id <= 0) return std::nullopt;
  return id;
}

// Whether the principal may follow the topic, asked of the policy with the record as the principal's
// row-level security shows it (a record it cannot see is refused like one that does not exist).
bool may_follow(soci::session& sql, const auth::Principal& who, const Topic& topic) {
  auth::ResourceScope scope;
  switch (topic.kind) {
    case Topic::Kind::nation:
      // Every mission's records: a cohort scope of no mission is allowed to whoever sees all missions.
      scope = {Resource::cohort, std::nullopt, {}, false, false};
      break;
    case Topic::Kind::mission:
      scope = {Resource::cohort, topic.id, {}, false, false};
      break;
    case Topic::Kind::cohort: {
      auto cohort = store::find_cohort(sql, topic.id);
      if (!cohort) return false;
      scope = {Resource::cohort, cohort->mission_id, {}, false, false};
      break;
    }
    case Topic::Kind::person: {
      auto person = store::find_person(sql, topic.id);
      if (!person) return false;
      scope = {Resource::person, person->mission_id, {}, person->prosecution_consent, false};
      if (who.role == auth::Role::prosecutor)
        scope.prosecutors = store::prosecution_reach(sql, topic.id).prosecutor_ids;
      break;
    }
    case Topic::Kind::case_file: {
      auto record = store::find_case(sql, topic.id);
      if (!record) return false;
      scope = {Resource::case_file, std::nullopt, record->prosecutors, false, false};
      break;
    }
  }
  return auth::decide(who, Action::read, scope).allowed();
}

}  // namespace

std::optional<Topic> parse_topic(std::string_view text) {
  if (text == "nation") return Topic{Topic::Kind::nation, 0};
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto kind = text.substr(0, colon);
  const auto id = positive_id(text.substr(colon + 1));
  if (!id) return std::nullopt;
  if (kind == "mission") return Topic{Topic::Kind::mission, *id};
  if (kind == "cohort") return Topic{Topic::Kind::cohort, *id};
  if (kind == "person") return Topic{Topic::Kind::person, *id};
  if (kind == "case") return Topic{Topic::Kind::case_file, *id};
  return std::nullopt;
}

boost::asio::awaitable<Result<TopicVerdict>> LiveAccess::check_topics(auth::Principal who,
                                                                      std::vector<std::string> topics,
                                                                      std::string request_id) {
  co_return co_await db_.run<TopicVerdict>([&](soci::session& sql) -> Result<TopicVerdict> {
    soci::transaction tx(sql);
    store::set_principal(sql, who);
    TopicVerdict verdict;
    for (const auto& text : topics) {
      const auto topic = parse_topic(text);
      (topic && may_follow(sql, who, *topic) ? verdict.allowed : verdict.refused).push_back(text);
    }
    auto entry =
        audit_entry(who, "live.subscribe", "topics", std::nullopt, request_id, verdict.refused.empty());
    entry.details = {{"topics", topics}, {"refused", verdict.refused}};
    store::append_audit(sql, entry);
    tx.commit();
    return verdict;
  });
}

boost::asio::awaitable<Result<std::int64_t>> LiveAccess::head() {
  co_return co_await db_.run<std::int64_t>(
      [](soci::session& sql) -> Result<std::int64_t> { return store::latest_event_seq(sql); });
}

boost::asio::awaitable<Result<bool>> LiveAccess::resumable(std::int64_t after) {
  co_return co_await db_.run<bool>(
      [&](soci::session& sql) -> Result<bool> { return store::resumable_after(sql, after, retention_); });
}

boost::asio::awaitable<Result<std::vector<store::EventRecord>>> LiveAccess::replay(auth::Principal who,
                                                                                   std::int64_t after,
                                                                                   std::int64_t until,
                                                                                   int limit) {
  co_return co_await db_.run<std::vector<store::EventRecord>>(
      [&](soci::session& sql) -> Result<std::vector<store::EventRecord>> {
        soci::transaction tx(sql);
        store::set_principal(sql, who);
        auto events = store::events_between(sql, after, until, limit);
        tx.commit();
        return events;
      });
}

}  // namespace rudi::service
