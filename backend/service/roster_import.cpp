#include "service/roster_import.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <set>

#include "auth/access_policy.hpp"
#include "log/log.hpp"
#include "service/audit_trail.hpp"
#include "service/cohort_event.hpp"
#include "service/journey_records.hpp"
#include "store/cohort_repository.hpp"
#include "store/event_log.hpp"
#include "store/hex.hpp"
#include "store/principal_scope.hpp"
#include "store/roster_repository.hpp"

namespace rudi::service {
namespace {

// People written per statement: large enough that round trips do not dominate, small enough that a
// batch's arrays stay a few hundred kilobytes.
constexpr std::size_t kBatchRows = 1000;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return text;
}

// A row's identity when it has no document number: the cohort it was listed in and what the list says of
// the person, as a keyed hash (the blind index key), so that the key reveals nothing without the key.
std::string row_identity(std::int64_t cohort_id, const PersonDraft& d) {
  const char sep = '\x1f';
  return "roster-row:" + std::to_string(cohort_id) + sep + lower(d.family_name) + sep + lower(d.given_name) +
         sep + d.date_of_birth.value_or("") + sep +
         (d.estimated_age ? std::to_string(*d.estimated_age) : std::string()) + sep + d.sex;
}

struct Card {
  std::int64_t id;
  std::string stage;
};

nlohmann::json card_of(const Card& card, std::int64_t cohort_id, std::int64_t mission_id) {
  return {{"id", card.id},       {"cohort_id", cohort_id}, {"mission_id", mission_id},
          {"stage", card.stage}, {"on_hold", false},       {"version", 1}};
}

nlohmann::json counts_of(const ImportReport& r) {
  nlohmann::json others = nlohmann::json::object();
  for (const auto& [code, n] : r.other_nationalities) others[code] = n;
  return {{"rows", r.rows},
          {"imported", r.imported},
          {"existing", r.existing_count},
          {"rejected", r.rejected_count},
          {"other_nationalities", others},
          {"dry_run", r.dry_run},
          {"partial", r.partial},
          {"committed", r.committed}};
}

}  // namespace

boost::asio::awaitable<Result<ImportReport>> RosterImports::import_roster(auth::Principal who,
                                                                          std::int64_t cohort_id,
                                                                          RosterSource& source,
                                                                          ImportOptions options,
                                                                          std::string request_id) {
  co_return co_await db_.run<ImportReport>([&](soci::session& sql) -> Result<ImportReport> {
    return run(sql, who, cohort_id, source, options, request_id);
  });
}

Result<ImportReport> RosterImports::import_roster_here(const auth::Principal& who, std::int64_t cohort_id,
                                                       RosterSource& source, const ImportOptions& options,
                                                       const std::string& request_id) {
  return db_.run_here<ImportReport>([&](soci::session& sql) -> Result<ImportReport> {
    return run(sql, who, cohort_id, source, options, request_id);
  });
}

Result<ImportReport> RosterImports::run(soci::session& sql, const auth::Principal& who,
                                        std::int64_t cohort_id, RosterSource& source,
                                        const ImportOptions& options, const std::string& request_id) {
  const std::string entity = std::to_string(cohort_id);
  // Whether the principal may create people at all, before anything is looked up.
  auth::Decision may =
      auth::decide(who, auth::Action::create, {auth::Resource::person, std::nullopt, {}, false, true});
  if (may.outcome == auth::Outcome::hidden) may.outcome = auth::Outcome::refused;
  if (!may.allowed()) {
    record_refusal(sql, who, may, auth::Action::create, auth::Resource::person, entity, request_id);
    return refusal_error(may);
  }

  soci::transaction tx(sql);
  store::set_principal(sql, who);
  auto refuse = [&](const std::string& reason, Error error) -> Result<ImportReport> {
    auto entry = audit_entry(who, "roster.import", "cohort", entity, request_id, false);
    entry.details = {{"reason", reason}};
    store::append_audit(sql, entry);
    tx.commit();
    return error;
  };
  const auto cohort = store::find_cohort(sql, cohort_id);  // another mission's cohort is not visible
  if (!cohort) return refuse("not found in the caller's scope", Error::not_found("no such cohort"));
  const auto decision =
      auth::decide(who, auth::Action::create, {auth::Resource::person, cohort->mission_id, {}, false, false});
  if (!decision.allowed()) return refuse(decision.reason, refusal_error(decision));

  if (auto started = source.start(); !started) return started.error();

  ImportReport report;
  report.cohort_id = cohort_id;
  report.dry_run = options.dry_run;
  report.partial = options.partial;
  report.ignored_columns = source.ignored_columns();
  const std::int64_t mission = cohort->mission_id;
  const auto actor = who.user_id ? std::optional<std::int64_t>(who.user_id) : std::nullopt;
  const std::int64_t import_id =
      store::add_roster_import(sql, {cohort_id, mission, actor, options.source, options.partial});
  const std::string binding = document_binding(mission);
  std::vector<Card> cards;  // of the first people, for one event each when the import is small

  std::vector<RosterRow> pending;
  pending.reserve(kBatchRows);
  auto flush = [&] {
    std::vector<store::RosterPerson> batch;
    batch.reserve(pending.size());
    for (const auto& row : pending) {
      store::RosterPerson p{row.line, &row.draft, std::nullopt, std::nullopt, std::nullopt};
      if (row.draft.document_number) {
        const std::string number = normalise_document_number(*row.draft.document_number);
        p.document = keyring_.seal(number, binding);
        p.document_index = keyring_.blind_index(number);
      } else {
        p.import_key = keyring_.blind_index(row_identity(cohort_id, row.draft));
      }
      batch.push_back(std::move(p));
    }
    const auto inserted = store::insert_roster_people(sql, mission, cohort_id, import_id, batch);
    std::map<std::size_t, const std::string*> stage_of_line;
    for (const auto& row : pending) stage_of_line[row.line] = &row.draft.stage;
    std::set<std::size_t> new_lines;
    for (const auto& person : inserted) {
      new_lines.insert(person.line);
      if (report.person_ids.size() < kMaxListed) report.person_ids.push_back(person.id);
      if (cards.size() <= kBatchEventThreshold) cards.push_back({person.id, *stage_of_line[person.line]});
    }
    report.imported += inserted.size();
    // The rest are on record already: named to the caller when the caller may see them.
    std::vector<const store::RosterPerson*> known;
    std::vector<auth::Bytes> keys;
    for (const auto& p : batch) {
      if (new_lines.count(p.line)) continue;
      known.push_back(&p);
      keys.push_back(p.document_index ? *p.document_index : *p.import_key);
    }
    report.existing_count += known.size();
    if (!known.empty()) {
      const auto visible = store::visible_people_with_keys(sql, keys);
      for (std::size_t i = 0; i < known.size() && report.existing.size() < kMaxListed; ++i) {
        auto it = visible.find(store::to_hex(keys[i]));
        report.existing.push_back(
            {known[i]->line, it == visible.end() ? std::nullopt : std::optional<std::int64_t>(it->second)});
      }
    }
    pending.clear();
  };

  while (auto row = source.next()) {
    ++report.rows;
    switch (row->kind) {
      case RosterRow::Kind::rejected:
        ++report.rejected_count;
        for (auto& problem : row->problems) {
          if (report.rejected.size() >= kMaxListed) break;
          report.rejected.push_back({row->line, std::move(problem.field), std::move(problem.reason)});
        }
        break;
      case RosterRow::Kind::other_nationality:
        ++report.other_nationalities[row->nationality];
        break;
      case RosterRow::Kind::national:
        pending.push_back(std::move(*row));
        if (pending.size() == kBatchRows) flush();
        break;
    }
  }
  flush();

  // A dry run, or a file with rejected rows when all or nothing was asked for, leaves no trace but the
  // audit row.
  if (options.dry_run || (report.rejected_count > 0 && !options.partial)) {
    tx.rollback();
    report.person_ids.clear();
    soci::transaction record(sql);
    store::set_principal(sql, who);
    auto entry = audit_entry(who, options.dry_run ? "roster.import_dry_run" : "roster.import", "cohort",
                             entity, request_id, true);
    entry.details = counts_of(report);
    store::append_audit(sql, entry);
    record.commit();
    return report;
  }

  // Each person's audit row is the one creating them by hand writes, by the same actor.
  const auto person_audit = audit_entry(who, "person.create", "person", std::nullopt, request_id);
  store::record_roster_people_entered(sql, import_id, actor, person_audit.actor_kind, log::utc_timestamp(6),
                                      request_id);
  if (report.imported > kBatchEventThreshold) {
    nlohmann::json payload = {{"import_id", import_id},
                              {"cohort_id", cohort_id},
                              {"mission_id", mission},
                              {"imported", report.imported},
                              {"existing", report.existing_count}};
    if (report.imported <= kMaxListed) payload["person_ids"] = report.person_ids;
    store::append_event(sql, cohort_event("cohort.imported", cohort_id, mission, std::move(payload), who));
  } else {
    for (const auto& card : cards) {
      auto e = cohort_event("person.created", cohort_id, mission, card_of(card, cohort_id, mission), who);
      e.topics.insert(e.topics.begin(), "person:" + std::to_string(card.id));
      e.person_id = card.id;
      store::append_event(sql, e);
    }
  }
  store::finish_roster_import(sql, import_id,
                              {report.rows, report.imported, report.existing_count, report.rejected_count,
                               report.other_nationalities});
  report.import_id = import_id;
  report.committed = true;
  auto entry = audit_entry(who, "roster.import", "cohort", entity, request_id, true);
  entry.details = counts_of(report);
  entry.details["import_id"] = import_id;
  store::append_audit(sql, entry);
  tx.commit();
  return report;
}

}  // namespace rudi::service
