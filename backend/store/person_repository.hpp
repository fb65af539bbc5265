// People and their journey, read and written under the transaction's principal (row-level security).
// The many descriptive fields travel as one JSON document in and out, so that adding a field is a
// migration and a line in the domain's rules, not a new parameter list.
#pragma once

#include <soci/session.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "auth/secret_box.hpp"
#include "domain/result.hpp"
#include "domain/stage.hpp"

namespace rudi::store {

struct PersonRow {
  std::int64_t id = 0;
  std::int64_t mission_id = 0;
  std::optional<std::int64_t> cohort_id;
  Stage stage = Stage::reported;
  bool on_hold = false;
  int version = 1;
  int days_in_stage = 0;
  bool prosecution_consent = false;  // the prosecution consent in force is `granted`
  nlohmann::json fields;             // the descriptive fields, by their API names
  std::optional<auth::Sealed> document;
};

struct NewPerson {
  std::int64_t mission_id = 0;
  nlohmann::json fields;  // validated draft fields (no document number)
  std::optional<auth::Sealed> document;
  std::optional<auth::Bytes> document_index;
};

// A new person; a conflict when the document number is known already (the id, if visible, in `detail`).
Result<std::int64_t> insert_person(soci::session& sql, const NewPerson& person);
// The id of the person with this document, when the principal may see them.
std::optional<std::int64_t> visible_person_with_document(soci::session& sql,
                                                         const auth::Bytes& document_index);

// People the principal may see who look like a new record: a similar name (trigrams) and the same date of
// birth. An estimated age alone is too loose to call anyone a match.
std::vector<std::int64_t> similar_people(soci::session& sql, const std::string& name,
                                         const std::optional<std::string>& date_of_birth);

std::optional<PersonRow> find_person(soci::session& sql, std::int64_t id, bool for_update = false);

// Replaces the descriptive fields (and the document, when given) if the stored version is
// `expected_version`; false when it is not (someone changed the record meanwhile).
Result<bool> update_person(soci::session& sql, std::int64_t id, int expected_version, const NewPerson& person,
                           bool replace_document);

struct PeopleFilter {
  std::optional<std::int64_t> cohort_id;
  std::optional<std::int64_t> mission_id;
  std::optional<std::string> stage;
  std::optional<bool> on_hold;
  std::optional<std::string> vulnerability;  // e.g. minor, medical_need
  std::optional<int> min_days_in_stage;
  // Typo-tolerant search on names (trigrams), or an exact document number (its blind index).
  std::optional<std::string> query;
  std::optional<auth::Bytes> document_index;
  enum class Sort { id, name } sort = Sort::id;
  // The keyset cursor: the last row of the previous page (its id, and its name when sorting by name).
  std::int64_t after_id = 0;
  std::optional<std::string> after_name;
  int limit = 100;
};
std::vector<PersonRow> list_people(soci::session& sql, const PeopleFilter& filter);

struct JourneyStep {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::string kind;
  std::optional<std::string> from_stage;
  std::string to_stage;
  bool on_hold = false;
  std::optional<std::string> hold_reason;
  std::string reason;
  std::string note;
  std::optional<std::int64_t> actor_id;
  std::string occurred_at;  // RFC 3339
  std::string recorded_at;
};

void add_journey_step(soci::session& sql, const JourneyStep& step);
// Moves the person to the step's stage and hold (the hold's reason in `step.hold_reason`), restarting the
// time in stage when the stage changes, and records the step, in one statement; if the stored version is
// `expected_version`, else false and nothing written.
bool move_person(soci::session& sql, int expected_version, const JourneyStep& step);
std::vector<JourneyStep> journey_of(soci::session& sql, std::int64_t person_id);

// People per stage (and on hold) in a cohort, as the principal may see them.
std::map<std::string, int> stage_counts(soci::session& sql, std::int64_t cohort_id);

}  // namespace rudi::store
