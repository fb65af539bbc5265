// Criminal cases, their assigned prosecutors, the victims linked to them and each victim's prosecution
// track. Reads and writes run under the transaction's principal: a prosecutor's queries see only the cases
// assigned to them (row-level security); links and assignments hold ids only and are filtered here.
#pragma once

#include <soci/session.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/case_file.hpp"
#include "domain/result.hpp"

namespace rudi::store {

struct CaseRecord {
  std::int64_t id = 0;
  CaseDraft fields;
  std::vector<std::int64_t> prosecutors;
  int version = 1;
  std::string created_at;
};

// Takes the next case id first, so that the prosecutors are assigned before the case is read back.
std::int64_t next_case_id(soci::session& sql);
// A conflict when the file number is on record already.
Result<Unit> insert_case(soci::session& sql, std::int64_t id, const CaseDraft& c, std::int64_t created_by);
std::optional<CaseRecord> find_case(soci::session& sql, std::int64_t id, bool for_update = false);
// Newest first; `before_id` (0: from the newest) is the keyset cursor of the page before.
std::vector<CaseRecord> list_cases(soci::session& sql, std::int64_t before_id, int limit);
Result<bool> update_case(soci::session& sql, std::int64_t id, int expected_version, const CaseDraft& c);
void assign_prosecutors(soci::session& sql, std::int64_t case_id, const std::vector<std::int64_t>& users);
// Which of `users` are not active prosecutors.
std::vector<std::int64_t> not_prosecutors(soci::session& sql, const std::vector<std::int64_t>& users);

struct VictimLink {
  std::int64_t case_id = 0;
  std::int64_t person_id = 0;
  std::string role;  // complainant or witness
  std::string linked_at;
};

// The prosecutors of every case the person is linked to now, and those cases.
std::vector<std::int64_t> cases_of_person(soci::session& sql, std::int64_t person_id);
// The cases a person is linked to now and the prosecutors of those cases, in one read: an event's scope.
struct ProsecutionReach {
  std::vector<std::int64_t> case_ids;
  std::vector<std::int64_t> prosecutor_ids;
};
ProsecutionReach prosecution_reach(soci::session& sql, std::int64_t person_id);
// The prosecutors assigned to a case now.
std::vector<std::int64_t> prosecutors_of_case(soci::session& sql, std::int64_t case_id);
// Whether the person exists and consents now to share with the prosecution, whoever asks.
bool open_to_prosecution(soci::session& sql, std::int64_t person_id);

std::optional<VictimLink> active_link(soci::session& sql, std::int64_t case_id, std::int64_t person_id);
void add_link(soci::session& sql, const VictimLink& link, std::int64_t linked_by);
bool end_link(soci::session& sql, std::int64_t case_id, std::int64_t person_id, std::int64_t by,
              const std::string& reason);
// The person's active links to cases the principal may see.
std::vector<VictimLink> case_links_of_person(soci::session& sql, std::int64_t person_id);
// The case's active links whose people the principal may see.
std::vector<VictimLink> visible_links(soci::session& sql, std::int64_t case_id);

struct TrackEntry {
  std::int64_t id = 0;
  std::string step;
  std::optional<std::string> outcome;
  std::string note;
  std::optional<std::int64_t> actor_id;
  std::string occurred_at;
  std::string recorded_at;
};
void add_track_entry(soci::session& sql, std::int64_t case_id, std::int64_t person_id, const TrackEntry& e);
std::vector<TrackEntry> track_of(soci::session& sql, std::int64_t case_id, std::int64_t person_id);

}  // namespace rudi::store
