// Importing a roster — a list of released or rescued people from host authorities, partners or airlines —
// into a cohort, as one transaction: the nationals it lists enter the journey (at `reported` or `located`)
// with their journey step and audit row like people recorded one by one; people already on record (the
// same document number, or the same row of the same cohort's list) are reported, never overwritten;
// rows that break a rule are reported by line and field; other nationalities are counted, not kept.
// Nothing is written when any row is rejected, unless a partial import is asked for, nor in a dry run.
// Dashboards learn of it as one `cohort.imported` event when it is large, or one event per person.
//
// The use case knows no file format: it reads rows from a RosterSource (integrations/roster reads CSV).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "auth/secret_box.hpp"
#include "domain/person.hpp"
#include "domain/result.hpp"
#include "store/database.hpp"

namespace rudi::service {

struct RosterRow {
  enum class Kind { national, rejected, other_nationality };
  Kind kind = Kind::national;
  std::size_t line = 0;              // where the row starts in the file
  PersonDraft draft;                 // national: validated
  std::vector<FieldError> problems;  // rejected: each names a field (e.g. "date_of_birth") and why
  std::string nationality;           // other_nationality: the alpha-2 code, and nothing else of the row
};

class RosterSource {
 public:
  virtual ~RosterSource() = default;
  // Reads what comes before the rows (a header); an invalid-input error when the roster cannot be read.
  virtual Status start() = 0;
  // The next row, or nothing at the end.
  virtual std::optional<RosterRow> next() = 0;
  // Columns that were not read, as the file names them.
  virtual std::vector<std::string> ignored_columns() const = 0;
};

struct ImportOptions {
  bool dry_run = false;
  bool partial = false;        // import the good rows even when some are rejected
  std::string source = "api";  // where the file came from, for the record: api or cli
};

struct RejectedRow {
  std::size_t line = 0;
  std::string field;  // Rudi's field name, or empty for the row as a whole
  std::string reason;
};

struct ExistingPerson {
  std::size_t line = 0;
  std::optional<std::int64_t> person_id;  // nothing: on record, but outside the caller's scope
};

// Lists are cut at kMaxListed entries; the counts are always whole.
inline constexpr std::size_t kMaxListed = 1000;
// Above this many people, dashboards get one event for the import instead of one per person.
inline constexpr std::size_t kBatchEventThreshold = 50;

struct ImportReport {
  std::optional<std::int64_t> import_id;  // set when the import was written
  std::int64_t cohort_id = 0;
  bool dry_run = false;
  bool partial = false;
  bool committed = false;    // the people counted as imported are on record
  std::size_t rows = 0;      // data rows read
  std::size_t imported = 0;  // new people (in a dry run or a refused import: who would have been)
  std::size_t existing_count = 0;
  std::vector<ExistingPerson> existing;
  std::size_t rejected_count = 0;  // rows rejected (a row may have several reasons)
  std::vector<RejectedRow> rejected;
  std::map<std::string, std::size_t> other_nationalities;  // alpha-2 → rows
  std::vector<std::string> ignored_columns;
  std::vector<std::int64_t> person_ids;  // of the new people
};

class RosterImports {
 public:
  RosterImports(store::Database& db, const auth::Keyring& keyring) : db_(db), keyring_(keyring) {}

  // Imports the roster into the cohort, if the principal may create people in the cohort's mission.
  boost::asio::awaitable<Result<ImportReport>> import_roster(auth::Principal who, std::int64_t cohort_id,
                                                             RosterSource& source, ImportOptions options,
                                                             std::string request_id);

  // The same, on the calling thread (the command line).
  Result<ImportReport> import_roster_here(const auth::Principal& who, std::int64_t cohort_id,
                                          RosterSource& source, const ImportOptions& options,
                                          const std::string& request_id);

 private:
  Result<ImportReport> run(soci::session& sql, const auth::Principal& who, std::int64_t cohort_id,
                           RosterSource& source, const ImportOptions& options, const std::string& request_id);

  store::Database& db_;
  const auth::Keyring& keyring_;
};

}  // namespace rudi::service
