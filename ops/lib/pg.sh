# Shared by ops/db, ops/run, ops/test and ops/bench: where Rudi's private PostgreSQL cluster lives and how
# to run its programs. Sourced, not executed.
#
#   RUDI_PG_DIR    the cluster's directory (default: var/pg under the checkout)
#   RUDI_PG_PORT   its port on 127.0.0.1, fixed when the cluster is created (default: 55432)

rudi_root=${rudi_root:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
pg_bin=/usr/lib/postgresql/15/bin

# Run a PostgreSQL program as the cluster's owner: postgres, when we are root (PostgreSQL refuses to
# run as root), or ourselves otherwise.
as_cluster_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# The directory the cluster lives in. As root the postgres user must be able to reach it; a checkout
# under a private home directory is not reachable, so such a cluster lives under /tmp instead, at a
# path derived from the requested one so that every command finds it again.
pg_cluster_dir() {
  local wanted=${RUDI_PG_DIR:-$rudi_root/var/pg}
  mkdir -p "$(dirname "$wanted")"
  wanted=$(cd "$(dirname "$wanted")" && pwd)/$(basename "$wanted")
  if [[ $(id -u) -eq 0 ]] && ! runuser -u postgres -- test -x "$(dirname "$wanted")" 2>/dev/null; then
    echo "/tmp/rudi-pg-$(printf '%s' "$wanted" | sha256sum | cut -c1-16)"
  else
    echo "$wanted"
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A port on 127.0.0.1 that nothing listens on now.
free_port() {
  local port
  for _ in $(seq 1 100); do
    # Below Linux's ephemeral range (32768 and up): a port there can be taken by any outgoing connection
    # between this check and the server's bind.
    port=$((20000 + RANDOM % 12000))
    if ! port_in_use "$port"; then echo "$port"; return 0; fi
  done
  echo "no free port found" >&2
  return 1
}
