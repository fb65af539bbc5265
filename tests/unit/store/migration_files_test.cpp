#include "store/migration_files.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace rudi::store {
namespace {

class MigrationFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/rudi-migrations-XXXXXX";
    dir_ = mkdtemp(pattern);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void write(const std::string& name, const std::string& content) { std::ofstream(dir_ / name) << content; }

  std::filesystem::path dir_;
};

TEST_F(MigrationFilesTest, ReadsFilesInVersionOrderWithTheirChecksums) {
  write("002_people.sql", "CREATE TABLE people ();");
  write("001_foundation.sql", "SELECT 1;");
  write("README.md", "not a migration");
  auto files = load_migration_files(dir_);
  ASSERT_TRUE(files) << files.error().detail;
  ASSERT_EQ(files->size(), 2u);
  EXPECT_EQ((*files)[0].version, 1);
  EXPECT_EQ((*files)[0].file_name, "001_foundation.sql");
  EXPECT_EQ((*files)[1].version, 2);
  EXPECT_EQ((*files)[1].sha256, sha256_hex("CREATE TABLE people ();"));
}

TEST_F(MigrationFilesTest, RefusesBadNames) {
  write("1_foundation.sql", "SELECT 1;");
  auto files = load_migration_files(dir_);
  ASSERT_FALSE(files);
  EXPECT_NE(files.error().detail.find("1_foundation.sql"), std::string::npos);
}

TEST_F(MigrationFilesTest, RefusesTwoFilesWithOneVersion) {
  write("003_a.sql", "SELECT 1;");
  write("003_b.sql", "SELECT 2;");
  EXPECT_FALSE(load_migration_files(dir_));
}

TEST_F(MigrationFilesTest, RefusesAMissingDirectory) {
  EXPECT_FALSE(load_migration_files(dir_ / "nowhere"));
}

TEST(Sha256, MatchesTheStandardTestVector) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(SchemaDirectory, TheShippedMigrationsLoad) {
  auto files = load_migration_files(RUDI_TEST_SCHEMA_DIR);
  ASSERT_TRUE(files) << files.error().detail;
  ASSERT_FALSE(files->empty());
  for (std::size_t i = 0; i < files->size(); ++i) EXPECT_EQ((*files)[i].version, static_cast<int>(i + 1));
}

}  // namespace
}  // namespace rudi::store
