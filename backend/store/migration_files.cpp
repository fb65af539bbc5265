// Reading and checksumming migration files. The checksum is what makes a changed, already-applied file
// visible: migrations are history and are never edited after they ran.
#include "store/migration_files.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

namespace rudi::store {

std::string sha256_hex(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0x0f]);
  }
  return hex;
}

Result<std::vector<MigrationFile>> load_migration_files(const std::filesystem::path& directory) {
  std::error_code ec;
  if (!std::filesystem::is_directory(directory, ec)) {
    return Error::invalid("the schema directory " + directory.string() + " does not exist");
  }
  static const std::regex kName(R"(^([0-9]{3})_[a-z0-9_]+\.sql$)");
  std::vector<MigrationFile> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".sql") continue;
    const std::string name = entry.path().filename().string();
    std::smatch match;
    if (!std::regex_match(name, match, kName)) {
      return Error::invalid("migration file " + name + " is not named NNN_name.sql");
    }
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in) return Error::invalid("migration file " + name + " cannot be read");
    MigrationFile file;
    file.version = std::stoi(match[1].str());
    file.file_name = name;
    file.sql = content.str();
    file.sha256 = sha256_hex(file.sql);
    files.push_back(std::move(file));
  }
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
  for (std::size_t i = 1; i < files.size(); ++i) {
    if (files[i].version == files[i - 1].version) {
      return Error::invalid("migration files " + files[i - 1].file_name + " and " + files[i].file_name +
                            " share one version number");
    }
  }
  return files;
}

}  // namespace rudi::store
