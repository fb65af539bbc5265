// The hash of a row is SHA-256 over a canonical JSON array of its fields (compact, keys sorted) and the
// previous row's hash. Time is stored and re-read as the same microsecond UTC text, so that verification
// recomputes exactly what was hashed.
#include "store/audit_repository.hpp"

#include <openssl/evp.h>
#include <soci/soci.h>

#include <chrono>
#include <cstdio>
#include <ctime>

#include "log/log.hpp"
#include "store/hex.hpp"
#include "store/prepared.hpp"

namespace rudi::store {
namespace {

constexpr const char* kTimeFormat = R"(to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))";

std::string chain_hash(std::int64_t id, const std::string& at, const AuditEntry& e,
                       const std::string& prev_hash_hex) {
  nlohmann::json canonical = nlohmann::json::array(
      {id, at, e.actor_id ? nlohmann::json(*e.actor_id) : nlohmann::json(), e.actor_kind, e.action, e.entity,
       e.entity_id ? nlohmann::json(*e.entity_id) : nlohmann::json(), e.request_id,
       e.allowed ? "allowed" : "refused",
       e.details.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), prev_hash_hex});
  const std::string text = canonical.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::vector<std::uint8_t> digest(EVP_MAX_MD_SIZE);
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha256(), nullptr);
  digest.resize(length);
  return to_hex(digest);
}

// A row from select_columns(), in text form (prepared statements).
AuditRow row_from_cells(const std::vector<std::optional<std::string>>& c) {
  AuditRow row;
  row.id = std::stoll(*c[12]);
  if (c[0]) row.chain_position = std::stoll(*c[0]);
  row.at = *c[1];
  if (c[2]) row.entry.actor_id = std::stoll(*c[2]);
  row.entry.actor_kind = *c[3];
  row.entry.action = *c[4];
  row.entry.entity = *c[5];
  row.entry.entity_id = c[6];
  row.entry.request_id = c[7].value_or("");
  row.entry.allowed = *c[8] == "allowed";
  row.entry.details = nlohmann::json::parse(*c[9], nullptr, false);
  return row;
}

std::string select_columns() {
  return std::string("SELECT id, ") + kTimeFormat +
         ", actor_id, actor_kind, action, entity, entity_id, request_id, outcome, details::text, "
         "encode(prev_hash, 'hex'), encode(hash, 'hex'), entry_id FROM audit_log ";
}

}  // namespace

std::int64_t append_audit(soci::session& sql, const AuditEntry& entry) {
  const auto added = run_prepared(
      sql, "rudi_append_audit",
      R"(INSERT INTO audit_log (at, actor_id, actor_kind, action, entity, entity_id, request_id, outcome, details)
         VALUES (CAST($1 AS timestamptz), $2, $3, $4, $5, $6, $7, $8, CAST($9 AS jsonb)) RETURNING entry_id)",
      {log::utc_timestamp(6), entry.actor_id ? SqlParam(std::to_string(*entry.actor_id)) : std::nullopt,
       entry.actor_kind, entry.action, entry.entity, entry.entity_id, entry.request_id,
       std::string(entry.allowed ? "allowed" : "refused"),
       entry.details.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)});
  return std::stoll(*added.rows.at(0).at(0));
}

int chain_committed_audit(soci::session& sql, int limit, bool by_commit_time) {
  long long last_id = 0;
  std::string last_hash;
  sql << "SELECT last_id, encode(last_hash, 'hex') FROM audit_chain_head", soci::into(last_id),
      soci::into(last_hash);
  static const std::string kByCommitTime =
      select_columns() +
      "WHERE id IS NULL ORDER BY pg_xact_commit_timestamp(xmin) NULLS FIRST, entry_id LIMIT $1";
  static const std::string kByInsertion = select_columns() + "WHERE id IS NULL ORDER BY entry_id LIMIT $1";
  const auto pending = by_commit_time ? run_prepared(sql, "rudi_audit_to_chain_by_commit_time",
                                                     kByCommitTime.c_str(), {std::to_string(limit)})
                                      : run_prepared(sql, "rudi_audit_to_chain_by_insertion",
                                                     kByInsertion.c_str(), {std::to_string(limit)});
  nlohmann::json links = nlohmann::json::array();
  for (const auto& cells : pending.rows) {
    const AuditRow row = row_from_cells(cells);
    const long long position = last_id + 1;
    const std::string hash = chain_hash(position, row.at, row.entry, last_hash);
    links.push_back({{"entry_id", row.id}, {"id", position}, {"prev", last_hash}, {"hash", hash}});
    last_id = position;
    last_hash = hash;
  }
  if (links.empty()) return 0;
  // The links and the head in one statement.
  const std::string json = links.dump();
  int chained = 0;
  sql << R"(WITH linked AS (
              UPDATE audit_log a SET id = l.id, prev_hash = decode(l.prev, 'hex'), hash = decode(l.hash, 'hex')
                FROM jsonb_to_recordset(CAST(:links AS jsonb)) AS l(entry_id bigint, id bigint, prev text, hash text)
               WHERE a.entry_id = l.entry_id
              RETURNING a.id)
            UPDATE audit_chain_head SET last_id = :last_id, last_hash = decode(:last_hash, 'hex')
            RETURNING (SELECT count(*) FROM linked)::integer)",
      soci::use(json), soci::use(last_id), soci::use(last_hash), soci::into(chained);
  return chained;
}

std::vector<AuditRow> query_audit(soci::session& sql, const AuditFilter& f) {
  // Every filter is a parameter; an absent one is NULL and matches everything.
  static const std::string kQuery = select_columns() + R"(WHERE entry_id > $1
         AND ($2::bigint IS NULL OR actor_id = $2::bigint)
         AND ($3::text IS NULL OR entity = $3::text)
         AND ($4::text IS NULL OR entity_id = $4::text)
         AND ($5::timestamptz IS NULL OR at >= $5::timestamptz)
         AND ($6::timestamptz IS NULL OR at < $6::timestamptz)
       ORDER BY entry_id LIMIT $7)";
  const auto found = run_prepared(
      sql, "rudi_audit_query", kQuery.c_str(),
      {std::to_string(f.after_id), f.actor_id ? SqlParam(std::to_string(*f.actor_id)) : std::nullopt,
       f.entity, f.entity_id, f.from, f.to, std::to_string(f.limit)});
  std::vector<AuditRow> out;
  out.reserve(found.rows.size());
  for (const auto& cells : found.rows) out.push_back(row_from_cells(cells));
  return out;
}

AuditVerification verify_audit_chain(soci::session& sql) {
  AuditVerification result;
  std::string previous_hash(64, '0');
  long long expected_id = 1;
  constexpr int kBatch = 5000;  // read in pages, so memory stays flat however long the log is
  for (;;) {
    static const std::string kChain = select_columns() + "WHERE id > $1 ORDER BY id LIMIT $2";
    const auto page = run_prepared(sql, "rudi_audit_chain_page", kChain.c_str(),
                                   {std::to_string(expected_id - 1), std::to_string(kBatch)});
    const auto seen = static_cast<int>(page.rows.size());
    for (const auto& cells : page.rows) {
      const AuditRow row = row_from_cells(cells);
      const std::string stored_prev = cells[10].value_or("");
      const std::string stored_hash = cells[11].value_or("");
      auto fail = [&](std::int64_t id, std::string reason) {
        result.first_bad_id = id;
        result.reason = std::move(reason);
        return result;
      };
      const std::int64_t position = row.chain_position.value_or(0);
      if (position != expected_id)
        return fail(expected_id, "row " + std::to_string(expected_id) + " is missing");
      if (stored_prev != previous_hash)
        return fail(position, "its previous-hash does not match the row before");
      if (chain_hash(position, row.at, row.entry, stored_prev) != stored_hash) {
        return fail(position, "its content does not match its hash");
      }
      previous_hash = stored_hash;
      ++expected_id;
      ++result.rows_checked;
    }
    if (seen < kBatch) break;
  }
  long long pending = 0;
  sql << "SELECT count(*) FROM audit_log WHERE id IS NULL", soci::into(pending);
  result.rows_pending = pending;
  // The head must point at the last row, or rows were removed from the end.
  long long head_id = 0;
  std::string head_hash;
  sql << "SELECT last_id, encode(last_hash, 'hex') FROM audit_chain_head", soci::into(head_id),
      soci::into(head_hash);
  if (head_id != expected_id - 1 || head_hash != previous_hash) {
    result.first_bad_id = expected_id;
    result.reason = "the log ends at row " + std::to_string(expected_id - 1) + " but its head says " +
                    std::to_string(head_id);
  }
  return result;
}

}  // namespace rudi::store
