// Every role against every action and kind of record, with the scope cases that matter: one's own
// mission and another's, a prosecutor's linked victim with and without consent, a disabled account and a
// session still waiting for its second factor.
#include "auth/access_policy.hpp"

#include <gtest/gtest.h>

namespace rudi::auth {
namespace {

constexpr UserId kProsecutor = 30;
constexpr MissionId kBangkok = 1;
constexpr MissionId kPretoria = 2;

Principal principal(Role role, std::optional<MissionId> mission = std::nullopt, UserId id = 10) {
  Principal p;
  p.user_id = id;
  p.role = role;
  p.mission_id = mission;
  p.second_factor_done = true;
  return p;
}

ResourceScope record(Resource kind, std::optional<MissionId> mission = kBangkok,
                     std::vector<UserId> prosecutors = {}, bool consent = false) {
  return {kind, mission, std::move(prosecutors), consent, false};
}

ResourceScope collection(Resource kind) {
  return {kind, std::nullopt, {}, false, true};
}

struct Case {
  const char* name;
  Principal who;
  Action action;
  ResourceScope what;
  Outcome expected;
};

const Principal embassy = principal(Role::embassy_officer, kBangkok);
const Principal ministry = principal(Role::ministry_officer);
const Principal prosecutor = principal(Role::prosecutor, std::nullopt, kProsecutor);
const Principal admin = principal(Role::administrator);
const Principal auditor = principal(Role::auditor);

const std::vector<Case> kCases = {
    // Embassy officers: their own mission's people, cohorts and consent; nothing of other missions.
    {"embassy reads own person", embassy, Action::read, record(Resource::person), Outcome::allowed},
    {"embassy moves own person", embassy, Action::transition, record(Resource::person), Outcome::allowed},
    {"embassy updates own person", embassy, Action::update, record(Resource::person), Outcome::allowed},
    {"embassy records consent", embassy, Action::record_consent, record(Resource::consent), Outcome::allowed},
    {"embassy exports own people", embassy, Action::export_records, record(Resource::person),
     Outcome::allowed},
    {"embassy lists people", embassy, Action::list, collection(Resource::person), Outcome::allowed},
    {"embassy reads own cohort", embassy, Action::read, record(Resource::cohort), Outcome::allowed},
    {"embassy reads other mission's person", embassy, Action::read, record(Resource::person, kPretoria),
     Outcome::hidden},
    {"embassy moves other mission's person", embassy, Action::transition, record(Resource::person, kPretoria),
     Outcome::hidden},
    {"embassy reads other mission's cohort", embassy, Action::read, record(Resource::cohort, kPretoria),
     Outcome::hidden},
    {"embassy creates for other mission", embassy, Action::create, record(Resource::person, kPretoria),
     Outcome::refused},
    {"embassy links to a case", embassy, Action::link, record(Resource::person), Outcome::refused},
    {"embassy reads a case", embassy, Action::read, record(Resource::case_file, std::nullopt, {kProsecutor}),
     Outcome::hidden},
    {"embassy reads audit", embassy, Action::list, collection(Resource::audit), Outcome::refused},
    {"embassy manages users", embassy, Action::create, collection(Resource::user), Outcome::refused},
    {"embassy reads own mission", embassy, Action::read, record(Resource::mission, kBangkok),
     Outcome::allowed},
    {"embassy reads other mission", embassy, Action::read, record(Resource::mission, kPretoria),
     Outcome::refused},
    // Ministry officers: every national, all missions; cases read-only.
    {"ministry reads any person", ministry, Action::read, record(Resource::person, kPretoria),
     Outcome::allowed},
    {"ministry moves any person", ministry, Action::transition, record(Resource::person, kPretoria),
     Outcome::allowed},
    {"ministry records consent", ministry, Action::record_consent, record(Resource::consent),
     Outcome::allowed},
    {"ministry reads a case", ministry, Action::read,
     record(Resource::case_file, std::nullopt, {kProsecutor}), Outcome::allowed},
    {"ministry updates a case", ministry, Action::update,
     record(Resource::case_file, std::nullopt, {kProsecutor}), Outcome::refused},
    {"ministry links to a case", ministry, Action::link, record(Resource::person), Outcome::refused},
    {"ministry reads audit", ministry, Action::list, collection(Resource::audit), Outcome::refused},
    {"ministry manages users", ministry, Action::administer, collection(Resource::user), Outcome::refused},
    // Prosecutors: linked victims with consent only; their own cases.
    {"prosecutor reads linked consenting victim", prosecutor, Action::read,
     record(Resource::person, kBangkok, {kProsecutor}, true), Outcome::allowed},
    {"prosecutor reads linked victim without consent", prosecutor, Action::read,
     record(Resource::person, kBangkok, {kProsecutor}, false), Outcome::hidden},
    {"prosecutor reads victim of another's case", prosecutor, Action::read,
     record(Resource::person, kBangkok, {99}, true), Outcome::hidden},
    {"prosecutor reads unlinked person", prosecutor, Action::read, record(Resource::person), Outcome::hidden},
    {"prosecutor moves linked victim", prosecutor, Action::transition,
     record(Resource::person, kBangkok, {kProsecutor}, true), Outcome::refused},
    {"prosecutor records consent", prosecutor, Action::record_consent,
     record(Resource::consent, kBangkok, {kProsecutor}, true), Outcome::refused},
    {"prosecutor exports linked consenting victim", prosecutor, Action::export_records,
     record(Resource::person, kBangkok, {kProsecutor}, true), Outcome::allowed},
    {"prosecutor exports the people list", prosecutor, Action::export_records, collection(Resource::person),
     Outcome::refused},
    {"prosecutor reads own case", prosecutor, Action::read,
     record(Resource::case_file, std::nullopt, {kProsecutor}), Outcome::allowed},
    {"prosecutor links on own case", prosecutor, Action::link,
     record(Resource::case_file, std::nullopt, {kProsecutor}), Outcome::allowed},
    {"prosecutor reads another's case", prosecutor, Action::read,
     record(Resource::case_file, std::nullopt, {99}), Outcome::hidden},
    {"prosecutor opens a case", prosecutor, Action::create, collection(Resource::case_file),
     Outcome::allowed},
    {"prosecutor reads a cohort", prosecutor, Action::read, record(Resource::cohort), Outcome::hidden},
    {"prosecutor lists people", prosecutor, Action::list, collection(Resource::person), Outcome::allowed},
    {"prosecutor creates a person", prosecutor, Action::create, collection(Resource::person),
     Outcome::refused},
    {"prosecutor reads audit", prosecutor, Action::list, collection(Resource::audit), Outcome::refused},
    // Administrators: users and missions, no survivor data, no audit.
    {"admin creates a user", admin, Action::create, collection(Resource::user), Outcome::allowed},
    {"admin disables a user", admin, Action::administer, collection(Resource::user), Outcome::allowed},
    {"admin creates a mission", admin, Action::create, collection(Resource::mission), Outcome::allowed},
    {"admin reads a person", admin, Action::read, record(Resource::person), Outcome::hidden},
    {"admin lists people", admin, Action::list, collection(Resource::person), Outcome::hidden},
    {"admin reads a case", admin, Action::read, record(Resource::case_file, std::nullopt, {kProsecutor}),
     Outcome::hidden},
    {"admin reads audit", admin, Action::list, collection(Resource::audit), Outcome::refused},
    // Auditors: the audit log; users and missions read-only; no survivor data.
    {"auditor lists audit", auditor, Action::list, collection(Resource::audit), Outcome::allowed},
    {"auditor reads audit", auditor, Action::read, collection(Resource::audit), Outcome::allowed},
    {"auditor changes audit", auditor, Action::update, collection(Resource::audit), Outcome::refused},
    {"auditor lists users", auditor, Action::list, collection(Resource::user), Outcome::allowed},
    {"auditor creates a user", auditor, Action::create, collection(Resource::user), Outcome::refused},
    {"auditor reads a person", auditor, Action::read, record(Resource::person), Outcome::hidden},
    // Duplicate flags: the ministry desk reconciles them; nobody else sees them.
    {"ministry lists duplicate flags", ministry, Action::list, collection(Resource::duplicate_flag),
     Outcome::allowed},
    {"ministry resolves a duplicate flag", ministry, Action::update, collection(Resource::duplicate_flag),
     Outcome::allowed},
    {"embassy lists duplicate flags", embassy, Action::list, collection(Resource::duplicate_flag),
     Outcome::refused},
    {"prosecutor lists duplicate flags", prosecutor, Action::list, collection(Resource::duplicate_flag),
     Outcome::refused},
    {"admin lists duplicate flags", admin, Action::list, collection(Resource::duplicate_flag),
     Outcome::hidden},
    // Statistics: published nationally by the ministry desk, from consenting people only.
    {"ministry reads statistics", ministry, Action::read, collection(Resource::statistics), Outcome::allowed},
    {"ministry exports statistics", ministry, Action::export_records, collection(Resource::statistics),
     Outcome::allowed},
    {"ministry changes statistics", ministry, Action::update, collection(Resource::statistics),
     Outcome::refused},
    {"embassy reads statistics", embassy, Action::read, collection(Resource::statistics), Outcome::refused},
    {"prosecutor reads statistics", prosecutor, Action::read, collection(Resource::statistics),
     Outcome::refused},
    {"admin reads statistics", admin, Action::read, collection(Resource::statistics), Outcome::refused},
    {"auditor reads statistics", auditor, Action::read, collection(Resource::statistics), Outcome::refused},
};

TEST(AccessPolicy, DecidesEveryRoleActionAndScopeAsSpecified) {
  for (const auto& c : kCases) {
    const Decision decision = decide(c.who, c.action, c.what);
    EXPECT_EQ(static_cast<int>(decision.outcome), static_cast<int>(c.expected))
        << c.name << ": " << decision.reason;
    if (!decision.allowed()) {
      EXPECT_FALSE(decision.reason.empty()) << c.name;
    }
  }
}

TEST(AccessPolicy, ADisabledAccountMayDoNothing) {
  for (Role role : {Role::embassy_officer, Role::ministry_officer, Role::prosecutor, Role::administrator,
                    Role::auditor}) {
    Principal p =
        principal(role, role == Role::embassy_officer ? std::optional<MissionId>(kBangkok) : std::nullopt);
    p.active = false;
    for (Resource kind : {Resource::person, Resource::user, Resource::audit, Resource::mission}) {
      EXPECT_EQ(decide(p, Action::read, record(kind)).outcome, Outcome::refused) << to_string(role);
    }
  }
}

TEST(AccessPolicy, NothingBeforeTheSecondFactor) {
  Principal p = embassy;
  p.second_factor_done = false;
  EXPECT_EQ(decide(p, Action::read, record(Resource::person)).outcome, Outcome::second_factor);
  Principal a = admin;
  a.second_factor_done = false;
  EXPECT_EQ(decide(a, Action::create, collection(Resource::user)).outcome, Outcome::second_factor);
}

TEST(AccessPolicy, WithdrawnConsentHidesAVictimAtOnce) {
  auto linked = record(Resource::person, kBangkok, {kProsecutor}, true);
  ASSERT_TRUE(decide(prosecutor, Action::read, linked).allowed());
  linked.prosecution_consent = false;
  EXPECT_EQ(decide(prosecutor, Action::read, linked).outcome, Outcome::hidden);
}

}  // namespace
}  // namespace rudi::auth
