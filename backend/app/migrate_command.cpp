#include "app/migrate_command.hpp"

#include <iostream>

#include "store/connection_string.hpp"
#include "store/migration_files.hpp"
#include "store/migrator.hpp"

namespace rudi::app {

int run_migrate(const DatabaseConfig& database) {
  auto files = store::load_migration_files(database.schema_dir);
  if (!files) {
    std::cerr << "rudi migrate: " << files.error().detail << "\n";
    return 2;
  }
  const std::string url =
      store::with_parameter(database.migration_url.empty() ? database.url : database.migration_url,
                            "connect_timeout", std::to_string(database.connect_timeout_s));
  auto outcome = store::apply_migrations(url, *files);
  if (!outcome) {
    std::cerr << "rudi migrate: " << outcome.error().detail << "\nNothing was changed by the failing step.\n";
    return 1;
  }
  for (const auto& name : outcome->applied) std::cout << "applied " << name << "\n";
  std::cout << "schema at version " << outcome->version
            << (outcome->applied.empty() ? " (nothing to apply)" : "") << "\n";
  return 0;
}

}  // namespace rudi::app
