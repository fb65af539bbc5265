// The sequencer's pass: numbers committed events and chains committed audit rows, in commit order, after
// the heads. Writers append without touching the heads, so they never queue behind one another's commits;
// one pass at a time holds a head's lock, and a node that finds it taken skips that part of its pass. The
// events are numbered in a transaction of their own, before the audit rows are chained in another: the live
// path waits for the first only (chaining costs about three times as much: hashing, a row at a time).
#pragma once

#include <soci/session.h>

#include <vector>

#include "store/event_log.hpp"

namespace rudi::store {

struct SequencerPass {
  bool ran = false;  // false when it did nothing, or another node's pass held the heads
  int events = 0;    // events numbered
  int audit_rows = 0;
  std::vector<EventRecord> numbered;  // the events numbered, in sequence order
};

// Whether the cluster records commit times (track_commit_timestamp): then a batch is ordered by them;
// otherwise by insertion, which agrees with commit order for changes to the same record.
bool commit_times_known(soci::session& sql);

// Numbers at most `limit` events in a transaction of its own, in one round trip; rings the `rudi_events`
// channel once when it numbered some. Numbers none while another node's pass holds the head.
struct EventsPass {
  std::vector<EventRecord> numbered;  // in sequence order
};
EventsPass number_events_pass(soci::session& sql, int limit, bool by_commit_time);

// Chains at most `limit` audit rows in a transaction of its own.
struct AuditPass {
  bool ran = false;
  int rows = 0;
};
AuditPass chain_audit_pass(soci::session& sql, int limit, bool by_commit_time);

// Both, one after the other.
SequencerPass sequence_committed(soci::session& sql, int limit, bool by_commit_time);

}  // namespace rudi::store
