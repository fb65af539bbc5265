// The rules, role by role. Where a principal may not even know that a record exists (another mission's
// survivor, a case not theirs), the answer is `hidden`, so that ids cannot be probed.
#include "auth/access_policy.hpp"

#include <algorithm>

namespace rudi::auth {
namespace {

Decision allow() {
  return {Outcome::allowed, {}};
}
Decision refuse(std::string reason) {
  return {Outcome::refused, std::move(reason)};
}
Decision hide(std::string reason) {
  return {Outcome::hidden, std::move(reason)};
}

bool is_reading(Action action) {
  return action == Action::read || action == Action::list || action == Action::export_records;
}

bool contains(const std::vector<UserId>& ids, UserId id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

Decision administrator(Action, const ResourceScope& r) {
  if (r.kind == Resource::user || r.kind == Resource::mission || r.kind == Resource::webhook) return allow();
  if (r.kind == Resource::audit) return refuse("the audit log is for auditors");
  if (r.kind == Resource::statistics) return refuse("statistics are published by the ministry desk");
  return hide("administrators see no survivor data");
}

Decision auditor(Action action, const ResourceScope& r) {
  if (r.kind == Resource::audit)
    return is_reading(action) ? allow() : refuse("the audit log cannot be changed");
  if (r.kind == Resource::user || r.kind == Resource::mission) {
    return is_reading(action) ? allow() : refuse("auditors only read");
  }
  if (r.kind == Resource::webhook) return refuse("webhooks are managed by administrators");
  if (r.kind == Resource::statistics) return refuse("statistics are published by the ministry desk");
  return hide("auditors see no survivor data beyond ids in the audit log");
}

Decision embassy_officer(const Principal& p, Action action, const ResourceScope& r) {
  switch (r.kind) {
    case Resource::mission:
      if (is_reading(action) && (r.collection || r.mission_id == p.mission_id)) return allow();
      return refuse("embassy officers see their own mission only");
    case Resource::person:
    case Resource::cohort:
    case Resource::consent:
      if (action == Action::link) return refuse("linking to cases is the prosecution's");
      if (action == Action::administer) return refuse("embassy officers do not administer records");
      if (r.collection && !r.mission_id) return allow();  // the query keeps to their mission
      if (r.mission_id != p.mission_id) {
        if (action == Action::create) return refuse("records can be created for your own mission only");
        return hide("the record belongs to another mission");
      }
      return allow();
    case Resource::case_file:
      return hide("cases are the prosecution's");
    case Resource::duplicate_flag:
      return refuse("duplicate records are reconciled by the ministry desk");
    case Resource::statistics:
      // A mission's own table could be subtracted from the nation's, giving away the cells that both
      // withhold; and an embassy sees its own people's records in full anyway.
      return refuse("statistics are published nationally by the ministry desk");
    case Resource::audit:
      return refuse("the audit log is for auditors");
    case Resource::user:
      return refuse("users are managed by administrators");
    case Resource::webhook:
      return refuse("webhooks are managed by administrators");
  }
  return refuse("not allowed");
}

Decision ministry_officer(Action action, const ResourceScope& r) {
  switch (r.kind) {
    case Resource::person:
    case Resource::cohort:
    case Resource::consent:
      if (action == Action::link) return refuse("linking to cases is the prosecution's");
      if (action == Action::administer) return refuse("ministry officers do not administer records");
      return allow();
    case Resource::case_file:
      return is_reading(action) ? allow() : refuse("cases are run by the prosecution");
    case Resource::duplicate_flag:
      return (is_reading(action) || action == Action::update)
                 ? allow()
                 : refuse("duplicate flags are raised by the system");
    case Resource::mission:
      return is_reading(action) ? allow() : refuse("missions are managed by administrators");
    case Resource::statistics:
      return is_reading(action) ? allow() : refuse("statistics are computed, not changed");
    case Resource::audit:
      return refuse("the audit log is for auditors");
    case Resource::user:
      return refuse("users are managed by administrators");
    case Resource::webhook:
      return refuse("webhooks are managed by administrators");
  }
  return refuse("not allowed");
}

Decision prosecutor(const Principal& p, Action action, const ResourceScope& r) {
  switch (r.kind) {
    case Resource::case_file:
      if (r.collection)
        return (action == Action::create || action == Action::list) ? allow() : refuse("not allowed");
      if (!contains(r.prosecutors, p.user_id)) return hide("the case is assigned to other prosecutors");
      if (action == Action::administer) return refuse("prosecutors do not administer cases");
      return allow();
    case Resource::person:
    case Resource::consent:
      if (r.collection) {
        if (action == Action::list) return allow();
        // A case needs its victims' records one at a time, never a list carried out of Rudi.
        if (action == Action::export_records) return refuse("prosecutors do not export survivor records");
        return refuse("prosecutors do not create survivor records");
      }
      // Visible only while linked to one of the prosecutor's cases and consenting to the prosecution.
      if (!contains(r.prosecutors, p.user_id)) return hide("the person is not linked to your cases");
      if (!r.prosecution_consent) return hide("the person has not consented to share with the prosecution");
      if (is_reading(action) || action == Action::link) return allow();
      return refuse("prosecutors read survivor records; the embassy and the ministry change them");
    case Resource::cohort:
      return hide("cohorts are the embassy's and the ministry's");
    case Resource::duplicate_flag:
      return refuse("duplicate records are reconciled by the ministry desk");
    case Resource::mission:
      return refuse("missions are managed by administrators");
    case Resource::statistics:
      return refuse("statistics are published by the ministry desk");
    case Resource::audit:
      return refuse("the audit log is for auditors");
    case Resource::user:
      return refuse("users are managed by administrators");
    case Resource::webhook:
      return refuse("webhooks are managed by administrators");
  }
  return refuse("not allowed");
}

}  // namespace

std::string_view to_string(Action action) {
  switch (action) {
    case Action::read:
      return "read";
    case Action::list:
      return "list";
    case Action::create:
      return "create";
    case Action::update:
      return "update";
    case Action::transition:
      return "transition";
    case Action::link:
      return "link";
    case Action::record_consent:
      return "record_consent";
    case Action::export_records:
      return "export";
    case Action::administer:
      return "administer";
  }
  return "read";
}

std::string_view to_string(Resource resource) {
  switch (resource) {
    case Resource::person:
      return "person";
    case Resource::cohort:
      return "cohort";
    case Resource::case_file:
      return "case";
    case Resource::consent:
      return "consent";
    case Resource::audit:
      return "audit";
    case Resource::user:
      return "user";
    case Resource::mission:
      return "mission";
    case Resource::duplicate_flag:
      return "duplicate_flag";
    case Resource::webhook:
      return "webhook";
    case Resource::statistics:
      return "statistics";
  }
  return "person";
}

Decision decide(const Principal& principal, Action action, const ResourceScope& resource) {
  if (!principal.active) return refuse("the account is disabled");
  if (!principal.second_factor_done) return {Outcome::second_factor, "sign in with your second factor first"};
  switch (principal.role) {
    case Role::administrator:
      return administrator(action, resource);
    case Role::auditor:
      return auditor(action, resource);
    case Role::embassy_officer:
      return embassy_officer(principal, action, resource);
    case Role::ministry_officer:
      return ministry_officer(action, resource);
    case Role::prosecutor:
      return prosecutor(principal, action, resource);
  }
  return refuse("not allowed");
}

}  // namespace rudi::auth
