#!/usr/bin/env bash
# Transitions over HTTP with 1, 16 and 64 concurrent clients (tests/bench/journey_bench.cpp), and in the
# same run pgbench on the same cluster: its one-row update, and the SQL of a transition itself (as the
# application's role, under row-level security) sent as Rudi sends it and as prepared statements; with the
# ratios at 16 clients. Called by `ops/bench journey`, which provides the release build and a migrated
# throwaway database.
#   journey_bench.sh BUILD_DIR [SECONDS]
set -euo pipefail
build=$1
seconds=${2:-10}
rudi=$build/backend/app/rudi
driver=$build/tests/bench/journey_bench
pgbench=/usr/lib/postgresql/15/bin/pgbench

"$rudi" migrate >/dev/null
if [[ -z ${RUDI_DATA_KEYS:-} ]]; then eval "$("$rudi" keys generate | sed 's/^/export /')"; fi

source "$(dirname "$0")/start_server.sh"
start_server --threads "$(nproc)"

# A ministry officer's API token (no second factor for machines), a mission, a cohort and 64 people.
password_file=$(mktemp)
echo "Bench-password-$(date +%s%N)" >"$password_file"
user=bench.ministry.$$
"$rudi" user add --username "$user" --display-name "Benchmark" --role ministry_officer \
  --password-file "$password_file" >/dev/null
rm -f "$password_file"
"$rudi" mission add --name "Bench mission $$" --host-country TH --city Bangkok >/dev/null
mission=$("$rudi" mission list | awk -F'\t' -v n="Bench mission $$" '$2 == n {print $1}')
token=$("$rudi" token add --name bench --username "$user" 2>/dev/null)
api() { curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
cohort=$(api -d "{\"mission_id\":$mission,\"name\":\"Bench\",\"released_on\":\"2025-02-12\",\"country\":\"MM\"}" \
  "http://127.0.0.1:$port/api/v1/cohorts" | sed -E 's/.*"id":([0-9]+).*/\1/')
people=()
for i in $(seq 1 64); do
  people+=("$(api -d "{\"cohort_id\":$cohort,\"given_name\":\"Bench\",\"family_name\":\"Person$i\"}" \
    "http://127.0.0.1:$port/api/v1/people" | sed -E 's/.*"id":([0-9]+),"languages".*/\1/')")
done

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "each transition: a locked read, the update, a journey step, an event and an audit row, in one transaction"
for clients in 1 16 64; do
  "$driver" "$port" "$token" "$seconds" "${people[@]:0:$clients}"
done

# The same cluster's bare speed at a one-row update, for the ratio.
owner=$RUDI_MIGRATION_DATABASE_URL
psql -qX "$owner" -c "SET client_min_messages = warning; DROP TABLE IF EXISTS bench_rows; CREATE TABLE bench_rows (id integer PRIMARY KEY, v integer);
  INSERT INTO bench_rows SELECT g, 0 FROM generate_series(1, 10000) g;" >/dev/null
script=$(mktemp)
printf '%s\n' '\set id random(1, 10000)' 'UPDATE bench_rows SET v = v + 1 WHERE id = :id;' >"$script"
pg_tps=$("$pgbench" -n -f "$script" -c 16 -j 2 -T "$seconds" "$owner" 2>/dev/null |
  awk '/^tps/ {print int($3); exit}')
psql -qX "$owner" -c "DROP TABLE bench_rows" >/dev/null
echo "pgbench one-row update, 16 clients: ${pg_tps} tps"

# The transition's own statements, without HTTP: one transaction per hold or release of one of the 16
# people, with the principal set, the locked read, the update, the journey step, the person's cases, the
# event and the audit row.
first=${people[0]}
cat >"$script" <<SQL
\set pid $first + :client_id
BEGIN;
SELECT set_config('rudi.role', 'ministry_officer', true), set_config('rudi.user_id', '0', true), set_config('rudi.mission_id', '', true);
SELECT id, stage, on_hold::integer, version, jsonb_build_object('given_name', given_name, 'family_name', family_name, 'languages', to_jsonb(languages), 'vulnerabilities', to_jsonb(vulnerabilities), 'hold_reason', hold_reason)::text FROM people WHERE id = :pid FOR UPDATE;
UPDATE people SET on_hold = NOT on_hold, version = version + 1, updated_at = now() WHERE id = :pid;
INSERT INTO journey_steps (person_id, kind, from_stage, to_stage, on_hold, occurred_at) VALUES (:pid, 'hold', 'reported', 'reported', true, now());
SELECT case_id FROM victim_links WHERE person_id = :pid AND unlinked_at IS NULL ORDER BY 1;
INSERT INTO events (type, topics, person_id, payload) VALUES ('bench', '{}', :pid, '{}');
INSERT INTO audit_log (at, actor_kind, action, entity, outcome) VALUES (now(), 'system', 'bench', 'person', 'allowed');
END;
SQL
sql_tps() {
  "$pgbench" -n -M "$1" -f "$script" -c 16 -j 2 -T "$seconds" "$RUDI_DATABASE_URL" 2>/dev/null |
    awk '/^tps/ {print int($3); exit}'
}
simple_tps=$(sql_tps simple)
prepared_tps=$(sql_tps prepared)
# What a NOTIFY in every writer's transaction would cost (it takes a cluster-wide lock at commit); Rudi's
# sequencer rings once per batch instead.
sed -i 's/^END;$/NOTIFY rudi_bench;\nEND;/' "$script"
notify_tps=$(sql_tps prepared)
rm -f "$script"
echo "pgbench, a transition's SQL, 16 clients: ${simple_tps} tps planned at every call, ${prepared_tps} tps as prepared statements, ${notify_tps} tps with a NOTIFY in each"
# pgbench's events and audit rows go through the server's sequencer too: let it finish before measuring.
for _ in $(seq 1 600); do
  [[ $(psql -qtAX "$owner" -c "SELECT count(*) FROM events WHERE seq IS NULL") == 0 ]] && break
  sleep 0.2
done

line16=$("$driver" "$port" "$token" "$seconds" "${people[@]:0:16}")
echo "$line16"
http16=$(sed -E 's/.*: ([0-9]+) transitions.*/\1/' <<<"$line16")
percent() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0f%%", 100 * a / b}'; }
echo "ratio at 16 clients: $(percent "$http16" "$pg_tps") of pgbench's one-row update; $(percent "$http16" "$prepared_tps") of a transition's own SQL in pgbench (prepared)"
