// A fresh, empty database for one test, owned by the schema owner's role and dropped afterwards, in the
// PostgreSQL cluster that ops/test started. Integration tests get their URLs from here.
#pragma once

#include <chrono>
#include <string>

namespace rudi::test {

// True when ops/test provided a database (RUDI_TEST_DATABASE_URL and RUDI_TEST_OWNER_DATABASE_URL).
bool database_available();
// Stops or starts the private test cluster (ops/db, given by ops/test as RUDI_TEST_DB_CONTROL); its exit
// status.
int control_database(const std::string& command);

class ScratchDatabase {
 public:
  // Creates the database; `migrated` applies the schema's migrations as the owner.
  explicit ScratchDatabase(bool migrated = true);
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  const std::string& name() const { return name_; }
  std::string owner_url() const;  // the schema owner (runs migrations)
  std::string app_url() const;    // the application's role (what `rudi serve` uses)

  // Runs SQL as the owner; throws on error. Returns the first column of the first row, if any.
  std::string owner_query(const std::string& sql) const;
  // Runs SQL as the application's role with a ministry officer's principal: row-level security then
  // shows every person (the owner sees none: the tables force row-level security on it too).
  std::string nation_query(const std::string& sql) const;
  // Waits until a running server's sequencer has numbered every committed event and chained every
  // committed audit row (woken by its `rudi_events` doorbell); false when `timeout` passes first.
  bool wait_until_sequenced(std::chrono::milliseconds timeout = std::chrono::seconds(20)) const;

 private:
  std::string name_;
};

// Runs SQL on an arbitrary connection string; throws std::runtime_error with PostgreSQL's message.
std::string query(const std::string& url, const std::string& sql);

}  // namespace rudi::test
