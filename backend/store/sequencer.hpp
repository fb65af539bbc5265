// The sequencer's pass: numbers committed events and chains committed audit rows, in commit order, after
// the heads. Writers append without touching the heads, so they never queue behind one another's commits;
// one pass at a time holds the heads' locks, and a node that finds them taken skips its pass.
#pragma once

#include <soci/session.h>

namespace rudi::store {

struct SequencerPass {
  bool ran = false;  // false when another node's pass held the heads
  int events = 0;    // events numbered
  int audit_rows = 0;
};

// Whether the cluster records commit times (track_commit_timestamp): then a batch is ordered by them;
// otherwise by insertion, which agrees with commit order for changes to the same record.
bool commit_times_known(soci::session& sql);

// One pass of at most `limit` events and `limit` audit rows, in its own transaction; rings the
// `rudi_events` channel once when it numbered events.
SequencerPass sequence_committed(soci::session& sql, int limit, bool by_commit_time);

}  // namespace rudi::store
