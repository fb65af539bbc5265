#include "domain/case_file.hpp"

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

namespace rudi {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

void check_text(std::vector<FieldError>& errors, const char* field, const std::string& value, std::size_t max,
                bool required, bool multiline = false) {
  if (auto problem = text_problem(value, max, required, multiline)) errors.push_back({field, *problem});
}

// A list of short texts: bounded in count and length, no duplicates.
void check_list(std::vector<FieldError>& errors, const std::string& field,
                const std::vector<std::string>& items, std::size_t max_items, std::size_t max_length) {
  if (items.size() > max_items) {
    errors.push_back({field, "at most " + std::to_string(max_items) + " entries"});
    return;
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string at = field + "/" + std::to_string(i);
    if (auto problem = text_problem(items[i], max_length, true)) errors.push_back({at, *problem});
    if (!seen.insert(items[i]).second) errors.push_back({at, "is listed twice"});
  }
}

}  // namespace

const std::vector<std::string>& case_statuses() {
  static const std::vector<std::string> kStatuses{"investigation", "charged", "trial",
                                                  "judgment",      "appeal",  "closed"};
  return kStatuses;
}

std::vector<FieldError> validate_case(const CaseDraft& d) {
  std::vector<FieldError> errors;
  static const std::regex kFileNumber(R"(^[A-Za-z0-9][A-Za-z0-9/._ -]{0,99}$)");
  if (d.file_number.empty())
    errors.push_back({"/file_number", "is required"});
  else if (!std::regex_match(d.file_number, kFileNumber))
    errors.push_back({"/file_number", "letters, digits and / . - _ only, at most 100"});
  check_text(errors, "/title", d.title, 200, true);
  check_text(errors, "/court", d.court, 200, false);
  check_text(errors, "/police_station", d.police_station, 200, false);
  check_text(errors, "/notes", d.notes, 4000, false, true);
  if (!contains(case_statuses(), d.status))
    errors.push_back({"/status", "one of investigation, charged, trial, judgment, appeal, closed"});
  // A section of the Act with optional subsection and paragraph, e.g. 3, 3(1), 4(2)(a).
  static const std::regex kSection(R"(^([1-9][0-9]?)(\([0-9]{1,2}\))?(\([a-z]\))?$)");
  if (d.charges.size() > 30) errors.push_back({"/charges", "at most 30 charges"});
  for (std::size_t i = 0; i < d.charges.size() && i < 30; ++i) {
    std::smatch m;
    if (!std::regex_match(d.charges[i], m, kSection) || std::stoi(m[1]) > 30) {
      errors.push_back({"/charges/" + std::to_string(i),
                        "a section of the Counter-Trafficking in Persons Act, e.g. 3(1) or 4(2)(a)"});
    }
  }
  return errors;
}

const std::vector<std::string>& suspect_roles() {
  static const std::vector<std::string> kRoles{"TravellingPartner",
                                               "Transporter",
                                               "RecruiterOrIntermediary",
                                               "BrokerTravelAgent",
                                               "TransferredIndividual",
                                               "HarbouredIndividual",
                                               "SoldIndividual",
                                               "BoughtIndividual",
                                               "ReceivedIndividual",
                                               "ControlledIndividual",
                                               "Smuggler",
                                               "Abuser",
                                               "Kidnapper",
                                               "Exploiter",
                                               "Other"};
  return kRoles;
}

bool is_recruiter(const SuspectDraft& d) {
  return contains(d.roles, "RecruiterOrIntermediary") || contains(d.roles, "BrokerTravelAgent");
}

std::vector<FieldError> validate_suspect(const SuspectDraft& d) {
  std::vector<FieldError> errors;
  if (d.kind != "person" && d.kind != "agency") errors.push_back({"/kind", "person or agency"});
  check_text(errors, "/name", d.name, 200, true);
  check_list(errors, "/aliases", d.aliases, 20, 200);
  check_list(errors, "/agencies", d.agencies, 20, 200);
  check_list(errors, "/phones", d.phones, 20, 16);
  for (std::size_t i = 0; i < d.phones.size() && i < 20; ++i) {
    if (!is_e164(d.phones[i]))
      errors.push_back({"/phones/" + std::to_string(i), "an E.164 number, e.g. +66812345678"});
  }
  if (d.roles.empty()) errors.push_back({"/roles", "name at least one role (HTCDS per_RoleInProcess)"});
  check_list(errors, "/roles", d.roles, 15, 40);
  for (std::size_t i = 0; i < d.roles.size() && i < 15; ++i) {
    if (!contains(suspect_roles(), d.roles[i]))
      errors.push_back(
          {"/roles/" + std::to_string(i), "an HTCDS per_RoleInProcess value, e.g. RecruiterOrIntermediary"});
  }
  if (d.nationality && !is_country_code(*d.nationality))
    errors.push_back({"/nationality", "an ISO 3166-1 alpha-2 code, e.g. KE"});
  check_text(errors, "/notes", d.notes, 4000, false, true);
  if (d.named_by.size() > 500) errors.push_back({"/named_by", "at most 500 victims"});
  return errors;
}

std::string normalise_name(std::string_view text) {
  std::string out;
  bool space = false;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c >= 0x80) {  // letters of other scripts are kept as they are
      if (space && !out.empty()) out.push_back(' ');
      space = false;
      out.push_back(static_cast<char>(c < 0x80 ? std::tolower(c) : c));
    } else {
      space = true;  // spaces and punctuation separate words
    }
  }
  return out;
}

std::vector<MatchKey> match_keys(const SuspectDraft& d) {
  std::set<MatchKey> keys;
  auto add_name = [&](const std::string& kind, const std::string& text) {
    auto value = normalise_name(text);
    if (value.size() >= 3) keys.insert({kind, value});  // shorter keys match too much to mean anything
  };
  add_name(d.kind == "agency" ? "agency" : "name", d.name);
  for (const auto& alias : d.aliases) add_name(d.kind == "agency" ? "agency" : "name", alias);
  for (const auto& agency : d.agencies) add_name("agency", agency);
  for (const auto& phone : d.phones) {
    std::string digits;
    for (char c : phone)
      if (c >= '0' && c <= '9') digits.push_back(c);
    if (digits.size() >= 7) keys.insert({"phone", digits});
  }
  return {keys.begin(), keys.end()};
}

}  // namespace rudi
