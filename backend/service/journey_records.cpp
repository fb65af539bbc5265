#include "service/journey_records.hpp"

#include <soci/soci.h>

#include <algorithm>

#include "auth/access_policy.hpp"
#include "log/log.hpp"
#include "service/audit_trail.hpp"
#include "service/authorised.hpp"
#include "service/cohort_event.hpp"
#include "store/audit_repository.hpp"
#include "store/case_repository.hpp"
#include "store/database_clock.hpp"
#include "store/duplicate_flags.hpp"
#include "store/event_log.hpp"
#include "store/principal_scope.hpp"

namespace rudi::service {
namespace {
using auth::Action;
using auth::Resource;

auth::ResourceScope scope_of(Resource kind, std::optional<std::int64_t> mission, bool collection = false) {
  return {kind, mission, {}, false, collection};
}

Mover mover_of(const auth::Principal& p) {
  return p.role == auth::Role::ministry_officer ? Mover{Side::ministry, true} : Mover{Side::embassy, false};
}

// An event about a person: its topics are the person, their mission, cohort and cases, and the nation;
// the cases also travel as scope, so that the live hub can tell which prosecutors may receive it.
store::NewEvent person_event(soci::session& sql, std::string type, const store::PersonRow& p,
                             nlohmann::json payload, const auth::Principal& who) {
  store::NewEvent e;
  e.type = std::move(type);
  e.topics = {"person:" + std::to_string(p.id), "mission:" + std::to_string(p.mission_id), "nation"};
  if (p.cohort_id) e.topics.push_back("cohort:" + std::to_string(*p.cohort_id));
  auto reach = store::prosecution_reach(sql, p.id);
  e.case_ids = std::move(reach.case_ids);
  e.prosecutor_ids = std::move(reach.prosecutor_ids);
  e.prosecution_consent = p.prosecution_consent;
  for (auto id : e.case_ids) e.topics.push_back("case:" + std::to_string(id));
  e.mission_id = p.mission_id;
  e.person_id = p.id;
  e.cohort_id = p.cohort_id;
  e.payload = std::move(payload);
  if (who.user_id) e.actor_id = who.user_id;
  return e;
}

// The scope the access policy needs for one person: their mission, and for prosecutors, the prosecutors of
// the cases they are linked to and whether they consent to the prosecution.
auth::ResourceScope person_scope(soci::session& sql, const auth::Principal& who, const store::PersonRow& row,
                                 Resource kind) {
  auth::ResourceScope scope{kind, row.mission_id, {}, row.prosecution_consent, false};
  if (who.role == auth::Role::prosecutor)
    scope.prosecutors = store::prosecution_reach(sql, row.id).prosecutor_ids;
  return scope;
}

// What a prosecutor does not see of a person even when they may see the person: how to reach them and
// their family (contact goes through the ministry), and where they live or stay.
void minimise(const auth::Principal& who, store::PersonRow& row) {
  if (who.role != auth::Role::prosecutor) return;
  for (const char* field : {"phone", "next_of_kin_name", "next_of_kin_phone", "next_of_kin_relation",
                            "home_county", "current_location"})
    row.fields.erase(field);
}

// What dashboards show of a person in an event: no more than a board card.
nlohmann::json card_of(const store::PersonRow& p) {
  return {{"id", p.id},
          {"cohort_id", p.cohort_id ? nlohmann::json(*p.cohort_id) : nlohmann::json()},
          {"mission_id", p.mission_id},
          {"stage", to_string(p.stage)},
          {"on_hold", p.on_hold},
          {"version", p.version}};
}

// Reads, writes and refusals of a person all end in the audit log; a record that is not visible is
// "not found" whether it exists or not.
Error not_visible(soci::session& sql, const auth::Principal& who, const std::string& action, std::int64_t id,
                  const std::string& request_id) {
  auto entry = audit_entry(who, action, "person", std::to_string(id), request_id, false);
  entry.details = {{"reason", "not found in the caller's scope"}};
  store::append_audit(sql, entry);
  return Error::not_found("no such person");
}

// The people a filter matches, under the principal the transaction has set. A search term may be a
// document number: it is matched exactly through its blind index.
std::vector<store::PersonRow> matching_people(soci::session& sql, const auth::Keyring& keyring,
                                              store::PeopleFilter filter) {
  if (filter.query) filter.document_index = keyring.blind_index(normalise_document_number(*filter.query));
  return store::list_people(sql, filter);
}

// The audit row of a list or an export: which records were shown, by id only, never their data.
void audit_shown(soci::session& sql, const auth::Principal& who, const std::string& action,
                 const std::vector<store::PersonRow>& rows, const std::string& request_id) {
  auto entry = audit_entry(who, action, "person", std::nullopt, request_id);
  nlohmann::json ids = nlohmann::json::array();
  for (const auto& r : rows) ids.push_back(r.id);
  entry.details = {{"ids", ids}};
  store::append_audit(sql, entry);
}

nlohmann::json fields_of(const PersonDraft& draft) {
  return {{"cohort_id", draft.cohort_id ? nlohmann::json(*draft.cohort_id) : nlohmann::json()},
          {"given_name", draft.given_name},
          {"family_name", draft.family_name},
          {"other_names", draft.other_names},
          {"sex", draft.sex},
          {"date_of_birth", draft.date_of_birth ? nlohmann::json(*draft.date_of_birth) : nlohmann::json()},
          {"estimated_age", draft.estimated_age ? nlohmann::json(*draft.estimated_age) : nlohmann::json()},
          {"nationality", draft.nationality},
          {"document_kind", draft.document_kind ? nlohmann::json(*draft.document_kind) : nlohmann::json()},
          {"phone", draft.phone ? nlohmann::json(*draft.phone) : nlohmann::json()},
          {"next_of_kin_name", draft.next_of_kin_name},
          {"next_of_kin_phone",
           draft.next_of_kin_phone ? nlohmann::json(*draft.next_of_kin_phone) : nlohmann::json()},
          {"next_of_kin_relation", draft.next_of_kin_relation},
          {"home_county", draft.home_county},
          {"languages", draft.languages},
          {"vulnerabilities", draft.vulnerabilities},
          {"current_location", draft.current_location},
          {"stage", draft.stage},
          {"trafficking_status",
           draft.trafficking_status ? nlohmann::json(*draft.trafficking_status) : nlohmann::json()},
          {"status_decided_by",
           draft.status_decided_by ? nlohmann::json(*draft.status_decided_by) : nlohmann::json()},
          {"exploitation_types", draft.exploitation_types},
          {"control_methods", draft.control_methods},
          {"recruitment_method",
           draft.recruitment_method ? nlohmann::json(*draft.recruitment_method) : nlohmann::json()},
          {"recruitment_apps", draft.recruitment_apps},
          {"trafficker_relationship",
           draft.trafficker_relationship ? nlohmann::json(*draft.trafficker_relationship) : nlohmann::json()},
          {"recruitment_place", draft.recruitment_place},
          {"exploitation_place", draft.exploitation_place}};
}

void check_cohort(const CohortDraft& d, std::vector<FieldError>& errors) {
  if (auto p = text_problem(d.name, 200, true)) errors.push_back({"/name", *p});
  const auto released = parse_date(d.released_on);
  if (!released)
    errors.push_back({"/released_on", "a real date, YYYY-MM-DD"});
  else if (*released > today_utc(std::chrono::system_clock::now())) {
    errors.push_back({"/released_on", "must not be in the future"});
  }
  if (!is_country_code(d.country)) errors.push_back({"/country", "an ISO 3166-1 alpha-2 code, e.g. MM"});
  if (auto p = text_problem(d.locality, 200, false)) errors.push_back({"/locality", *p});
  if (auto p = text_problem(d.partners, 1000, false, true)) errors.push_back({"/partners", *p});
  if (auto p = text_problem(d.notes, 4000, false, true)) errors.push_back({"/notes", *p});
}

}  // namespace

std::string document_binding(std::int64_t mission_id) {
  return "people.document:" + std::to_string(mission_id);
}

boost::asio::awaitable<Result<store::Cohort>> JourneyRecords::create_cohort(auth::Principal who,
                                                                            CohortDraft d,
                                                                            std::string request_id) {
  const std::optional<std::int64_t> mission =
      who.role == auth::Role::embassy_officer ? who.mission_id : d.mission_id;
  std::vector<FieldError> errors;
  if (!mission) errors.push_back({"/mission_id", "is required"});
  if (d.mission_id && who.role == auth::Role::embassy_officer && d.mission_id != who.mission_id) {
    errors.push_back({"/mission_id", "embassy officers create cohorts of their own mission"});
  }
  check_cohort(d, errors);
  const auto decision = auth::decide(who, Action::create, scope_of(Resource::cohort, mission));
  if (!decision.allowed())
    co_return co_await refuse(db_, who, decision, Action::create, Resource::cohort, std::nullopt, request_id);
  if (!errors.empty()) co_return Error::invalid("the cohort cannot be created as given", std::move(errors));
  co_return co_await db_.run<store::Cohort>([&](soci::session& sql) -> Result<store::Cohort> {
    soci::transaction tx(sql);
    store::set_principal(sql, who);
    auto added = store::add_cohort(
        sql, {0, *mission, d.name, d.released_on, d.country, d.locality, d.partners, d.notes});
    if (!added) return added;
    store::append_event(
        sql, cohort_event("cohort.created", added->id, *mission,
                          {{"id", added->id}, {"name", added->name}, {"mission_id", *mission}}, who));
    store::append_audit(sql,
                        audit_entry(who, "cohort.create", "cohort", std::to_string(added->id), request_id));
    tx.commit();
    return added;
  });
}

boost::asio::awaitable<Result<std::vector<store::Cohort>>> JourneyRecords::cohorts(auth::Principal who,
                                                                                   std::string request_id) {
  co_return co_await run_authorised<std::vector<store::Cohort>>(
      db_, who, Action::list, scope_of(Resource::cohort, std::nullopt, true), std::nullopt, request_id,
      [&](soci::session& sql) -> Result<std::vector<store::Cohort>> {
        soci::transaction tx(sql);
        store::set_principal(sql, who);
        auto list = store::list_cohorts(sql, kMaxPage);
        tx.commit();
        return list;
      });
}

boost::asio::awaitable<Result<store::Cohort>> JourneyRecords::cohort(auth::Principal who, std::int64_t id,
                                                                     std::string request_id) {
  co_return co_await run_authorised<store::Cohort>(
      db_, who, Action::read, scope_of(Resource::cohort, std::nullopt, true), std::to_string(id), request_id,
      [&](soci::session& sql) -> Result<store::Cohort> {
        soci::transaction tx(sql);
        store::set_principal(sql, who);
        auto cohort = store::find_cohort(sql, id);
        tx.commit();
        if (!cohort) return Error::not_found("no such cohort");
        return *cohort;
      });
}

boost::asio::awaitable<Result<store::Cohort>> JourneyRecords::update_cohort(
    auth::Principal who, std::int64_t id, int expected_version, CohortDraft d, std::string request_id) {
  std::vector<FieldError> errors;
  check_cohort(d, errors);
  if (!errors.empty()) co_return Error::invalid("the cohort cannot be changed as given", std::move(errors));
  co_return co_await db_.run<store::Cohort>([&](soci::session& sql) -> Result<store::Cohort> {
    soci::transaction tx(sql);
    store::set_principal(sql, who);
    auto current = store::find_cohort(sql, id);
    if (!current) return Error::not_found("no such cohort");
    const auto decision = auth::decide(who, Action::update, scope_of(Resource::cohort, current->mission_id));
    if (!decision.allowed()) {
      auto entry = audit_entry(who, "cohort.update", "cohort", std::to_string(id), request_id, false);
      entry.details = {{"reason", decision.reason}};
      store::append_audit(sql, entry);
      tx.commit();
      return refusal_error(decision);
    }
    if (current->version != expected_version) {
      return Error::stale("the cohort changed since you loaded it (now version " +
                          std::to_string(current->version) + "); reload and apply your change again");
    }
    store::Cohort changed{id,         current->mission_id, d.name,  d.released_on,   d.country,
                          d.locality, d.partners,          d.notes, current->version};
    if (!store::update_cohort(sql, changed, expected_version)) {
      return Error::stale("the cohort changed meanwhile; reload");
    }
    auto after = *store::find_cohort(sql, id);
    store::append_event(sql,
                        cohort_event("cohort.updated", id, after.mission_id,
                                     {{"id", id}, {"name", after.name}, {"version", after.version}}, who));
    store::append_audit(sql, audit_entry(who, "cohort.update", "cohort", std::to_string(id), request_id));
    tx.commit();
    return after;
  });
}

boost::asio::awaitable<Result<Board>> JourneyRecords::board(auth::Principal who, std::int64_t cohort_id,
                                                            std::string request_id) {
  co_return co_await run_authorised<Board>(
      db_, who, Action::read, scope_of(Resource::cohort, std::nullopt, true), std::to_string(cohort_id),
      request_id, [&](soci::session& sql) -> Result<Board> {
        soci::transaction tx(sql);
        sql << "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ";  // counts, cards and as_of from one
                                                                   // snapshot
        store::set_principal(sql, who);
        auto cohort = store::find_cohort(sql, cohort_id);
        if (!cohort) return Error::not_found("no such cohort");
        Board board{*cohort, store::stage_counts(sql, cohort_id), {}, store::latest_event_seq(sql)};
        store::PeopleFilter filter;
        filter.cohort_id = cohort_id;
        filter.limit = 1000;
        board.people = store::list_people(sql, filter);
        auto entry = audit_entry(who, "cohort.board", "cohort", std::to_string(cohort_id), request_id);
        entry.details = {{"people", board.people.size()}};
        store::append_audit(sql, entry);
        tx.commit();
        return board;
      });
}

boost::asio::awaitable<Result<PersonView>> JourneyRecords::create_person(
    auth::Principal who, std::optional<std::int64_t> mission_id, PersonDraft draft, bool allow_similar,
    std::string request_id) {
  auto errors = validate_person(draft, today_utc(std::chrono::system_clock::now()));
  const auto decision = auth::decide(
      who, Action::create,
      scope_of(Resource::person, who.role == auth::Role::embassy_officer ? who.mission_id : mission_id,
               !mission_id));
  if (!decision.allowed())
    co_return co_await refuse(db_, who, decision, Action::create, Resource::person, std::nullopt, request_id);
  if (!errors.empty()) co_return Error::invalid("the person cannot be recorded as given", std::move(errors));

  co_return co_await db_.run<PersonView>([&](soci::session& sql) -> Result<PersonView> {
    soci::transaction tx(sql);
    store::set_principal(sql, who);
    // The mission follows the cohort, the officer's mission, or the one given (ministry officers).
    std::optional<std::int64_t> mission =
        who.role == auth::Role::embassy_officer ? who.mission_id : mission_id;
    if (draft.cohort_id) {
      auto cohort = store::find_cohort(sql, *draft.cohort_id);
      if (!cohort) return Error::invalid("no such cohort", {{"/cohort_id", "no such cohort in your scope"}});
      if (mission && *mission != cohort->mission_id) {
        return Error::invalid("the cohort is another mission's",
                              {{"/mission_id", "must be the cohort's mission"}});
      }
      mission = cohort->mission_id;
    }
    if (!mission)
      return Error::invalid("say which mission handles the person", {{"/mission_id", "is required"}});

    const nlohmann::json fields = fields_of(draft);
    store::NewPerson person{*mission, fields, std::nullopt, std::nullopt};
    std::optional<std::string> number;
    if (draft.document_number) {
      number = normalise_document_number(*draft.document_number);
      person.document = keyring_.seal(*number, document_binding(*mission));
      person.document_index = keyring_.blind_index(*number);
    }
    // A close match (similar name, same date of birth) is shown to the officer to decide, unless they have.
    if (!allow_similar) {
      auto candidates =
          store::similar_people(sql, draft.given_name + " " + draft.family_name, draft.date_of_birth);
      if (!candidates.empty()) {
        return Error{ErrorKind::possible_duplicate,
                     "people with a similar name and the same date of birth are on record; check them, and "
                     "send again with allow_similar=true if this is someone else",
                     {},
                     std::move(candidates)};
      }
    }
    auto id = store::insert_person(sql, person);
    if (!id) {
      if (id.error().kind != ErrorKind::conflict) return id.error();
      // A duplicate: name the existing record only to those who may see it.
      tx.rollback();
      soci::transaction lookup(sql);
      store::set_principal(sql, who);
      const auto existing = store::visible_person_with_document(sql, *person.document_index);
      if (existing) {
        lookup.commit();
        return Error::conflict(
            "a person with this document number is on record as person " + std::to_string(*existing),
            {*existing});
      }
      // Outside the caller's scope: the caller learns only that a record exists, and the pair goes to the
      // ministry desk to reconcile.
      const auto flag = store::flag_duplicate(
          sql,
          {*person.document_index,
           who.user_id,
           who.mission_id,
           {{"given_name", draft.given_name},
            {"family_name", draft.family_name},
            {"date_of_birth", draft.date_of_birth ? nlohmann::json(*draft.date_of_birth) : nlohmann::json()},
            {"nationality", draft.nationality}}});
      auto entry =
          audit_entry(who, "person.duplicate_flagged", "duplicate_flag", std::to_string(flag), request_id);
      store::append_audit(sql, entry);
      lookup.commit();
      return Error::conflict(
          "a person with this document number is on record outside your scope; the ministry desk has been "
          "asked to reconcile the two");
    }
    auto row = *store::find_person(sql, *id);
    store::add_journey_step(sql, {0, row.id, "entered", std::nullopt, draft.stage, false, std::nullopt, "",
                                  "", who.user_id ? std::optional<std::int64_t>(who.user_id) : std::nullopt,
                                  log::utc_timestamp(0), ""});
    store::append_event(sql, person_event(sql, "person.created", row, card_of(row), who));
    store::append_audit(sql, audit_entry(who, "person.create", "person", std::to_string(row.id), request_id));
    tx.commit();
    return PersonView{row, number, {}, {}};
  });
}

boost::asio::awaitable<Result<PersonView>> JourneyRecords::person(auth::Principal who, std::int64_t id,
                                                                  std::string request_id) {
  co_return co_await db_.run<PersonView>([&](soci::session& sql) -> Result<PersonView> {
    soci::transaction tx(sql);
    store::set_principal(sql, who);
    auto row = store::find_person(sql, id);
    if (!row) {
      auto error = not_visible(sql, who, "person.read", id, request_id);
      tx.commit();
      return error;
    }
    const auto decision = auth::decide(who, Action::read, person_scope(sql, who, *row, Resource::person));
    if (!decision.allowed()) {
      auto entry = audit_entry(who, "person.read", "person", std::to_string(id), request_id, false);
      entry.details = {{"reason", decision.reason}};
      store::append_audit(sql, entry);
      tx.commit();
      return refusal_error(decision);
    }
    PersonView view{*row, std::nullopt, store::consent_in_force(sql, id), {}};
    if (row->document) {
      auto opened = keyring_.open(*row->document, document_binding(row->mission_id));
      if (opened) view.document_number = *opened;
    }
    view.cases = store::case_links_of_person(sql, id);
    minimise(who, view.row);
    store::append_audit(sql, audit_entry(who, "person.read", "person", std::to_string(id), request_id));
    tx.commit();
    return view;
  });
}

boost::asio::awaitable<Result<PersonView>> JourneyRecords::update_person(auth::Principal who, std::int64_t id,
                                                                         int expected_version,
                                                                         PersonDraft draft,
                                                                         std::string request_id) {
  auto errors = validate_person(draft, today_utc(std::chrono::system_clock::now()));
  if (!errors.empty()) co_return Error::invalid("the person cannot be recorded as given", std::move(errors));
  co_return co_await db_.run<PersonView>([&](soci::session& sql) -> Result<PersonView> {
    soci::transaction tx(sql);
    store::set_principal(sql, who);
    auto row = store::find_person(sql, id, true);
    if (!row) {
      auto error = not_visible(sql, who, "person.update", id, request_id);
      tx.commit();
      return error;
    }
    const auto decision = auth::decide(who, Action::update, person_scope(sql, who, *row, Resource::person));
    if (!decision.allowed()) {
      auto entry = audit_entry(who, "person.update", "person", std::to_string(id), request_id, false);
      entry.details = {{"reason", decision.reason}};
      store::append_audit(sql, entry);
      tx.commit();
      return refusal_error(decision);
    }
    if (row->version != expected_version) {
      return Error::stale("the record changed since you loaded it (you had version " +
                          std::to_string(expected_version) + ", it is now " + std::to_string(row->version) +
                          "); reload and apply your change again");
    }
    store::NewPerson person{row->mission_id, fields_of(draft), std::nullopt, std::nullopt};
    std::optional<std::string> number;
    if (draft.document_number) {
      number = normalise_document_number(*draft.document_number);
      person.document = keyring_.seal(*number, document_binding(row->mission_id));
      person.document_index = keyring_.blind_index(*number);
    }
    auto updated = store::update_person(sql, id, expected_version, person, draft.document_number.has_value());
    if (!updated) return updated.error();
    if (!*updated) return Error::stale("the record changed meanwhile; reload");
    auto after = *store::find_person(sql, id);
    store::append_event(sql, person_event(sql, "person.updated", after, card_of(after), who));
    store::append_audit(sql, audit_entry(who, "person.update", "person", std::to_string(id), request_id));
    PersonView view{after, number, store::consent_in_force(sql, id), {}};
    if (!number && after.document) {
      auto opened = keyring_.open(*after.document, document_binding(after.mission_id));
      if (opened) view.document_number = *opened;
    }
    tx.commit();
    return view;
  });
}

boost::asio::awaitable<Result<std::vector<store::PersonRow>>> JourneyRecords::people(
    auth::Principal who, store::PeopleFilter filter, std::string request_id) {
  co_return co_await run_authorised<std::vector<store::PersonRow>>(
      db_, who, Action::list, scope_of(Resource::person, std::nullopt, true), std::nullopt, request_id,
      [&](soci::session& sql) -> Result<std::vector<store::PersonRow>> {
        soci::transaction tx(sql);
        store::set_principal(sql, who);
        auto rows = matching_people(sql, keyring_, filter);
        audit_shown(sql, who, "person.list", rows, request_id);
        tx.commit();
        return rows;
      });
}

boost::asio::awaitable<Result<std::vector<store::PersonRow>>> JourneyRecords::export_people(
    auth::Principal who, store::PeopleFilter filter, std::string request_id) {
  // One more than the bound tells "too many" from "exactly the bound" without counting every match.
  filter.after_id = 0;
  filter.after_name.reset();
  filter.limit = kMaxExport + 1;
  co_return co_await run_authorised<std::vector<store::PersonRow>>(
      db_, who, Action::export_records, scope_of(Resource::person, std::nullopt, true), std::nullopt,
      request_id, [&](soci::session& sql) -> Result<std::vector<store::PersonRow>> {
        soci::transaction tx(sql);
        store::set_principal(sql, who);
        auto rows = matching_people(sql, keyring_, filter);
        if (rows.size() > static_cast<std::size_t>(kMaxExport)) {
          // Nothing leaves, so there is nothing to audit; the transaction rolls back.
          const std::string bound = std::to_string(kMaxExport);
          return Error::invalid("more than " + bound + " people match; narrow the filters and export again",
                                {{"limit", "at most " + bound + " people per export; narrow the filters"}});
        }
        audit_shown(sql, who, "person.export", rows, request_id);
        tx.commit();
        return rows;
      });
}

boost::asio::awaitable<Result<TransitionDone>> JourneyRecords::transition(auth::Principal who,
                                                                          std::int64_t id,
                                                                          TransitionInput input,
                                                                          std::string request_id) {
  std::vector<FieldError> errors;
  if (auto p = text_problem(input.note, 4000, false, true)) errors.push_back({"/note", *p});
  if (input.occurred_at && !is_rfc3339_time(*input.occurred_at)) {
    errors.push_back({"/occurred_at", "an RFC 3339 time, e.g. 2025-02-20T08:30:00Z"});
  }
  if (!errors.empty())
    co_return Error::invalid("the transition cannot be recorded as given", std::move(errors));

  co_return co_await db_.run<TransitionDone>([&](soci::session& sql) -> Result<TransitionDone> {
    soci::transaction tx(sql);
    store::set_principal(sql, who);
    if (input.occurred_at && store::is_future(sql, *input.occurred_at))
      return Error::invalid("it cannot have happened yet", {{"/occurred_at", "must not be in the future"}});
    auto row = store::find_person(sql, id, true);
    if (!row) {
      auto error = not_visible(sql, who, "person.transition", id, request_id);
      tx.commit();
      return error;
    }
    const auto decision =
        auth::decide(who, Action::transition, person_scope(sql, who, *row, Resource::person));
    if (!decision.allowed()) {
      auto entry = audit_entry(who, "person.transition", "person", std::to_string(id), request_id, false);
      entry.details = {{"reason", decision.reason}};
      store::append_audit(sql, entry);
      tx.commit();
      return refusal_error(decision);
    }
    auto plan = plan_transition({row->stage, row->on_hold}, input.request, mover_of(who));
    if (!plan) return plan.error();
    std::optional<std::string> hold_reason;
    if (plan->kind == TransitionKind::hold) hold_reason = std::string(to_string(*input.request.hold_reason));
    const bool moved = plan->after.stage != row->stage;
    const std::string occurred = input.occurred_at.value_or(log::utc_timestamp(0));
    const store::JourneyStep step{0,
                                  id,
                                  std::string(to_string(plan->kind)),
                                  std::string(to_string(row->stage)),
                                  std::string(to_string(plan->after.stage)),
                                  plan->after.on_hold,
                                  hold_reason,
                                  input.request.reason,
                                  input.note,
                                  who.user_id ? std::optional<std::int64_t>(who.user_id) : std::nullopt,
                                  occurred,
                                  ""};
    if (!store::move_person(sql, row->version, step))
      return Error::conflict("the person was changed meanwhile; reload and try again");
    // The record as the update left it, without reading it again (one statement less on the busiest path).
    store::PersonRow after = *row;
    after.stage = plan->after.stage;
    after.on_hold = plan->after.on_hold;
    after.version = row->version + 1;
    after.fields["hold_reason"] = hold_reason ? nlohmann::json(*hold_reason) : nlohmann::json();
    if (moved) {
      after.days_in_stage = 0;
      after.fields["stage_since"] = log::utc_timestamp(0);
    }
    nlohmann::json payload = card_of(after);
    payload["from"] = to_string(row->stage);
    payload["kind"] = to_string(plan->kind);
    store::append_event(sql, person_event(sql, "person.transitioned", after, payload, who));
    auto entry = audit_entry(who, "person.transition", "person", std::to_string(id), request_id);
    entry.details = {
        {"kind", to_string(plan->kind)}, {"from", to_string(row->stage)}, {"to", to_string(after.stage)}};
    store::append_audit(sql, entry);
    tx.commit();
    return TransitionDone{plan->kind, after};
  });
}

boost::asio::awaitable<Result<ConsentView>> JourneyRecords::record_consent(auth::Principal who,
                                                                           std::int64_t person_id,
                                                                           ConsentInput input,
                                                                           std::string request_id) {
  std::vector<FieldError> errors;
  static const std::vector<std::string> kPurposes{"prosecution", "family_contact", "partner_referral",
                                                  "statistics"};
  if (std::find(kPurposes.begin(), kPurposes.end(), input.purpose) == kPurposes.end()) {
    errors.push_back({"/purpose", "prosecution, family_contact, partner_referral or statistics"});
  }
  if (input.status != "granted" && input.status != "refused" && input.status != "withdrawn") {
    errors.push_back({"/status", "granted, refused or withdrawn"});
  }
  if (input.method != "verbal" && input.method != "written")
    errors.push_back({"/method", "verbal or written"});
  if (auto p = text_problem(input.note, 2000, false, true)) errors.push_back({"/note", *p});
  if (!errors.empty()) co_return Error::invalid("the consent cannot be recorded as given", std::move(errors));

  co_return co_await db_.run<ConsentView>([&](soci::session& sql) -> Result<ConsentView> {
    soci::transaction tx(sql);
    store::set_principal(sql, who);
    auto row = store::find_person(sql, person_id, true);
    if (!row) {
      auto error = not_visible(sql, who, "consent.record", person_id, request_id);
      tx.commit();
      return error;
    }
    const auto decision =
        auth::decide(who, Action::record_consent, person_scope(sql, who, *row, Resource::consent));
    if (!decision.allowed()) {
      auto entry = audit_entry(who, "consent.record", "person", std::to_string(person_id), request_id, false);
      entry.details = {{"reason", decision.reason}};
      store::append_audit(sql, entry);
      tx.commit();
      return refusal_error(decision);
    }
    const auto before = store::consent_in_force(sql, person_id);
    if (input.status == "withdrawn") {
      auto it = before.find(input.purpose);
      if (it == before.end() || it->second != "granted") {
        return Error::invalid("only a granted consent can be withdrawn",
                              {{"/status", "consent to " + input.purpose + " is not granted now"}});
      }
    }
    store::add_consent(sql, {0, person_id, input.purpose, input.status, input.method, input.note,
                             who.user_id ? std::optional<std::int64_t>(who.user_id) : std::nullopt, ""});
    nlohmann::json payload = card_of(*row);
    payload["purpose"] = input.purpose;
    payload["status"] = input.status;
    auto event = person_event(sql, "consent.recorded", *row, payload, who);
    if (input.purpose == "prosecution") {
      // The prosecution's view of the person opens or closes with this commit: the event says so as it
      // is now, and each linked case hears that its victims changed (ids only), so that an open case page
      // drops the person at once.
      event.prosecution_consent = input.status == "granted";
      for (auto case_id : event.case_ids) {
        store::NewEvent changed;
        changed.type = "case.victims_changed";
        changed.topics = {"case:" + std::to_string(case_id)};
        changed.case_ids = {case_id};
        changed.prosecutor_ids = store::prosecutors_of_case(sql, case_id);
        changed.payload = {
            {"case_id", case_id}, {"person_id", person_id}, {"open", event.prosecution_consent}};
        if (who.user_id) changed.actor_id = who.user_id;
        store::append_event(sql, changed);
      }
    }
    store::append_event(sql, event);
    auto entry = audit_entry(who, "consent.record", "person", std::to_string(person_id), request_id);
    entry.details = {{"purpose", input.purpose}, {"status", input.status}, {"method", input.method}};
    store::append_audit(sql, entry);
    ConsentView view{store::consent_in_force(sql, person_id), store::consent_history(sql, person_id)};
    tx.commit();
    return view;
  });
}

boost::asio::awaitable<Result<ConsentView>> JourneyRecords::consents(auth::Principal who,
                                                                     std::int64_t person_id,
                                                                     std::string request_id) {
  co_return co_await db_.run<ConsentView>([&](soci::session& sql) -> Result<ConsentView> {
    soci::transaction tx(sql);
    store::set_principal(sql, who);
    auto row = store::find_person(sql, person_id);
    if (!row) {
      auto error = not_visible(sql, who, "consent.read", person_id, request_id);
      tx.commit();
      return error;
    }
    const auto decision = auth::decide(who, Action::read, person_scope(sql, who, *row, Resource::consent));
    if (!decision.allowed()) {
      auto entry = audit_entry(who, "consent.read", "person", std::to_string(person_id), request_id, false);
      entry.details = {{"reason", decision.reason}};
      store::append_audit(sql, entry);
      tx.commit();
      return refusal_error(decision);
    }
    ConsentView view{store::consent_in_force(sql, person_id), store::consent_history(sql, person_id)};
    // Prosecutors see what was decided and when; the notes stay with the officers who took them.
    if (who.role == auth::Role::prosecutor)
      for (auto& record : view.history) record.note.clear();
    store::append_audit(sql,
                        audit_entry(who, "consent.read", "person", std::to_string(person_id), request_id));
    tx.commit();
    return view;
  });
}

boost::asio::awaitable<Result<std::vector<store::JourneyStep>>> JourneyRecords::timeline(
    auth::Principal who, std::int64_t id, std::string request_id) {
  co_return co_await db_.run<std::vector<store::JourneyStep>>(
      [&](soci::session& sql) -> Result<std::vector<store::JourneyStep>> {
        soci::transaction tx(sql);
        store::set_principal(sql, who);
        auto row = store::find_person(sql, id);
        if (!row) {
          auto error = not_visible(sql, who, "person.timeline", id, request_id);
          tx.commit();
          return error;
        }
        const auto decision = auth::decide(who, Action::read, person_scope(sql, who, *row, Resource::person));
        if (!decision.allowed()) {
          auto entry = audit_entry(who, "person.timeline", "person", std::to_string(id), request_id, false);
          entry.details = {{"reason", decision.reason}};
          store::append_audit(sql, entry);
          tx.commit();
          return refusal_error(decision);
        }
        auto steps = store::journey_of(sql, id);
        // Prosecutors see the journey's dates; notes and reasons are the officers' working record.
        if (who.role == auth::Role::prosecutor) {
          for (auto& step : steps) {
            step.note.clear();
            step.reason.clear();
          }
        }
        store::append_audit(sql,
                            audit_entry(who, "person.timeline", "person", std::to_string(id), request_id));
        tx.commit();
        return steps;
      });
}

}  // namespace rudi::service
