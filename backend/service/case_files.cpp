#include "service/case_files.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <set>

#include "auth/access_policy.hpp"
#include "domain/prosecution_track.hpp"
#include "log/log.hpp"
#include "service/audit_trail.hpp"
#include "service/authorised.hpp"
#include "store/audit_repository.hpp"
#include "store/database_clock.hpp"
#include "store/event_log.hpp"
#include "store/person_repository.hpp"
#include "store/principal_scope.hpp"

namespace rudi::service {
namespace {
using auth::Action;
using auth::Resource;

auth::ResourceScope case_scope(const store::CaseRecord& c) {
  return {Resource::case_file, std::nullopt, c.prosecutors, false, false};
}

std::optional<std::int64_t> actor_of(const auth::Principal& who) {
  return who.user_id ? std::optional<std::int64_t>(who.user_id) : std::nullopt;
}

// Events about a case go to its topic only; their payloads carry ids and states, never names.
store::NewEvent case_event(soci::session& sql, std::string type, std::int64_t case_id, nlohmann::json payload,
                           const auth::Principal& who) {
  store::NewEvent e;
  e.prosecutor_ids = store::prosecutors_of_case(sql, case_id);
  e.type = std::move(type);
  e.topics = {"case:" + std::to_string(case_id)};
  e.payload = std::move(payload);
  e.actor_id = actor_of(who);
  e.case_ids = {case_id};
  return e;
}

// Opens a case for an act: "not found" when the caller cannot see it, the policy's refusal when it may
// see but not do this; both recorded in the audit log (the caller commits and returns the error).
Result<store::CaseRecord> open_case(soci::session& sql, const auth::Principal& who, std::int64_t id,
                                    Action action, const std::string& audit_action,
                                    const std::string& request_id, bool for_update) {
  // Visibility and the decision first, the lock after: a reader's policy does not cover SELECT FOR UPDATE,
  // and a reader refused a write should hear 403, not 404.
  auto found = store::find_case(sql, id);
  if (!found) {
    auto entry = audit_entry(who, audit_action, "case", std::to_string(id), request_id, false);
    entry.details = {{"reason", "not found in the caller's scope"}};
    store::append_audit(sql, entry);
    return Error::not_found("no such case");
  }
  const auto decision = auth::decide(who, action, case_scope(*found));
  if (!decision.allowed()) {
    auto entry = audit_entry(who, audit_action, "case", std::to_string(id), request_id, false);
    entry.details = {{"reason", decision.reason}};
    store::append_audit(sql, entry);
    return refusal_error(decision);
  }
  if (for_update) return *store::find_case(sql, id, true);
  return *found;
}

// A refusal of something the caller cannot see, in the audit log like every other refusal.
Error refused_unseen(soci::session& sql, const auth::Principal& who, const std::string& action,
                     const std::string& entity, std::int64_t id, const std::string& request_id,
                     std::string detail) {
  auto entry = audit_entry(who, action, entity, std::to_string(id), request_id, false);
  entry.details = {{"reason", "not found in the caller's scope"}};
  store::append_audit(sql, entry);
  return Error::not_found(std::move(detail));
}

std::vector<std::int64_t> with_creator(std::vector<std::int64_t> ids, std::int64_t creator) {
  ids.push_back(creator);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::optional<FieldError> prosecutors_problem(soci::session& sql, const std::vector<std::int64_t>& ids) {
  if (ids.size() > 20) return FieldError{"/prosecutors", "at most 20 prosecutors"};
  const auto wrong = store::not_prosecutors(sql, ids);
  if (!wrong.empty())
    return FieldError{"/prosecutors",
                      "user " + std::to_string(wrong.front()) + " is not an active prosecutor"};
  return std::nullopt;
}

// Victims named by a suspect must be linked to the suspect's case.
std::vector<FieldError> namings_problems(soci::session& sql, std::int64_t case_id, const SuspectDraft& d) {
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < d.named_by.size(); ++i) {
    // Linked and visible to the caller (consenting): one answer for every other case, so that the check
    // says nothing about a person the caller may not see.
    if (!store::active_link(sql, case_id, d.named_by[i]) || !store::find_person(sql, d.named_by[i]))
      errors.push_back({"/named_by/" + std::to_string(i), "not a victim linked to this case"});
  }
  return errors;
}

CaseView view_of(soci::session& sql, store::CaseRecord record) {
  CaseView view{std::move(record), {}, {}};
  view.victims = store::visible_links(sql, view.record.id);
  view.suspects = store::suspects_of_case(sql, view.record.id);
  return view;
}

std::vector<TrackStep> steps_of(const std::vector<store::TrackEntry>& entries) {
  std::vector<TrackStep> steps;
  for (const auto& e : entries)
    if (auto s = track_step_from(e.step)) steps.push_back(*s);
  return steps;
}

}  // namespace

boost::asio::awaitable<Result<CaseView>> CaseFiles::create_case(auth::Principal who, CaseDraft draft,
                                                                std::vector<std::int64_t> prosecutors,
                                                                std::string request_id) {
  auto errors = validate_case(draft);
  auto decision = auth::decide(who, Action::create, {Resource::case_file, std::nullopt, {}, false, true});
  // Cases as a kind exist for everyone: refusing to create one hides nothing.
  if (decision.outcome == auth::Outcome::hidden) decision.outcome = auth::Outcome::refused;
  if (!decision.allowed())
    co_return co_await refuse(db_, who, decision, Action::create, Resource::case_file, std::nullopt,
                              request_id);
  if (!errors.empty()) co_return Error::invalid("the case cannot be recorded as given", std::move(errors));
  co_return co_await db_.run<CaseView>([&](soci::session& sql) -> Result<CaseView> {
    soci::transaction tx(sql);
    store::set_principal(sql, who);
    const auto assigned = with_creator(prosecutors, who.user_id);
    if (auto problem = prosecutors_problem(sql, assigned))
      return Error::invalid("the case cannot be recorded as given", {*problem});
    const auto id = store::next_case_id(sql);
    auto added = store::insert_case(sql, id, draft, who.user_id);
    if (!added) return added.error();
    store::assign_prosecutors(sql, id, assigned);
    auto record = *store::find_case(sql, id);
    store::append_event(sql,
                        case_event(sql, "case.created", id, {{"id", id}, {"status", draft.status}}, who));
    store::append_audit(sql, audit_entry(who, "case.create", "case", std::to_string(id), request_id));
    tx.commit();
    return CaseView{std::move(record), {}, {}};
  });
}

boost::asio::awaitable<Result<std::vector<store::CaseRecord>>> CaseFiles::cases(auth::Principal who,
                                                                                std::int64_t before_id,
                                                                                int limit,
                                                                                std::string request_id) {
  co_return co_await run_authorised<std::vector<store::CaseRecord>>(
      db_, who, Action::list, {Resource::case_file, std::nullopt, {}, false, true}, std::nullopt, request_id,
      [&](soci::session& sql) -> Result<std::vector<store::CaseRecord>> {
        soci::transaction tx(sql);
        store::set_principal(sql, who);
        auto cases = store::list_cases(sql, before_id, std::clamp(limit, 1, 200));
        store::append_audit(sql, audit_entry(who, "case.list", "case", std::nullopt, request_id));
        tx.commit();
        return cases;
      });
}

boost::asio::awaitable<Result<CaseView>> CaseFiles::case_file(auth::Principal who, std::int64_t id,
                                                              std::string request_id) {
  co_return co_await db_.run<CaseView>([&](soci::session& sql) -> Result<CaseView> {
    soci::transaction tx(sql);
    store::set_principal(sql, who);
    auto record = open_case(sql, who, id, Action::read, "case.read", request_id, false);
    if (!record) {
      tx.commit();
      return record.error();
    }
    auto view = view_of(sql, std::move(*record));
    store::append_audit(sql, audit_entry(who, "case.read", "case", std::to_string(id), request_id));
    tx.commit();
    return view;
  });
}

boost::asio::awaitable<Result<CaseView>> CaseFiles::update_case(
    auth::Principal who, std::int64_t id, int expected_version, CaseDraft draft,
    std::optional<std::vector<std::int64_t>> prosecutors, std::string request_id) {
  auto errors = validate_case(draft);
  if (prosecutors && prosecutors->empty())
    errors.push_back({"/prosecutors", "a case needs at least one prosecutor"});
  if (!errors.empty()) co_return Error::invalid("the case cannot be changed as given", std::move(errors));
  co_return co_await db_.run<CaseView>([&](soci::session& sql) -> Result<CaseView> {
    soci::transaction tx(sql);
    store::set_principal(sql, who);
    auto current = open_case(sql, who, id, Action::update, "case.update", request_id, true);
    if (!current) {
      tx.commit();
      return current.error();
    }
    if (current->version != expected_version) {
      return Error::stale("the case changed since you loaded it (now version " +
                          std::to_string(current->version) + "); reload and apply your change again");
    }
    if (prosecutors) {
      if (auto problem = prosecutors_problem(sql, *prosecutors))
        return Error::invalid("the case cannot be changed as given", {*problem});
    }
    auto updated = store::update_case(sql, id, expected_version, draft);
    if (!updated) return updated.error();
    if (!*updated) return Error::stale("the case changed meanwhile; reload");
    if (prosecutors) store::assign_prosecutors(sql, id, *prosecutors);
    // A prosecutor who takes themselves off the case no longer sees it: answer with what they sent.
    auto after = store::find_case(sql, id);
    store::append_event(
        sql, case_event(sql, "case.updated", id,
                        {{"id", id}, {"status", draft.status}, {"version", expected_version + 1}}, who));
    store::append_audit(sql, audit_entry(who, "case.update", "case", std::to_string(id), request_id));
    CaseView view = after ? view_of(sql, std::move(*after))
                          : CaseView{{id, draft, prosecutors.value_or(current->prosecutors),
                                      expected_version + 1, current->created_at},
                                     {},
                                     {}};
    tx.commit();
    return view;
  });
}

boost::asio::awaitable<Result<store::SuspectRecord>> CaseFiles::add_suspect(auth::Principal who,
                                                                            std::int64_t case_id,
                                                                            SuspectDraft draft,
                                                                            std::string request_id) {
  auto errors = validate_suspect(draft);
  if (!errors.empty()) co_return Error::invalid("the suspect cannot be recorded as given", std::move(errors));
  co_return co_await db_.run<store::SuspectRecord>([&](soci::session& sql) -> Result<store::SuspectRecord> {
    soci::transaction tx(sql);
    store::set_principal(sql, who);
    auto record = open_case(sql, who, case_id, Action::update, "suspect.create", request_id, false);
    if (!record) {
      tx.commit();
      return record.error();
    }
    auto problems = namings_problems(sql, case_id, draft);
    if (!problems.empty())
      return Error::invalid("the suspect cannot be recorded as given", std::move(problems));
    const auto id = store::add_suspect(sql, case_id, draft);
    store::append_event(
        sql, case_event(sql, "suspect.created", case_id,
                        {{"id", id}, {"case_id", case_id}, {"recruiter", is_recruiter(draft)}}, who));
    store::append_audit(sql, audit_entry(who, "suspect.create", "suspect", std::to_string(id), request_id));
    auto added = *store::find_suspect(sql, id);
    tx.commit();
    return added;
  });
}

boost::asio::awaitable<Result<store::SuspectRecord>> CaseFiles::suspect(auth::Principal who, std::int64_t id,
                                                                        std::string request_id) {
  co_return co_await db_.run<store::SuspectRecord>([&](soci::session& sql) -> Result<store::SuspectRecord> {
    soci::transaction tx(sql);
    store::set_principal(sql, who);
    auto found = store::find_suspect(sql, id);
    if (!found) {
      auto entry = audit_entry(who, "suspect.read", "suspect", std::to_string(id), request_id, false);
      entry.details = {{"reason", "not found in the caller's scope"}};
      store::append_audit(sql, entry);
      tx.commit();
      return Error::not_found("no such suspect");
    }
    auto record = open_case(sql, who, found->case_id, Action::read, "suspect.read", request_id, false);
    if (!record) {
      tx.commit();
      return record.error();
    }
    store::append_audit(sql, audit_entry(who, "suspect.read", "suspect", std::to_string(id), request_id));
    tx.commit();
    return *found;
  });
}

boost::asio::awaitable<Result<store::SuspectRecord>> CaseFiles::update_suspect(
    auth::Principal who, std::int64_t id, int expected_version, SuspectDraft draft, std::string request_id) {
  auto errors = validate_suspect(draft);
  if (!errors.empty()) co_return Error::invalid("the suspect cannot be changed as given", std::move(errors));
  co_return co_await db_.run<store::SuspectRecord>([&](soci::session& sql) -> Result<store::SuspectRecord> {
    soci::transaction tx(sql);
    store::set_principal(sql, who);
    auto found = store::find_suspect(sql, id, true);
    if (!found) {
      auto error = refused_unseen(sql, who, "suspect.update", "suspect", id, request_id, "no such suspect");
      tx.commit();
      return error;
    }
    auto record = open_case(sql, who, found->case_id, Action::update, "suspect.update", request_id, false);
    if (!record) {
      tx.commit();
      return record.error();
    }
    if (found->version != expected_version) {
      return Error::stale("the suspect's record changed since you loaded it (now version " +
                          std::to_string(found->version) + "); reload and apply your change again");
    }
    auto problems = namings_problems(sql, found->case_id, draft);
    if (!problems.empty())
      return Error::invalid("the suspect cannot be changed as given", std::move(problems));
    if (!store::update_suspect(sql, id, expected_version, draft))
      return Error::stale("the suspect's record changed meanwhile; reload");
    store::append_event(
        sql, case_event(sql, "suspect.updated", found->case_id,
                        {{"id", id}, {"case_id", found->case_id}, {"version", expected_version + 1}}, who));
    store::append_audit(sql, audit_entry(who, "suspect.update", "suspect", std::to_string(id), request_id));
    auto after = *store::find_suspect(sql, id);
    tx.commit();
    return after;
  });
}

boost::asio::awaitable<Result<AlsoNamed>> CaseFiles::also_named(auth::Principal who, std::int64_t suspect_id,
                                                                std::string request_id) {
  co_return co_await db_.run<AlsoNamed>([&](soci::session& sql) -> Result<AlsoNamed> {
    soci::transaction tx(sql);
    sql << "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ";  // counts and matches from one snapshot
    store::set_principal(sql, who);
    auto found = store::find_suspect(sql, suspect_id);
    if (!found) {
      auto entry =
          audit_entry(who, "suspect.also_named", "suspect", std::to_string(suspect_id), request_id, false);
      entry.details = {{"reason", "not found in the caller's scope"}};
      store::append_audit(sql, entry);
      tx.commit();
      return Error::not_found("no such suspect");
    }
    auto record = open_case(sql, who, found->case_id, Action::read, "suspect.also_named", request_id, false);
    if (!record) {
      tx.commit();
      return record.error();
    }
    AlsoNamed answer{*found, store::visible_matches(sql, suspect_id), 0, 0, 0, 0};
    std::set<std::int64_t> victims(found->fields.named_by.begin(), found->fields.named_by.end());
    std::set<std::int64_t> cases{found->case_id};
    for (const auto& m : answer.matches) {
      victims.insert(m.named_by.begin(), m.named_by.end());
      cases.insert(m.case_id);
    }
    const auto reach = store::reach_of(sql, suspect_id);
    answer.visible_victims = static_cast<std::int64_t>(victims.size());
    answer.visible_cases = static_cast<std::int64_t>(cases.size());
    answer.victims_beyond = std::max<std::int64_t>(0, reach.victims - answer.visible_victims);
    answer.cases_beyond = std::max<std::int64_t>(0, reach.cases - answer.visible_cases);
    auto entry = audit_entry(who, "suspect.also_named", "suspect", std::to_string(suspect_id), request_id);
    entry.details = {{"matches", answer.matches.size()}};
    store::append_audit(sql, entry);
    tx.commit();
    return answer;
  });
}

boost::asio::awaitable<Result<store::VictimLink>> CaseFiles::link_victim(auth::Principal who,
                                                                         std::int64_t case_id,
                                                                         LinkInput input,
                                                                         std::string request_id) {
  std::vector<FieldError> errors;
  if (input.role != "complainant" && input.role != "witness")
    errors.push_back({"/role", "complainant or witness"});
  if (auto p = text_problem(input.note, 4000, false, true)) errors.push_back({"/note", *p});
  if (!errors.empty()) co_return Error::invalid("the victim cannot be linked as given", std::move(errors));
  co_return co_await db_.run<store::VictimLink>([&](soci::session& sql) -> Result<store::VictimLink> {
    soci::transaction tx(sql);
    store::set_principal(sql, who);
    auto record = open_case(sql, who, case_id, Action::link, "case.link_victim", request_id, true);
    if (!record) {
      tx.commit();
      return record.error();
    }
    // The one thing a prosecutor learns about someone they cannot see yet: whether a person with this id
    // consents to the prosecution. Without that consent nobody is linked, and the refusal is audited.
    if (!store::open_to_prosecution(sql, input.person_id)) {
      auto entry = audit_entry(who, "case.link_victim", "case", std::to_string(case_id), request_id, false);
      entry.details = {{"person_id", input.person_id}, {"reason", "no granted prosecution consent"}};
      store::append_audit(sql, entry);
      tx.commit();
      return Error::invalid(
          "the victim cannot be linked without their consent to share with the prosecution",
          {{"/person_id",
            "no person with granted consent to the prosecution has this id; the ministry desk "
            "records consent"}});
    }
    if (store::active_link(sql, case_id, input.person_id))
      return Error::conflict("the person is linked to this case already");
    store::VictimLink link{case_id, input.person_id, input.role, ""};
    store::add_link(sql, link, who.user_id);
    const auto now = log::utc_timestamp(0);
    store::add_track_entry(sql, case_id, input.person_id,
                           {0, "linked", std::nullopt, input.note, actor_of(who), now, ""});
    auto person = store::find_person(sql, input.person_id);
    auto event =
        case_event(sql, "victim.linked", case_id,
                   {{"case_id", case_id}, {"person_id", input.person_id}, {"role", input.role}}, who);
    event.topics.push_back("person:" + std::to_string(input.person_id));
    event.person_id = input.person_id;
    if (person) {
      event.mission_id = person->mission_id;
      event.cohort_id = person->cohort_id;
    }
    event.case_ids = store::cases_of_person(sql, input.person_id);
    event.prosecution_consent = true;  // linking needs it
    store::append_event(sql, event);
    auto entry = audit_entry(who, "case.link_victim", "case", std::to_string(case_id), request_id);
    entry.details = {{"person_id", input.person_id}, {"role", input.role}};
    store::append_audit(sql, entry);
    auto linked = *store::active_link(sql, case_id, input.person_id);
    tx.commit();
    return linked;
  });
}

boost::asio::awaitable<Result<Unit>> CaseFiles::unlink_victim(auth::Principal who, std::int64_t case_id,
                                                              std::int64_t person_id, std::string reason,
                                                              std::string request_id) {
  if (auto p = text_problem(reason, 2000, true, true))
    co_return Error::invalid("say why the victim is unlinked", {{"/reason", *p}});
  co_return co_await db_.run<Unit>([&](soci::session& sql) -> Result<Unit> {
    soci::transaction tx(sql);
    store::set_principal(sql, who);
    auto record = open_case(sql, who, case_id, Action::link, "case.unlink_victim", request_id, true);
    if (!record) {
      tx.commit();
      return record.error();
    }
    const auto person = store::find_person(sql, person_id);  // before the link ends, while visible
    if (!store::end_link(sql, case_id, person_id, who.user_id, reason)) {
      auto error = refused_unseen(sql, who, "case.unlink_victim", "person", person_id, request_id,
                                  "the person is not linked to this case");
      tx.commit();
      return error;
    }
    auto event =
        case_event(sql, "victim.unlinked", case_id, {{"case_id", case_id}, {"person_id", person_id}}, who);
    event.topics.push_back("person:" + std::to_string(person_id));
    event.person_id = person_id;
    if (person) {
      event.mission_id = person->mission_id;
      event.cohort_id = person->cohort_id;
    }
    store::append_event(sql, event);
    auto entry = audit_entry(who, "case.unlink_victim", "case", std::to_string(case_id), request_id);
    entry.details = {{"person_id", person_id}};
    store::append_audit(sql, entry);
    tx.commit();
    return Unit{};
  });
}

boost::asio::awaitable<Result<std::vector<store::TrackEntry>>> CaseFiles::record_step(
    auth::Principal who, std::int64_t case_id, std::int64_t person_id, StepInput input,
    std::string request_id) {
  std::vector<FieldError> errors;
  const auto step = track_step_from(input.step);
  if (!step) errors.push_back({"/step", "statement_recorded, witness_prepared, testified or concluded"});
  if (auto p = text_problem(input.note, 4000, false, true)) errors.push_back({"/note", *p});
  if (input.occurred_at && !is_rfc3339_time(*input.occurred_at))
    errors.push_back({"/occurred_at", "an RFC 3339 time, e.g. 2025-03-14T09:00:00Z"});
  if (!errors.empty()) co_return Error::invalid("the step cannot be recorded as given", std::move(errors));
  co_return co_await db_.run<std::vector<store::TrackEntry>>([&](soci::session& sql)
                                                                 -> Result<std::vector<store::TrackEntry>> {
    soci::transaction tx(sql);
    store::set_principal(sql, who);
    auto record = open_case(sql, who, case_id, Action::update, "case.track_step", request_id, true);
    if (!record) {
      tx.commit();
      return record.error();
    }
    if (input.occurred_at && store::is_future(sql, *input.occurred_at))
      return Error::invalid("it cannot have happened yet", {{"/occurred_at", "must not be in the future"}});
    const auto person = store::find_person(sql, person_id);
    if (!person || !store::active_link(sql, case_id, person_id))
      return Error::not_found("no such victim linked to this case");
    auto done = store::track_of(sql, case_id, person_id);
    auto allowed = check_track_step(steps_of(done), *step, input.outcome);
    if (!allowed) return allowed.error();
    store::add_track_entry(sql, case_id, person_id,
                           {0, input.step, input.outcome, input.note, actor_of(who),
                            input.occurred_at.value_or(log::utc_timestamp(0)), ""});
    auto event = case_event(sql, "prosecution.step", case_id,
                            {{"case_id", case_id}, {"person_id", person_id}, {"step", input.step}}, who);
    event.topics.push_back("person:" + std::to_string(person_id));
    event.person_id = person_id;
    event.mission_id = person->mission_id;
    event.cohort_id = person->cohort_id;
    store::append_event(sql, event);
    auto entry = audit_entry(who, "case.track_step", "case", std::to_string(case_id), request_id);
    entry.details = {{"person_id", person_id}, {"step", input.step}};
    store::append_audit(sql, entry);
    auto after = store::track_of(sql, case_id, person_id);
    tx.commit();
    return after;
  });
}

boost::asio::awaitable<Result<std::vector<store::TrackEntry>>> CaseFiles::track(auth::Principal who,
                                                                                std::int64_t case_id,
                                                                                std::int64_t person_id,
                                                                                std::string request_id) {
  co_return co_await db_.run<std::vector<store::TrackEntry>>(
      [&](soci::session& sql) -> Result<std::vector<store::TrackEntry>> {
        soci::transaction tx(sql);
        store::set_principal(sql, who);
        auto record = open_case(sql, who, case_id, Action::read, "case.track", request_id, false);
        if (!record) {
          tx.commit();
          return record.error();
        }
        if (!store::find_person(sql, person_id) || !store::active_link(sql, case_id, person_id)) {
          auto error = refused_unseen(sql, who, "case.track", "person", person_id, request_id,
                                      "no such victim linked to this case");
          tx.commit();
          return error;
        }
        auto entries = store::track_of(sql, case_id, person_id);
        auto entry = audit_entry(who, "case.track", "case", std::to_string(case_id), request_id);
        entry.details = {{"person_id", person_id}};
        store::append_audit(sql, entry);
        tx.commit();
        return entries;
      });
}

}  // namespace rudi::service
