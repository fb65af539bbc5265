#include "app/seed_command.hpp"

#include <soci/soci.h>

#include <array>
#include <iostream>
#include <vector>

#include "app/cli_runtime.hpp"
#include "auth/secret_box.hpp"
#include "auth/tokens.hpp"
#include "service/administration.hpp"
#include "service/case_files.hpp"
#include "service/journey_records.hpp"
#include "store/mission_repository.hpp"

namespace rudi::app {
namespace {

// Invented people: given and family names drawn from common ones, combined at random-looking but fixed
// places, so that the demo is the same every time and names nobody real on purpose.
constexpr std::array<const char*, 16> kGiven{"Achieng", "Baraka", "Chebet", "Daudi",  "Esther", "Faraji",
                                             "Halima",  "Imani",  "Jabali", "Kerubo", "Lulu",   "Mosi",
                                             "Nafula",  "Omari",  "Pendo",  "Rehema"};
constexpr std::array<const char*, 12> kFamily{"Adongo", "Barasa",  "Cherono", "Gitau",   "Kiprop", "Maina",
                                              "Njeri",  "Ochieng", "Onyango", "Wairimu", "Wekesa", "Zuberi"};
constexpr std::array<const char*, 13> kStages{
    "reported", "located",  "verified", "interviewed", "documented",    "cleared", "departed",
    "arrived",  "received", "referred", "reunited",    "reintegrating", "closed"};

auth::Principal seeder() {
  auto p = CliRuntime::system(auth::Role::ministry_officer);
  p.username = "seed";
  return p;
}

// Two cases, one per cohort, whose victims named the same recruiter: under other names, but with the same
// phone number and agency, which is what "also named by other victims" finds.
int seed_cases(CliRuntime& rt, std::int64_t prosecutor_id,
               const std::vector<std::vector<std::int64_t>>& consenting) {
  auto prosecutor = CliRuntime::system(auth::Role::prosecutor);
  prosecutor.user_id = prosecutor_id;
  prosecutor.username = "seed";
  service::CaseFiles cases(rt.db());
  auto suspect = [](std::string kind, std::string name, std::vector<std::string> aliases,
                    std::vector<std::string> phones, std::vector<std::string> agencies,
                    std::vector<std::string> roles, std::optional<std::string> nationality) {
    SuspectDraft d;
    d.kind = std::move(kind);
    d.name = std::move(name);
    d.aliases = std::move(aliases);
    d.phones = std::move(phones);
    d.agencies = std::move(agencies);
    d.roles = std::move(roles);
    d.nationality = std::move(nationality);
    return d;
  };
  struct CasePlan {
    CaseDraft draft;
    SuspectDraft recruiter;
  };
  const std::array<CasePlan, 2> plans{{
      {{"ODPP/CTIP/2025/014",
        "Republic v. Zefania Kilonzo and another",
        "Milimani Law Courts",
        "JKIA Police Station",
        "charged",
        {"3(1)", "3(5)"},
        "Invented demo data."},
       suspect("person", "Zefania Kilonzo", {"Boss Z"}, {"+254700000101"}, {"Horizon Overseas Placements"},
               {"RecruiterOrIntermediary"}, "KE")},
      {{"ODPP/CTIP/2025/031",
        "Republic v. Horizon Overseas Placements",
        "Mombasa Law Courts",
        "Port Police Station",
        "investigation",
        {"3(1)"},
        "Invented demo data."},
       suspect("person", "Mr. Z", {}, {"+254700000101"}, {"Horizon Overseas Placements Ltd"},
               {"RecruiterOrIntermediary", "BrokerTravelAgent"}, std::nullopt)},
  }};
  for (std::size_t i = 0; i < plans.size() && i < consenting.size(); ++i) {
    auto created = rt.run(cases.create_case(prosecutor, plans[i].draft, {}, "seed"));
    if (!created) {
      std::cerr << "rudi seed: " << created.error().detail << "\n";
      return 1;
    }
    const auto case_id = created->record.id;
    SuspectDraft recruiter = plans[i].recruiter;
    for (std::size_t v = 0; v < consenting[i].size() && v < 4; ++v) {
      auto linked = rt.run(cases.link_victim(
          prosecutor, case_id, {consenting[i][v], v == 0 ? "complainant" : "witness", "demo"}, "seed"));
      if (linked) recruiter.named_by.push_back(consenting[i][v]);
    }
    if (auto added = rt.run(cases.add_suspect(prosecutor, case_id, recruiter, "seed")); !added) {
      std::cerr << "rudi seed: " << added.error().detail << "\n";
      return 1;
    }
    const auto operators = suspect("agency", "Golden Lotus Park compound", {}, {}, {},
                                   {"Exploiter", "ControlledIndividual"}, "MM");
    (void)rt.run(cases.add_suspect(prosecutor, case_id, operators, "seed"));
    std::cout << "case\t" << case_id << "\t" << plans[i].draft.file_number << "\n";
  }
  return 0;
}

}  // namespace

int run_seed_demo(const Config& config) {
  auto runtime = CliRuntime::open(config);
  if (!runtime) {
    std::cerr << "rudi seed: " << runtime.error().detail << "\n";
    return 1;
  }
  auto& rt = **runtime;
  auto keyring = auth::Keyring::parse(config.security.data_keys, config.security.blind_index_key);
  if (!keyring) {
    std::cerr << "rudi seed: " << keyring.error().detail << "\n";
    return 2;
  }
  service::Administration admin(rt.db(), rt.hasher(), rt.policy(), rt.hashing());
  service::JourneyRecords records(rt.db(), *keyring);

  auto existing = rt.run(admin.users(CliRuntime::system(), "seed"));
  if (!existing) {
    std::cerr << "rudi seed: " << existing.error().detail << "\n";
    return 1;
  }
  if (!existing->empty()) {
    std::cerr << "rudi seed: the database has users already; the demo is only for an empty one\n";
    return 0;
  }

  auto missions = rt.run(admin.missions(CliRuntime::system(), "seed"));
  std::int64_t bangkok = 0;
  for (const auto& m : *missions) {
    if (m.name == "Embassy in Bangkok") bangkok = m.id;
  }
  if (bangkok == 0) {
    auto added = rt.run(admin.create_mission(CliRuntime::system(),
                                             {0, "Embassy in Bangkok", "embassy", "TH", "Bangkok"}, "seed"));
    if (!added) {
      std::cerr << "rudi seed: " << added.error().detail << "\n";
      return 1;
    }
    bangkok = added->id;
  }

  // One user per role; the passwords are printed once, here.
  const std::array<std::pair<const char*, const char*>, 5> roles{{{"demo.admin", "administrator"},
                                                                  {"demo.embassy", "embassy_officer"},
                                                                  {"demo.ministry", "ministry_officer"},
                                                                  {"demo.prosecutor", "prosecutor"},
                                                                  {"demo.auditor", "auditor"}}};
  std::int64_t prosecutor_id = 0;
  for (const auto& [username, role] : roles) {
    const std::string password = "demo-" + auth::random_token(12);
    service::UserDraft draft{
        username, std::string("Demo ") + role, role,
        std::string(role) == "embassy_officer" ? std::optional<std::int64_t>(bangkok) : std::nullopt,
        password};
    auto user = rt.run(admin.create_user(CliRuntime::system(), draft, "seed"));
    if (!user) {
      std::cerr << "rudi seed: " << user.error().detail << "\n";
      return 1;
    }
    if (std::string(role) == "prosecutor") prosecutor_id = user->id;
    std::cout << "login\t" << username << "\t" << role << "\t" << password << "\n";
  }

  struct CohortPlan {
    const char* name;
    const char* released_on;
    int people;
  };
  int serial = 0;
  std::vector<std::vector<std::int64_t>> consenting;  // per cohort: people who consent to the prosecution
  for (const CohortPlan& plan : {CohortPlan{"Myawaddy release, 12 February 2025", "2025-02-12", 24},
                                 CohortPlan{"Second group, 19 February 2025", "2025-02-19", 46}}) {
    service::CohortDraft draft{bangkok,
                               plan.name,
                               plan.released_on,
                               "MM",
                               "Myawaddy → Mae Sot",
                               "Thai immigration, IOM, a shelter NGO",
                               "Invented demo data."};
    auto cohort = rt.run(records.create_cohort(seeder(), draft, "seed"));
    if (!cohort) {
      std::cerr << "rudi seed: " << cohort.error().detail << "\n";
      return 1;
    }
    consenting.emplace_back();
    for (int i = 0; i < plan.people; ++i, ++serial) {
      PersonDraft person;
      person.cohort_id = cohort->id;
      person.given_name = kGiven[static_cast<std::size_t>(serial * 7 % kGiven.size())];
      person.family_name = kFamily[static_cast<std::size_t>(serial * 5 % kFamily.size())];
      person.sex = serial % 3 == 0 ? "male" : "female";
      person.estimated_age = serial % 9 == 0 ? 16 : 19 + serial % 17;
      if (serial % 9 == 0) person.vulnerabilities.push_back("minor");
      if (serial % 7 == 0) person.vulnerabilities.push_back("medical_need");
      person.languages = {"Kiswahili", "English"};
      person.home_county = serial % 2 ? "Nairobi" : "Kisumu";
      person.stage = "located";
      person.trafficking_status = "PossibleVictimOfTrafficking";
      person.status_decided_by = "NonPoliceGovernmentalOrganization";
      person.exploitation_types = {"ForcedLabour", "ForcedCriminality"};
      person.control_methods = {"WithholdsDocuments", "DebtBondage"};
      person.recruitment_method = "ThroughOnlineSocialNetworks";
      person.recruitment_apps = {serial % 2 ? "Telegram" : "WhatsApp"};
      if (serial % 4 != 0) {
        person.document_kind = "passport";
        person.document_number = "DM" + std::to_string(1000000 + serial);
      }
      auto created = rt.run(records.create_person(seeder(), std::nullopt, person, true, "seed"));
      if (!created) {
        std::cerr << "rudi seed: " << created.error().detail << "\n";
        return 1;
      }
      // Spread people over the journey: the first cohort further along than the second.
      const int target = plan.people == 24 ? 1 + (i * 11) % 12 : 1 + i % 6;
      for (int stage = 2; stage <= target; ++stage) {
        service::TransitionInput move;
        move.request.to = *parse_stage(kStages[static_cast<std::size_t>(stage)]);
        if (std::string(kStages[static_cast<std::size_t>(stage)]) == "closed")
          move.request.reason = "care plan completed";
        auto moved = rt.run(records.transition(seeder(), created->row.id, move, "seed"));
        if (!moved) break;
      }
      if (i % 10 == 3) {
        service::TransitionInput hold;
        hold.request.kind = TransitionRequest::Kind::hold;
        hold.request.hold_reason = i % 20 == 3 ? HoldReason::in_detention_abroad : HoldReason::hospitalised;
        (void)rt.run(records.transition(seeder(), created->row.id, hold, "seed"));
      }
      if (i % 3 == 0) {
        auto consent = rt.run(records.record_consent(seeder(), created->row.id,
                                                     {"prosecution", "granted", "written", "demo"}, "seed"));
        if (consent) consenting.back().push_back(created->row.id);
      }
    }
    std::cout << "cohort\t" << cohort->id << "\t" << plan.name << "\t" << plan.people << " people\n";
  }
  return seed_cases(rt, prosecutor_id, consenting);
}

}  // namespace rudi::app
