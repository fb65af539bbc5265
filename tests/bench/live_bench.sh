#!/usr/bin/env bash
# The live websocket hub under load, measured by tests/bench/live_load.cpp against Rudi and against a plain
# broadcast server on Node's `ws` package (tests/bench/ws_baseline/server.js: no authentication, no
# database, no filtering) through the same client:
#   (a) 10,000 connections to one node: how many are held, the server's resident memory before and with
#       them, and one change (a transition) delivered to all of them;
#   (b) 1,000 dashboards on one cohort's topic while transitions arrive at 200 a second for SECONDS:
#       latency from commit to receipt (p50, p99), events lost and the server's CPU time an event; then the
#       same at 20 a second, a rate that a two-core machine delivers without a backlog;
#   (c) the same (both rates) with two `rudi serve` nodes on the same database, 500 dashboards on each, the
#       transitions posted to the first;
#   (d) the baseline through (a) and (b), and Rudi's figures as ratios to it;
#   (e) the machine's floor (tests/bench/loopback_floor.cpp): the same fan-out by a bare sender and receiver
#       over loopback TCP, with no websocket, JSON, database or library, at the same rates: what no server
#       can beat here, and how much of the machine the fan-out alone takes.
# The client runs on the same machine as the servers and the database, and takes a core of its own at the
# busiest. Called by `ops/bench live`, which provides the release build and a migrated throwaway database.
#   live_bench.sh BUILD_DIR [SECONDS]      (default 20; RUDI_LIVE_RATES="200 20": the rates of (b), (c), (d))
# RUDI_LIVE_PARTS="a b c d e" picks the parts to run (the summary shows n/a for the others),
# RUDI_LIVE_THREADS the network threads of each node (default: one a core) and RUDI_LIVE_CLIENT_THREADS the
# load client's (default 1).
set -euo pipefail
build=$1
seconds=${2:-20}
here=$(cd "$(dirname "$0")" && pwd)
rudi=$build/backend/app/rudi
load=$build/tests/bench/live_load
floor=$build/tests/bench/loopback_floor
baseline=$here/ws_baseline
# The rate asked of the hub, and one this machine can deliver to 1,000 dashboards, for latencies without a
# backlog (RUDI_LIVE_RATES overrides both).
read -r -a rates <<<"${RUDI_LIVE_RATES:-200 20}"
parts=" ${RUDI_LIVE_PARTS:-a b c d e} "
runs() { [[ $parts == *" $1 "* ]]; }
threads=${RUDI_LIVE_THREADS:-$(nproc)}
client_threads=${RUDI_LIVE_CLIENT_THREADS:-1}

command -v node >/dev/null || { echo "live_bench: node (and npm) are needed for the baseline" >&2; exit 1; }
# 10,000 connections take 10,000 descriptors in the server and as many in the client.
ulimit -n "$(ulimit -Hn)"

"$rudi" migrate >/dev/null
if [[ -z ${RUDI_DATA_KEYS:-} ]]; then eval "$("$rudi" keys generate | sed 's/^/export /')"; fi

# Every server this script starts, stopped when it exits.
server_pids=()
server_logs=()
stop_servers() {
  local pid
  for pid in "${server_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${server_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -f "${server_logs[@]}"
}
trap stop_servers EXIT

# Starts a server in the background and waits for the port it prints. Sets $started_pid and $started_port.
#   start_logged PATTERN SED_EXPRESSION COMMAND...
start_logged() {
  local pattern=$1 expression=$2 log
  shift 2
  log=$(mktemp)
  server_logs+=("$log")
  "$@" >"$log" 2>&1 &
  started_pid=$!
  server_pids+=("$started_pid")
  started_port=
  for _ in $(seq 1 100); do
    started_port=$(grep -m1 -- "$pattern" "$log" | sed -E "$expression" || true)
    [[ -n $started_port ]] && return 0
    sleep 0.1
  done
  cat "$log" >&2
  echo "live_bench: $1 did not start" >&2
  return 1
}
# A node of Rudi, allowed the 10,000 connections and a few more.
start_rudi() {
  start_logged '"msg":"listening"' 's/.*"port":([0-9]+).*/\1/' \
    "$rudi" serve --listen 127.0.0.1:0 --threads "$threads" --max-connections 12000
}
start_baseline() {
  start_logged '^listening ' 's/^listening ([0-9]+).*/\1/' node "$baseline/server.js" 0
}

# Runs the load client, showing its lines as they come; its JSON line is left in $result.
run_load() {
  local out
  out=$(mktemp)
  "$load" --threads "$client_threads" "$@" | tee "$out" || echo "(the load client reported a failure)"
  result=$(grep '^{' "$out" | tail -n 1 || true)
  [[ -n $result ]] || result='{}'
  rm -f "$out"
}
field() { jq -r "$2 // empty" <<<"$1"; }
# The load client's CPU an event received (µs), from a JSON line.
client_per_event() {
  jq -r 'if (.received // 0) > 0 then (.client_cpu_s * 1e6 / .received * 100 | round / 100) else empty end' <<<"$1"
}
# Server memory a connection (KiB), from a JSON line.
per_connection() {
  jq -r 'if .held > 0 then ((.rss_held_kb - .rss_before_kb) / .held * 10 | round / 10) else empty end' <<<"$1"
}
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "n/a"; else printf "%.2f×", a / b }'
}

start_rudi
node_a=$started_pid
port_a=$started_port

# A ministry officer's API token, a mission, a cohort and 64 people (as in journey_bench.sh).
password_file=$(mktemp)
echo "Bench-password-$(date +%s%N)" >"$password_file"
user=bench.live.$$
"$rudi" user add --username "$user" --display-name "Live benchmark" --role ministry_officer \
  --password-file "$password_file" >/dev/null
rm -f "$password_file"
"$rudi" mission add --name "Live bench mission $$" --host-country TH --city Bangkok >/dev/null
mission=$("$rudi" mission list | awk -F'\t' -v n="Live bench mission $$" '$2 == n {print $1}')
token=$("$rudi" token add --name live-bench --username "$user" 2>/dev/null)
api() { curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
cohort=$(api -d "{\"mission_id\":$mission,\"name\":\"Live bench\",\"released_on\":\"2025-02-12\",\"country\":\"MM\"}" \
  "http://127.0.0.1:$port_a/api/v1/cohorts" | sed -E 's/.*"id":([0-9]+).*/\1/')
people=()
for i in $(seq 1 64); do
  people+=("$(api -d "{\"cohort_id\":$cohort,\"given_name\":\"Live\",\"family_name\":\"Person$i\"}" \
    "http://127.0.0.1:$port_a/api/v1/people" | sed -E 's/.*"id":([0-9]+),"languages".*/\1/')")
done
people_list=$(IFS=,; echo "${people[*]}")
common=(--bearer "$token" --topic "cohort:$cohort" --people "$people_list")

cpu_model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
echo "machine: $(nproc) cores, $cpu_model, $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) (anything else running skews the figures)"
ws_version=$(node -p "require('$baseline/node_modules/ws/package.json').version" 2>/dev/null || echo '?')
echo "servers, database and load client share the machine; Node $(node --version), ws $ws_version"

echo "Rudi's nodes: $threads network thread(s) each"

rudi_a='{}' base_a='{}'
if runs a; then
  echo
  echo "== (a) Rudi: 10,000 connections to one node, then one transition delivered to all"
  run_load --port "$port_a" "${common[@]}" --connections 10000 --broadcast-once --server-pid "$node_a" \
    --label "rudi, one node"
  rudi_a=$result
  sleep 2
fi

declare -A rudi_b rudi_c base_b
for rate in "${rates[@]}"; do
  rudi_b[$rate]='{}' rudi_c[$rate]='{}' base_b[$rate]='{}'
done
runs b && for rate in "${rates[@]}"; do
  echo
  echo "== (b) Rudi: 1,000 dashboards on cohort:$cohort, transitions at $rate/s for ${seconds}s"
  run_load --port "$port_a" "${common[@]}" --connections 1000 --write-rate "$rate" --write-seconds "$seconds" \
    --server-pid "$node_a" --label "rudi, one node, $rate/s"
  rudi_b[$rate]=$result
  sleep 2
done

runs c && start_rudi
node_b=$started_pid
port_b=$started_port
runs c && for rate in "${rates[@]}"; do
  echo
  echo "== (c) Rudi: two nodes on one database, 500 dashboards on each, transitions at $rate/s through the first"
  run_load --port "$port_a,$port_b" --write-port "$port_a" "${common[@]}" --connections 1000 \
    --write-rate "$rate" --write-seconds "$seconds" --server-pid "$node_a,$node_b" \
    --label "rudi, two nodes, $rate/s"
  rudi_c[$rate]=$result
  sleep 2
done

if runs d; then
  echo
  echo "== (d) baseline: Node ws broadcast server, the same (a) and (b)"
  if [[ ! -d $baseline/node_modules ]]; then
    (cd "$baseline" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  start_baseline
  node_base=$started_pid
  port_base=$started_port
  base_common=(--port "$port_base" --writer publish --topic "cohort:$cohort" --server-pid "$node_base")
  if runs a; then
    run_load "${base_common[@]}" --connections 10000 --broadcast-once --label "baseline"
    base_a=$result
  fi
  for rate in "${rates[@]}"; do
    sleep 2
    echo
    run_load "${base_common[@]}" --connections 1000 --write-rate "$rate" --write-seconds "$seconds" \
      --label "baseline, $rate/s"
    base_b[$rate]=$result
  done
fi

declare -A floor_e
for rate in "${rates[@]}"; do floor_e[$rate]='{}'; done
runs e && for rate in "${rates[@]}"; do
  echo
  echo "== (e) the floor: 1,000 loopback TCP connections, a bare send(2) loop and an epoll receiver, $rate/s"
  out=$("$floor" --connections 1000 --rate "$rate" --seconds "$seconds") || echo "(the floor's run fell short)"
  echo "$out" | grep -v '^{' || true
  floor_e[$rate]=$(grep '^{' <<<"$out" | tail -n 1 || echo '{}')
done

echo
echo "== summary (Rudi / baseline)"
printf '%-52s %12s %12s %10s\n' "" "Rudi" "baseline" "ratio"
row() { printf '%-52s %12s %12s %10s\n' "$1" "${2:-n/a}" "${3:-n/a}" "$(ratio "$2" "$3")"; }
row "10,000: connections held" "$(field "$rudi_a" .held)" "$(field "$base_a" .held)"
row "10,000: seconds to open them" "$(field "$rudi_a" .open_s)" "$(field "$base_a" .open_s)"
row "10,000: server memory a connection (KiB)" "$(per_connection "$rudi_a")" "$(per_connection "$base_a")"
row "10,000: server memory with them held (MiB)" "$(jq -r '(.rss_held_kb // empty) / 1024 | round' <<<"$rudi_a")" \
  "$(jq -r '(.rss_held_kb // empty) / 1024 | round' <<<"$base_a")"
row "10,000: one change, connections reached" "$(field "$rudi_a" .broadcast_got)" \
  "$(field "$base_a" .broadcast_got)"
row "10,000: one change, ms to the last" "$(field "$rudi_a" .broadcast_last_ms)" "$(field "$base_a" .broadcast_last_ms)"
for rate in "${rates[@]}"; do
  r=${rudi_b[$rate]} b=${base_b[$rate]}
  row "1,000 at $rate/s: changes accepted a second" "$(field "$r" .write_rate)" "$(field "$b" .write_rate)"
  row "1,000 at $rate/s: p50 ms" "$(field "$r" .p50_ms)" "$(field "$b" .p50_ms)"
  row "1,000 at $rate/s: p99 ms" "$(field "$r" .p99_ms)" "$(field "$b" .p99_ms)"
  row "1,000 at $rate/s: events lost" "$(field "$r" .lost)" "$(field "$b" .lost)"
  row "1,000 at $rate/s: connections closed by the server" "$(field "$r" .closed)" "$(field "$b" .closed)"
  row "1,000 at $rate/s: p50 ms to the first dashboard" "$(field "$r" .first_p50_ms)" "$(field "$b" .first_p50_ms)"
  row "1,000 at $rate/s: server CPU µs an event" "$(field "$r" .server_cpu_us_per_event)" \
    "$(field "$b" .server_cpu_us_per_event)"
  row "1,000 at $rate/s: load client CPU µs an event" "$(client_per_event "$r")" "$(client_per_event "$b")"
done
for rate in "${rates[@]}"; do
  r=${rudi_c[$rate]}
  row "two nodes, 500 + 500 at $rate/s: p50 ms" "$(field "$r" .p50_ms)" ""
  row "two nodes, 500 + 500 at $rate/s: p99 ms" "$(field "$r" .p99_ms)" ""
  row "two nodes, 500 + 500 at $rate/s: events lost" "$(field "$r" .lost)" ""
  row "two nodes, 500 + 500 at $rate/s: connections closed" "$(field "$r" .closed)" ""
done
for rate in "${rates[@]}"; do
  f=${floor_e[$rate]}
  row "floor, 1,000 at $rate/s: p50 ms" "$(field "$f" .p50_ms)" ""
  row "floor, 1,000 at $rate/s: sender CPU µs a message" "$(field "$f" .sender_cpu_us_per_message)" ""
  row "floor, 1,000 at $rate/s: receiver CPU µs a message" "$(field "$f" .receiver_cpu_us_per_message)" ""
done
echo "(latency: Rudi's from the commit of the transition, the baseline's from the receipt of its POST, both to"
echo " the client's receipt; a server that cannot keep up with the offered rate accepts fewer changes (the"
echo " baseline answers its POST only after the broadcast) or queues the events (Rudi), so at a rate beyond"
echo " the machine the latencies measure the backlog; CPU an event is the server's over the changes and their"
echo " delivery, divided by the events delivered; events lost are those a connection never received, most"
echo " often because the server closed it (Rudi: 4000 when a dashboard falls 1,024 events behind; the client"
echo " does not resume); the floor is a bare sender and receiver on the same loopback sockets, its latency"
echo " from the start of each message's round of sends)"
