#!/usr/bin/env bash
# A roster import of ROWS fictional people (default 100,000) through `rudi import roster`, and in the same
# run the same file loaded into a bare table with PostgreSQL's COPY: both times, their ratio, and the
# importer's peak memory (also for a file a tenth the size, to show that memory does not grow with the
# file). Called by `ops/bench import`, which provides the release build and a migrated throwaway database.
#   import_bench.sh BUILD_DIR [ROWS]
set -euo pipefail
build=$1
rows=${2:-100000}
rudi=$build/backend/app/rudi
app=$RUDI_DATABASE_URL
owner=$RUDI_MIGRATION_DATABASE_URL

"$rudi" migrate >/dev/null
if [[ -z ${RUDI_DATA_KEYS:-} ]]; then eval "$("$rudi" keys generate | sed 's/^/export /')"; fi

# A ministry officer to import in the name of, a mission, and a cohort for each run.
password_file=$(mktemp)
echo "Bench-password-$(date +%s%N)" >"$password_file"
user=bench.import.$$
"$rudi" user add --username "$user" --display-name "Benchmark" --role ministry_officer \
  --password-file "$password_file" >/dev/null
rm -f "$password_file"
"$rudi" mission add --name "Bench mission $$" --host-country TH --city Bangkok >/dev/null
mission=$("$rudi" mission list | awk -F'\t' -v n="Bench mission $$" '$2 == n {print $1}')
new_cohort() {
  psql -qXAt "$app" -c "SELECT set_config('rudi.role', 'ministry_officer', false)" \
    -c "INSERT INTO cohorts (mission_id, name, released_on, country) VALUES ($mission, 'Bench $1', '2025-02-12', 'MM') RETURNING id" |
    tail -1
}

# Invented names drawn from short lists; every row a national with its own passport number.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
make_roster() {
  awk -v n="$1" -v start="$2" 'BEGIN {
    split("Achieng Baraka Chebet Daudi Esther Faraji Halima Imani Jabali Kerubo Lulu Mosi Nafula Omari Pendo Rehema", g, " ");
    split("Adongo Barasa Cherono Gitau Kiprop Maina Njeri Ochieng Onyango Wairimu Wekesa Zuberi", f, " ");
    print "Surname;First name;Sex;DOB;Nationality;Passport No.;Stage;Current location\r";
    for (i = 0; i < n; i++) {
      printf "%s;%s;%s;%02d/%02d/%d;KEN;BK%08d;%s;\"Shelter %d, Mae Sot\"\r\n", f[i % 12 + 1], g[int(i / 12) % 16 + 1],
        (i % 2 ? "F" : "M"), i % 28 + 1, i % 12 + 1, 1970 + i % 35, start + i, (i % 3 ? "located" : "reported"), i % 7
    }
  }'
}
make_roster "$rows" 0 >"$work/roster.csv"
make_roster $((rows / 10)) 50000000 >"$work/small.csv"

import() {  # import FILE → seconds and peak RSS (KiB) of the importer
  local cohort
  cohort=$(new_cohort "$1")
  /usr/bin/time -v "$rudi" import roster "$1" --cohort "$cohort" --as "$user" >"$work/report.json" 2>"$work/time.txt"
  local imported
  imported=$(grep -m1 '"imported"' "$work/report.json" | tr -dc 0-9)
  [[ $imported -gt 0 ]] || { cat "$work/time.txt" >&2; exit 1; }
  awk -v imported="$imported" '/Elapsed \(wall clock\)/ {n = split($NF, t, ":"); s = t[n] + (n > 1 ? t[n-1] * 60 : 0)}
    /Maximum resident set size/ {rss = $NF} END {printf "%s %.2f %d\n", imported, s, rss}' "$work/time.txt"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "file: $rows rows, $(($(stat -c %s "$work/roster.csv") / 1024)) KiB; each person sealed (document), indexed, inserted with a journey step and an audit row, in one transaction"
read -r small_imported small_seconds small_rss < <(import "$work/small.csv")
read -r imported seconds rss < <(import "$work/roster.csv")

# The same file into a bare table, with COPY: the floor that PostgreSQL itself sets on this machine.
psql -qX "$owner" -c "SET client_min_messages = warning; DROP TABLE IF EXISTS bench_roster; CREATE TABLE bench_roster (surname text, given text, sex text,
  dob text, nationality text, passport text, stage text, location text)" >/dev/null
copy_ms=$(psql -qX "$owner" <<SQL | awk '/^Time:/ {print $2}'
\timing on
\copy bench_roster FROM '$work/roster.csv' WITH (FORMAT csv, HEADER true, DELIMITER ';')
SQL
)
psql -qX "$owner" -c "DROP TABLE bench_roster" >/dev/null

awk -v n="$imported" -v s="$seconds" -v c="$copy_ms" -v rss="$rss" -v sn="$small_imported" -v ss="$small_seconds" \
  -v srss="$small_rss" 'BEGIN {
  printf "rudi import roster: %d people in %.2f s (%.0f rows/s), peak RSS %.1f MiB\n", n, s, n / s, rss / 1024;
  printf "COPY into a bare table: %d rows in %.2f s\n", n, c / 1000;
  printf "ratio import / COPY: %.1f\n", s / (c / 1000);
  printf "a tenth of the file: %d people in %.2f s, peak RSS %.1f MiB\n", sn, ss, srss / 1024;
}'
