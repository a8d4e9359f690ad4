#!/usr/bin/env bash
# Backs up the ApprovalFlow database with pg_dump in custom format (-Fc: compressed, restored selectively and in
# parallel by pg_restore) into a folder, as approvalflow-<database>-<UTC time>.dump, then removes old backups.
# A dump is one consistent snapshot of everything: instances, tasks, history, the plan's content, attachments,
# Hangfire's jobs and timers, the Data Protection keys (so sign-ins stay valid after a restore).
#   deploy/backup.sh [--dir DIR] [--keep N] [--keep-days D]
#     --dir DIR        where the dumps go (default /var/lib/approvalflow/backups when it exists, else .data/backups in the repo)
#     --keep N         keep the newest N dumps of this database (default 14; 0 keeps all)
#     --keep-days D    also remove dumps older than D days (default 0: no age limit)
# The database: ConnectionStrings__ApprovalFlow, else /etc/approvalflow/approvalflow.env, else PG* variables, else the
# local cluster of deploy/postgres.sh on APPROVALFLOW_PGPORT (deploy/pgconnection.sh). Prints the dump's path last.
# Run it from cron or a systemd timer, e.g. daily: 15 2 * * * approvalflow /opt/approvalflow/current/deploy/backup.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=deploy/pgconnection.sh
. "$here/pgconnection.sh"
dir=""
keep=14
keep_days=0
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    --keep-days) keep_days="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "backup.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [ -z "$dir" ]; then
  if [ -d /var/lib/approvalflow/backups ] && [ -w /var/lib/approvalflow/backups ]; then dir=/var/lib/approvalflow/backups; else dir="$(cd "$here/.." && pwd)/.data/backups"; fi
fi
pg_connection
mkdir -p "$dir"
name="approvalflow-$PGDATABASE-$(date -u +%Y%m%dT%H%M%SZ).dump"
# Written under a temporary name and renamed when complete, so a failed dump never looks like a backup.
"$pg_bin/pg_dump" --format=custom --no-owner --file="$dir/$name.partial" "$PGDATABASE"
mv "$dir/$name.partial" "$dir/$name"

if [ "$keep" -gt 0 ]; then
  ls -1t "$dir"/approvalflow-"$PGDATABASE"-*.dump | tail -n +$((keep + 1)) | xargs -r rm -f --
fi
if [ "$keep_days" -gt 0 ]; then
  find "$dir" -maxdepth 1 -name "approvalflow-$PGDATABASE-*.dump" -mtime +"$keep_days" ! -name "$name" -delete
fi
echo "$dir/$name"
