#include "statistics/statistics_exports.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <random>

#include "service/authorised.hpp"
#include "statistics/consenting_people.hpp"
#include "statistics/htcds_record.hpp"
#include "store/principal_scope.hpp"

namespace rudi::statistics {
namespace {

const auth::ResourceScope kStatistics{auth::Resource::statistics, std::nullopt, {}, false, true};

}  // namespace

boost::asio::awaitable<Result<Publication>> StatisticsExports::tables(auth::Principal who,
                                                                      std::optional<std::int64_t> k,
                                                                      std::string request_id) {
  const std::int64_t cell = k.value_or(k_floor_);
  if (cell < k_floor_ || cell > kMaxK) {
    co_return Error::invalid(
        "k may raise the smallest published cell, not lower it",
        {{"k", "an integer from " + std::to_string(k_floor_) + " to " + std::to_string(kMaxK)}});
  }
  co_return co_await service::run_authorised<Publication>(
      db_, who, auth::Action::read, kStatistics, std::nullopt, request_id,
      [&](soci::session& sql) -> Result<Publication> {
        soci::transaction tx(sql);
        store::set_principal(sql, who);
        auto people = consenting_people(sql, "statistics", false);
        if (!people) return people.error();
        std::vector<PersonFacts> facts;
        facts.reserve(people->size());
        for (auto& p : *people) facts.push_back(std::move(p.facts));
        Publication publication = publish(facts, k_floor_, cell);
        auto entry = service::audit_entry(who, "statistics.read", "statistics", std::nullopt, request_id);
        entry.details = {{"k", cell}, {"people", facts.size()}};
        store::append_audit(sql, entry);
        tx.commit();
        return publication;
      });
}

boost::asio::awaitable<Result<std::vector<nlohmann::json>>> StatisticsExports::htcds_records(
    auth::Principal who, bool identified, std::string request_id) {
  co_return co_await service::run_authorised<std::vector<nlohmann::json>>(
      db_, who, auth::Action::export_records, kStatistics, std::nullopt, request_id,
      [&](soci::session& sql) -> Result<std::vector<nlohmann::json>> {
        soci::transaction tx(sql);
        store::set_principal(sql, who);
        auto people = consenting_people(sql, "partner_referral", identified);
        if (!people) return people.error();
        // Shuffled, so that the order of the records does not tell the order people were recorded in.
        std::shuffle(people->begin(), people->end(), std::mt19937_64(std::random_device{}()));
        std::vector<nlohmann::json> records;
        std::vector<std::int64_t> ids;
        for (const auto& p : *people) {
          records.push_back(htcds_record(p, identified));
          ids.push_back(p.id);
        }
        std::sort(ids.begin(), ids.end());
        auto entry = service::audit_entry(who, "htcds.export", "person", std::nullopt, request_id);
        entry.details = {{"identified", identified}, {"records", ids.size()}, {"person_ids", ids}};
        store::append_audit(sql, entry);
        tx.commit();
        return records;
      });
}

}  // namespace rudi::statistics
