// Roster imports as the database keeps them: the import's record, and its people written a batch at a
// time with one statement (arrays unnested), then their journey steps and audit rows with one statement
// each, under the transaction's principal (row-level security).
#pragma once

#include <soci/session.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth/secret_box.hpp"
#include "domain/person.hpp"

namespace rudi::store {

struct RosterImportRecord {
  std::int64_t cohort_id = 0;
  std::int64_t mission_id = 0;
  std::optional<std::int64_t> actor_id;
  std::string source;  // api, cli
  bool partial = false;
};

std::int64_t add_roster_import(soci::session& sql, const RosterImportRecord& record);

struct RosterImportCounts {
  std::size_t rows = 0, imported = 0, existing = 0, rejected = 0;
  std::map<std::string, std::size_t> other_nationalities;
};
void finish_roster_import(soci::session& sql, std::int64_t import_id, const RosterImportCounts& counts);

// One person of a batch: the validated draft, the sealed document number and its blind index, or the
// row's own key when there is no document.
struct RosterPerson {
  std::size_t line = 0;
  const PersonDraft* draft = nullptr;
  std::optional<auth::Sealed> document;
  std::optional<auth::Bytes> document_index;
  std::optional<auth::Bytes> import_key;
};

struct InsertedPerson {
  std::size_t line = 0;
  std::int64_t id = 0;
};

// Inserts the batch's people into the cohort; a person whose document number or row key is on record
// already is skipped (the caller finds out who they are). Returns those inserted.
std::vector<InsertedPerson> insert_roster_people(soci::session& sql, std::int64_t mission_id,
                                                 std::int64_t cohort_id, std::int64_t import_id,
                                                 const std::vector<RosterPerson>& batch);

// The ids of visible people with these document blind indexes or row keys, by the key's hex.
std::map<std::string, std::int64_t> visible_people_with_keys(soci::session& sql,
                                                             const std::vector<auth::Bytes>& keys);

// The `entered` journey step and the `person.create` audit row of every person the import created.
// `at` is RFC 3339 with microseconds, as audit rows are written.
void record_roster_people_entered(soci::session& sql, std::int64_t import_id,
                                  std::optional<std::int64_t> actor_id, const std::string& actor_kind,
                                  const std::string& at, const std::string& request_id);

}  // namespace rudi::store
