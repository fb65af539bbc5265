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

SequencerPass sequence_committed(soci::session& sql, int limit, bool by_commit_time) {
  SequencerPass pass;
  soci::transaction tx(sql);
  // The heads' locks make this the one pass at work; the statements after them see every pass before.
  long long heads = 0;
  sql << "SELECT count(*) FROM (SELECT FROM events_head e, audit_chain_head a FOR UPDATE SKIP LOCKED) locked",
      soci::into(heads);
  if (heads != 1) return pass;
  pass.ran = true;
  pass.events = number_committed_events(sql, limit, by_commit_time);
  pass.audit_rows = chain_committed_audit(sql, limit, by_commit_time);
  // The doorbell of the live hub: once per pass, not once per change (NOTIFY serialises commits).
  if (pass.events > 0) sql << "NOTIFY rudi_events";
  tx.commit();
  return pass;
}

}  // namespace rudi::store
