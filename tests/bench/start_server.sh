# Sourced by the benchmark drivers: starts `$rudi serve` on a free port with its log in a temporary file,
# stops it when the driver exits, and sets $port. Usage: start_server [serve flags…]
start_server() {
  server_log=$(mktemp)
  "$rudi" serve --listen 127.0.0.1:0 "$@" >"$server_log" 2>&1 &
  server=$!
  trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$server_log"' EXIT
  port=
  for _ in $(seq 1 100); do
    port=$(grep -m1 '"msg":"listening"' "$server_log" | sed -E 's/.*"port":([0-9]+).*/\1/' || true)
    [[ -n $port ]] && return 0
    sleep 0.1
  done
  cat "$server_log" >&2
  echo "the server did not start" >&2
  return 1
}
