#!/usr/bin/env bash
# Transitions over HTTP with 1, 16 and 64 concurrent clients (tests/bench/journey_bench.cpp), and in the
# same run pgbench's one-row update on the same cluster, with the ratio at 16 clients. Called by
# `ops/bench journey`, which provides the release build and a migrated throwaway database.
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
rm -f "$script"
echo "pgbench one-row update, 16 clients: ${pg_tps} tps"
line16=$("$driver" "$port" "$token" "$seconds" "${people[@]:0:16}")
echo "$line16"
http16=$(sed -E 's/.*: ([0-9]+) transitions.*/\1/' <<<"$line16")
echo "ratio at 16 clients: $(awk -v a="$http16" -v b="$pg_tps" 'BEGIN {printf "%.0f%%", 100 * a / b}') of pgbench"
