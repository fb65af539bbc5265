#!/usr/bin/env bash
# The cohort board in a browser: a release `rudi serve` with the built web UI, an embassy officer who records
# a cohort of PEOPLE people at "located" and then moves MOVES of them to "verified" as fast as the API takes
# them, and a ministry officer's board open in Debian's Chromium (headless, playwright-core) throughout.
# tests/bench/webui/board_bench.mjs measures the render of the board and the burst from Chromium's
# performance timeline (Long Animation Frames) and prints the figures; the run fails (status 1) when a frame
# during the render or the burst takes longer than 100 ms. Called by `ops/bench webui`, which provides the
# release build, the built web UI (webui/dist) and a migrated throwaway database.
#   webui_bench.sh BUILD_DIR [PEOPLE] [MOVES]    (defaults 500 and 100)
# Environment: RUDI_WEBUI_PARALLEL, moves in flight (default 8); RUDI_CHROMIUM, the browser
# (/usr/bin/chromium); RUDI_WEBUI_DIR, another build of the UI to serve (e.g. one built without
# minification, for readable profiles); RUDI_BENCH_PROFILE=DIR, trace and profile the burst (see the .mjs).
set -euo pipefail
build=$1
people=${2:-500}
moves=${3:-100}
here=$(cd "$(dirname "$0")" && pwd)
rudi_root=$(cd "$here/../.." && pwd)
rudi=$build/backend/app/rudi
chromium=${RUDI_CHROMIUM:-/usr/bin/chromium}
webui_dir=${RUDI_WEBUI_DIR:-$rudi_root/webui/dist}

[[ -x $chromium ]] || { echo "webui_bench: no Chromium at $chromium (ops/setup --browser)" >&2; exit 2; }
[[ -f $webui_dir/index.html ]] || { echo "webui_bench: the web UI is not built ($webui_dir)" >&2; exit 2; }
[[ -d $rudi_root/webui/node_modules/playwright-core ]] ||
  { echo "webui_bench: playwright-core is missing (cd webui && npm ci)" >&2; exit 2; }

"$rudi" migrate >/dev/null
if [[ -z ${RUDI_DATA_KEYS:-} ]]; then eval "$("$rudi" keys generate | sed 's/^/export /')"; fi
source "$here/start_server.sh"
start_server --threads "$(nproc)" --webui-dir "$webui_dir"

# A mission, an embassy officer of it (who records and moves the people) and a ministry officer (whose board
# is open in the browser); both enrol their second factor on their first sign-in, in board_bench.mjs.
mission_name="Board bench mission $$"
"$rudi" mission add --name "$mission_name" --host-country TH --city Bangkok >/dev/null
mission=$("$rudi" mission list | awk -F'\t' -v n="$mission_name" '$2 == n {print $1}')
password="Bench-password-$(date +%s%N)"
password_file=$(mktemp)
echo "$password" >"$password_file"
embassy=bench.embassy.$$
ministry=bench.ministry.$$
"$rudi" user add --username "$embassy" --display-name "Board benchmark, embassy" --role embassy_officer \
  --mission-id "$mission" --password-file "$password_file" >/dev/null
"$rudi" user add --username "$ministry" --display-name "Board benchmark, ministry" --role ministry_officer \
  --password-file "$password_file" >/dev/null
rm -f "$password_file"

chromium_version=$("$chromium" --version 2>/dev/null || echo '?')
cpu_model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
echo "machine: $(nproc) cores, $cpu_model, $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "browser: $chromium_version, headless, 1280×800; Node $(node --version), playwright-core" \
  "$(node -p "require('$rudi_root/webui/node_modules/playwright-core/package.json').version")"
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) (the server, PostgreSQL and the browser share the machine)"

RUDI_BENCH_URL="http://127.0.0.1:$port" RUDI_BENCH_PASSWORD=$password RUDI_BENCH_MISSION=$mission \
  RUDI_BENCH_EMBASSY=$embassy RUDI_BENCH_MINISTRY=$ministry RUDI_BENCH_PEOPLE=$people RUDI_BENCH_MOVES=$moves \
  RUDI_BENCH_PARALLEL=${RUDI_WEBUI_PARALLEL:-8} RUDI_CHROMIUM=$chromium \
  node "$here/webui/board_bench.mjs"
