// The numbered SQL files under schema/: NNN_name.sql, applied in order of NNN.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "domain/result.hpp"

namespace rudi::store {

struct MigrationFile {
  int version = 0;        // NNN
  std::string file_name;  // NNN_name.sql
  std::string sql;
  std::string sha256;  // lower-case hex of the file's bytes
};

// Reads every *.sql file of `directory`, sorted by version. Refuses names that do not follow
// NNN_name.sql and two files with one version.
Result<std::vector<MigrationFile>> load_migration_files(const std::filesystem::path& directory);

std::string sha256_hex(const std::string& bytes);

}  // namespace rudi::store
