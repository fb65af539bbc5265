// A criminal case as the prosecution records it, and its rules: a file number, a title, the court and the
// police station, a status, and the charges as sections of the Counter-Trafficking in Persons Act No. 8 of
// 2010. Suspects and recruiters are people or agencies named by victims; their roles use the value names of
// HTCDS v2.0 `per_RoleInProcess`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/error.hpp"
#include "domain/validation.hpp"

namespace rudi {

struct CaseDraft {
  std::string file_number;  // the prosecution's own reference, e.g. ODPP/CTIP/2025/014
  std::string title;
  std::string court;
  std::string police_station;
  std::string status = "investigation";
  std::vector<std::string> charges;  // sections of the Act, e.g. "3(1)", "3(5)"
  std::string notes;
};

std::vector<FieldError> validate_case(const CaseDraft& draft);
const std::vector<std::string>& case_statuses();

struct SuspectDraft {
  std::string kind = "person";  // person or agency
  std::string name;             // the name victims use most
  std::vector<std::string> aliases;
  std::vector<std::string> phones;    // E.164
  std::vector<std::string> agencies;  // recruitment or travel agencies they used or ran
  std::vector<std::string> roles;     // HTCDS per_RoleInProcess value names
  std::optional<std::string> nationality;
  std::string notes;
  std::vector<std::int64_t> named_by;  // victims (person ids) linked to the case who named them
};

std::vector<FieldError> validate_suspect(const SuspectDraft& draft);
const std::vector<std::string>& suspect_roles();  // HTCDS v2.0 per_RoleInProcess
// A suspect is a recruiter when any role is one of recruitment.
bool is_recruiter(const SuspectDraft& draft);

// The keys a suspect is matched on across cases: each name and alias, phone number and agency name, in a
// normal form (lower case, single spaces, no punctuation; phones as digits), so that "Mr. J. Okello " and
// "mr j okello" are one key.
struct MatchKey {
  std::string kind;  // name, phone, agency
  std::string value;
  auto operator<=>(const MatchKey&) const = default;
};
std::vector<MatchKey> match_keys(const SuspectDraft& draft);
std::string normalise_name(std::string_view text);

}  // namespace rudi
