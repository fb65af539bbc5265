// The migrator against the real PostgreSQL: applies in order, records checksums, is a no-op when run
// again, refuses a changed file, and two concurrent runs apply one set.
#include "store/migrator.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "support/child_process.hpp"
#include "support/scratch_database.hpp"

namespace rudi::store {
namespace {
using namespace std::chrono_literals;
using test::ScratchDatabase;

class MigratorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!test::database_available()) GTEST_FAIL() << "no test database: run the tests through ./ops/test";
    auto files = load_migration_files(test::schema_dir());
    ASSERT_TRUE(files) << files.error().detail;
    files_ = *files;
  }

  // A copy of the shipped schema directory that a test may change.
  std::filesystem::path copy_of_schema() {
    char pattern[] = "/tmp/rudi-schema-XXXXXX";
    std::filesystem::path dir = mkdtemp(pattern);
    std::filesystem::copy(test::schema_dir(), dir, std::filesystem::copy_options::recursive);
    copies_.push_back(dir);
    return dir;
  }

  void TearDown() override {
    for (const auto& dir : copies_) std::filesystem::remove_all(dir);
  }

  std::vector<MigrationFile> files_;
  std::vector<std::filesystem::path> copies_;
};

TEST_F(MigratorTest, AppliesEveryMigrationInOrderWithItsChecksum) {
  ScratchDatabase db(false);
  auto outcome = apply_migrations(db.owner_url(), files_);
  ASSERT_TRUE(outcome) << outcome.error().detail;
  EXPECT_EQ(outcome->applied.size(), files_.size());
  EXPECT_EQ(outcome->version, files_.back().version);
  EXPECT_EQ(db.owner_query("SELECT count(*) FROM schema_migrations"), std::to_string(files_.size()));
  EXPECT_EQ(db.owner_query("SELECT sha256 FROM schema_migrations WHERE version = 1"), files_.front().sha256);
}

TEST_F(MigratorTest, RunningAgainChangesNothing) {
  ScratchDatabase db(true);
  const std::string before =
      db.owner_query("SELECT string_agg(version || ':' || applied_at, ',') FROM schema_migrations");
  auto outcome = apply_migrations(db.owner_url(), files_);
  ASSERT_TRUE(outcome) << outcome.error().detail;
  EXPECT_TRUE(outcome->applied.empty());
  EXPECT_EQ(db.owner_query("SELECT string_agg(version || ':' || applied_at, ',') FROM schema_migrations"),
            before);
}

TEST_F(MigratorTest, RefusesAFileChangedAfterItWasAppliedAndChangesNothing) {
  ScratchDatabase db(true);
  const auto dir = copy_of_schema();
  std::ofstream(dir / "001_foundation.sql", std::ios::app) << "\n-- an edit after the fact\n";
  std::ofstream(dir / "900_later.sql") << "CREATE TABLE later_table (id integer);";
  auto files = load_migration_files(dir);
  ASSERT_TRUE(files);

  auto outcome = apply_migrations(db.owner_url(), *files);
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().kind, ErrorKind::conflict);
  EXPECT_NE(outcome.error().detail.find("001_foundation.sql"), std::string::npos) << outcome.error().detail;
  EXPECT_EQ(db.owner_query("SELECT to_regclass('later_table') IS NULL"), "t");
  EXPECT_EQ(db.owner_query("SELECT count(*) FROM schema_migrations"), std::to_string(files_.size()));
}

TEST_F(MigratorTest, AFailingMigrationLeavesNoTrace) {
  ScratchDatabase db(true);
  const auto dir = copy_of_schema();
  std::ofstream(dir / "900_half.sql") << "CREATE TABLE half_done (id integer);\nSELECT no_such_function();";
  auto files = load_migration_files(dir);
  ASSERT_TRUE(files);
  auto outcome = apply_migrations(db.owner_url(), *files);
  ASSERT_FALSE(outcome);
  EXPECT_NE(outcome.error().detail.find("900_half.sql"), std::string::npos);
  EXPECT_EQ(db.owner_query("SELECT to_regclass('half_done') IS NULL"), "t");
  EXPECT_EQ(db.owner_query("SELECT count(*) FROM schema_migrations WHERE version = 900"), "0");
}

TEST_F(MigratorTest, TwoConcurrentRudiMigrateRunsApplyOneSet) {
  ScratchDatabase db(false);
  auto run = [&] {
    return std::make_unique<test::ChildProcess>(std::vector<std::string>{
        test::rudi_binary(), "migrate", "--database-url", db.app_url(), "--migration-database-url",
        db.owner_url(), "--schema-dir", test::schema_dir()});
  };
  auto first = run();
  auto second = run();
  EXPECT_EQ(first->wait_exit(60s), 0) << first->output();
  EXPECT_EQ(second->wait_exit(60s), 0) << second->output();
  EXPECT_EQ(db.owner_query("SELECT count(*) FROM schema_migrations"), std::to_string(files_.size()));
  const bool first_applied = first->output().find("applied 001_foundation.sql") != std::string::npos;
  const bool second_applied = second->output().find("applied 001_foundation.sql") != std::string::npos;
  EXPECT_NE(first_applied, second_applied) << "exactly one run applies the migrations";
}

TEST_F(MigratorTest, TheApplicationRoleOwnsNothingAndCannotChangeTheSchema) {
  ScratchDatabase db(true);
  EXPECT_EQ(
      test::query(db.app_url(), "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user"),
      "f");
  EXPECT_EQ(test::query(db.app_url(),
                        "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
                        "WHERE r.rolname = current_user"),
            "0");
  EXPECT_THROW(test::query(db.app_url(), "CREATE TABLE intruder (id integer)"), std::runtime_error);
  EXPECT_THROW(test::query(db.app_url(), "DELETE FROM schema_migrations"), std::runtime_error);
  EXPECT_EQ(test::query(db.app_url(), "SELECT count(*) FROM schema_migrations"),
            std::to_string(files_.size()));
}

}  // namespace
}  // namespace rudi::store
