// Suspects and recruiters of a case, the victims who named them, and the keys they are matched on across
// cases. Under row-level security a principal reads the suspects of the cases it may see; how far a thread
// reaches beyond that comes back as counts only.
#pragma once

#include <soci/session.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/case_file.hpp"

namespace rudi::store {

struct SuspectRecord {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  SuspectDraft fields;
  int version = 1;
};

std::int64_t add_suspect(soci::session& sql, std::int64_t case_id, const SuspectDraft& s);
std::optional<SuspectRecord> find_suspect(soci::session& sql, std::int64_t id, bool for_update = false);
std::vector<SuspectRecord> suspects_of_case(soci::session& sql, std::int64_t case_id);
bool update_suspect(soci::session& sql, std::int64_t id, int expected_version, const SuspectDraft& s);

// Suspects in cases the principal may see that share a key with this one, with the keys they share and
// the victims who named them that the principal may see.
struct SuspectMatch {
  std::int64_t suspect_id = 0;
  std::int64_t case_id = 0;
  std::string name;
  std::vector<std::string> matched_on;  // name, phone, agency
  std::vector<std::int64_t> named_by;
};
std::vector<SuspectMatch> visible_matches(soci::session& sql, std::int64_t suspect_id);

// Every victim and case the thread reaches, whoever may see them: counts only.
struct Reach {
  std::int64_t victims = 0;
  std::int64_t cases = 0;
};
Reach reach_of(soci::session& sql, std::int64_t suspect_id);

}  // namespace rudi::store
