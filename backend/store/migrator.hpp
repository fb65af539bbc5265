// Applies migrations as the schema's owner: each file in its own transaction, recorded with its
// SHA-256 in schema_migrations, under an advisory lock so that nodes starting together apply once.
#pragma once

#include <string>
#include <vector>

#include "domain/result.hpp"
#include "store/migration_files.hpp"

namespace rudi::store {

struct MigrationOutcome {
  std::vector<std::string> applied;  // file names applied by this run, in order
  int version = 0;                   // the database's version afterwards
};

// Refuses (and changes nothing) when a file that was applied has changed or is missing.
Result<MigrationOutcome> apply_migrations(const std::string& owner_url,
                                          const std::vector<MigrationFile>& files);

}  // namespace rudi::store
