#include "store/sequencer.hpp"

#include <soci/soci.h>

#include "store/audit_repository.hpp"
#include "store/event_log.hpp"

namespace rudi::store {

bool commit_times_known(soci::session& sql) {
  int on = 0;
  sql << "SELECT (current_setting('track_commit_timestamp') = 'on')::integer", soci::into(on);
  return on != 0;
}

EventsPass number_events_pass(soci::session& sql, int limit, bool by_commit_time) {
  // The head's lock, the numbering and the doorbell (once a pass, not once a change: NOTIFY serialises
  // commits) in one call, a transaction of its own.
  return {number_committed_events(sql, limit, by_commit_time)};
}

AuditPass chain_audit_pass(soci::session& sql, int limit, bool by_commit_time) {
  AuditPass pass;
  soci::transaction tx(sql);
  long long heads = 0;
  sql << "SELECT count(*) FROM (SELECT FROM audit_chain_head FOR UPDATE SKIP LOCKED) locked",
      soci::into(heads);
  if (heads != 1) return pass;
  pass.ran = true;
  pass.rows = chain_committed_audit(sql, limit, by_commit_time);
  tx.commit();
  return pass;
}

SequencerPass sequence_committed(soci::session& sql, int limit, bool by_commit_time) {
  auto events = number_events_pass(sql, limit, by_commit_time);
  const auto audit = chain_audit_pass(sql, limit, by_commit_time);
  SequencerPass pass;
  pass.ran = !events.numbered.empty() || audit.ran;
  pass.events = static_cast<int>(events.numbered.size());
  pass.audit_rows = audit.rows;
  pass.numbered = std::move(events.numbered);
  return pass;
}

}  // namespace rudi::store
