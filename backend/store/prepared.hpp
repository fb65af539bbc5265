// Statements on the busiest paths, prepared once per connection and then run by name, so that PostgreSQL
// plans them once (a generic plan after a few runs) instead of at every call: under row-level security a
// plan costs more than running the statement (0.25–0.4 ms against 0.05–0.25 ms; docs/benchmarks.md). SOCI
// sends every statement as a one-time query, so these go through libpq on the session's own connection,
// inside the session's transaction. Errors are thrown as SOCI's, with their SQLSTATE, like any statement's.
#pragma once

#include <soci/session.h>

#include <optional>
#include <string>
#include <vector>

namespace rudi::store {

using SqlParam = std::optional<std::string>;  // in text form; nullopt is NULL

struct PreparedResult {
  std::vector<std::vector<std::optional<std::string>>> rows;  // in text form; nullopt is NULL
  long affected = 0;                                          // rows a write changed
};

// Runs the statement `text` ($1, $2… for parameters) under `name`, which must always name the same text.
PreparedResult run_prepared(soci::session& sql, const char* name, const char* text,
                            const std::vector<SqlParam>& params);

// Forgets what was prepared on the session's connection: call before it is re-opened.
void forget_prepared(soci::session& sql);

}  // namespace rudi::store
