#!/usr/bin/env bash
# Restores a dump of deploy/backup.sh into a NEW database (it refuses one that exists, so nothing is overwritten):
#   deploy/restore.sh DUMP [--database NAME] [--jobs N]
#     --database NAME  the database to create (default approvalflow_restored_<UTC time>)
#     --jobs N         parallel restore jobs (default 2)
# The server and role come from the same place as for backup.sh (deploy/pgconnection.sh); the role must be allowed to
# create databases. Point ConnectionStrings__ApprovalFlow's Database at the new one (or rename it) and start the nodes:
# the service applies any newer migrations itself. Prints the new database's name last.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=deploy/pgconnection.sh
. "$here/pgconnection.sh"
dump=""
database="approvalflow_restored_$(date -u +%Y%m%d%H%M%S)"
jobs=2
while [ $# -gt 0 ]; do
  case "$1" in
    --database) database="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    -*) echo "restore.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) dump="$1"; shift ;;
  esac
done
if [ -z "$dump" ] || [ ! -f "$dump" ]; then
  echo "restore.sh: give the dump file to restore (see --help)" >&2
  exit 2
fi
pg_connection
exists="$(PGDATABASE=postgres "$pg_bin/psql" --no-psqlrc --tuples-only --no-align -v ON_ERROR_STOP=1 -v name="$database" <<'SQL'
SELECT 1 FROM pg_database WHERE datname = :'name';
SQL
)"
if [ -n "$exists" ]; then
  echo "restore.sh: database $database exists; restore into a new one (--database NAME)" >&2
  exit 1
fi
PGDATABASE=postgres "$pg_bin/psql" --no-psqlrc --quiet -v ON_ERROR_STOP=1 -v name="$database" <<'SQL'
CREATE DATABASE :"name" TEMPLATE template0 ENCODING 'UTF8';
SQL
"$pg_bin/pg_restore" --dbname="$database" --no-owner --exit-on-error --jobs="$jobs" "$dump"
echo "$database"
