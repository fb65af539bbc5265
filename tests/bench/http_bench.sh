#!/usr/bin/env bash
# HTTP baseline: wrk against GET /healthz (no database) and GET /readyz (one database round trip on the
# database pool), printing requests per second and latency percentiles. Called by `ops/bench http`,
# which provides the release binary and a migrated database.
#   http_bench.sh RUDI_BINARY [SECONDS]
set -euo pipefail
rudi=$1
seconds=${2:-10}
connections=${RUDI_BENCH_CONNECTIONS:-64}
wrk_threads=${RUDI_BENCH_WRK_THREADS:-2}
server_threads=${RUDI_BENCH_SERVER_THREADS:-$(nproc)}

"$rudi" migrate >/dev/null
if [[ -z ${RUDI_DATA_KEYS:-} ]]; then eval "$("$rudi" keys generate | sed 's/^/export /')"; fi
# Logging stays on (one line per request, as in production), written to a file.
source "$(dirname "$0")/start_server.sh"
start_server --threads "$server_threads"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "load: wrk $wrk_threads threads, $connections connections, ${seconds}s per route; server $server_threads threads, same machine"
# An administrator (no second factor needed) to sign in as, for the authenticated figures.
password_file=$(mktemp)
echo "Bench-password-$(date +%s%N)" >"$password_file"
bench_user=bench.admin.$$
"$rudi" user add --username "$bench_user" --display-name "Benchmark" --role administrator \
  --password-file "$password_file" >/dev/null
body=$(printf '{"username":"%s","password":"%s"}' "$bench_user" "$(cat "$password_file")")
rm -f "$password_file"

# One sign-in at a time: Argon2id (libsodium's interactive limits) dominates it.
times=()
for _ in $(seq 1 10); do
  t=$(curl -s -o /dev/null -w '%{time_total}' -H 'Content-Type: application/json' -d "$body" \
    "http://127.0.0.1:$port/api/v1/session")
  times+=("$t")
done
login_ms=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)] * 1000}')
cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' -d "$body" \
  "http://127.0.0.1:$port/api/v1/session" | awk -F'[=;]' 'tolower($1) ~ /^set-cookie: __host-rudi_session/ {print $2; exit}')
echo "sign-in (POST /api/v1/session, one at a time): median ${login_ms} ms of 10"

printf '%-14s %12s %10s %10s %10s %10s\n' route "requests/s" p50 p90 p99 errors
for route in /healthz /readyz /api/v1/me; do
  header=()
  [[ $route == /api/* ]] && header=(-H "Cookie: __Host-rudi_session=$cookie")
  out=$(wrk -t"$wrk_threads" -c"$connections" -d"${seconds}s" --latency "${header[@]}" "http://127.0.0.1:$port$route")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p90=$(awk '$1 == "90%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {sub(/^ +/, ""); printf "%s; ", $0}' <<<"$out")
  printf '%-14s %12s %10s %10s %10s %10s\n' "$route" "$rps" "$p50" "$p90" "$p99" "${errors:-none}"
done
