#!/usr/bin/env bash
# Ensures a local PostgreSQL cluster for ApprovalFlow runs, then prints its connection string.
#   deploy/postgres.sh [start|stop|status]     (default: start; status exits 0 when this clone's cluster runs)
# The cluster lives under the repo's ignored .data/postgres folder and listens on 127.0.0.1 at
# $APPROVALFLOW_PGPORT (default 55432) with trust authentication for local development and tests;
# the connection string names the database $APPROVALFLOW_DATABASE (default approvalflow), which the
# service creates. The server log is .data/postgres/server.log, the Unix socket is in /tmp.
# $APPROVALFLOW_PGDATA names another data folder (e.g. a second, throw-away cluster of a test on its own port).
# Installs Debian's postgresql package when no PostgreSQL server is on the machine.
# As root, the server runs as the 'postgres' user; when that user cannot reach the repo (a clone
# under /root, or below any folder of mode 700) the cluster lives in /var/lib/approvalflow/<hash of
# the repo path>/postgres instead, and .data/postgres links to it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
port="${APPROVALFLOW_PGPORT:-55432}"
link="${APPROVALFLOW_PGDATA:-$root/.data/postgres}"
action="${1:-start}"

server_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

bin="$(server_bin)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "Installing PostgreSQL (Debian package)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >/dev/null
  bin="$(server_bin)"
fi

is_root() { [ "$(id -u)" = 0 ]; }

# PostgreSQL refuses to run as root: run its tools as the 'postgres' user when we are root, from a
# folder that user may enter (they change back to the current folder, which may be the repo).
as_owner() {
  if is_root; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

mkdir -p "$(dirname "$link")"
if is_root && [ ! -e "$link" ] && ! runuser -u postgres -- test -x "$(dirname "$link")"; then
  # The postgres user cannot enter the repo: keep the cluster in a postgres-owned folder.
  outside="/var/lib/approvalflow/$(printf '%s' "${APPROVALFLOW_PGDATA:-$root}" | sha256sum | cut -c1-16)/postgres"
  mkdir -p "$outside"
  chown -R postgres: "$(dirname "$outside")"
  ln -s "$outside" "$link"
fi
# Every PostgreSQL tool gets the real path: the postgres user may not be able to follow the link.
data="$(readlink -f "$link")"

if [ "$action" = stop ]; then
  if [ -f "$data/PG_VERSION" ]; then as_owner "$bin/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true; fi
  exit 0
fi

if [ "$action" = status ]; then
  [ -f "$data/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1
  exit
fi

# Another server may hold the port: a cluster left running by a clone that was since deleted (or replaced by a
# new clone at the same path) is stopped; a live cluster of another folder is left alone and named.
free_port() {
  local lock="/tmp/.s.PGSQL.$port.lock" pid dir
  if [ -r "$lock" ]; then
    pid="$(sed -n 1p "$lock")"
    dir="$(sed -n 2p "$lock")"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      if [ ! -d "$dir" ] || { [ -e "/proc/$pid/cwd" ] && [ "$(stat -L -c %d:%i "/proc/$pid/cwd" 2>/dev/null)" != "$(stat -c %d:%i "$dir")" ]; }; then
        echo "Stopping PostgreSQL (PID $pid) left on port $port by $dir, whose data folder no longer exists." >&2
        if ! kill -INT "$pid" 2>/dev/null; then
          echo "Cannot stop it as $(id -un): stop PostgreSQL PID $pid (kill -INT $pid) and run again." >&2
          exit 1
        fi
        for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
        echo "PostgreSQL (PID $pid) on port $port did not stop; stop it (kill $pid) and run again." >&2
        exit 1
      fi
      echo "Port $port is held by the PostgreSQL cluster of $dir (PID $pid), not this clone's ($data)." >&2
      echo "Stop it (deploy/postgres.sh stop in that clone, or kill -INT $pid) or choose another APPROVALFLOW_PGPORT." >&2
      exit 1
    fi
  fi
  if "$bin/pg_isready" -h 127.0.0.1 -p "$port" -q; then
    echo "Port $port is held by a PostgreSQL server that is not this clone's ($data) and whose socket is not /tmp/.s.PGSQL.$port; stop it or choose another APPROVALFLOW_PGPORT." >&2
    exit 1
  fi
}

# Before initdb: a server stopped now must not write its last checkpoint into a new cluster at the same path.
if ! { [ -f "$data/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; }; then
  free_port
fi

if [ ! -f "$data/PG_VERSION" ]; then
  mkdir -p "$data"
  if is_root; then chown postgres: "$data"; fi
  chmod 700 "$data"
  as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
fi

if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 ${APPROVALFLOW_PGOPTIONS:-}" start >/dev/null
fi

for _ in $(seq 1 60); do
  if "$bin/pg_isready" -h 127.0.0.1 -p "$port" -q; then break; fi
  sleep 0.5
done
"$bin/pg_isready" -h 127.0.0.1 -p "$port" -q

echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=${APPROVALFLOW_DATABASE:-approvalflow}"
