# Sourced by deploy/backup.sh and deploy/restore.sh: sets libpq's PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE and
# PGSSLMODE from the service's Npgsql connection string, in this order of preference:
#   ConnectionStrings__ApprovalFlow in the environment;
#   the same line of the environment file $APPROVALFLOW_ENV_FILE (default /etc/approvalflow/approvalflow.env, if readable);
#   libpq's own PG* variables when PGHOST is set;
#   else the local development cluster of deploy/postgres.sh (127.0.0.1, $APPROVALFLOW_PGPORT or 55432, user postgres,
#   database $APPROVALFLOW_DATABASE or approvalflow).
# Also sets pg_bin to the newest PostgreSQL client folder (pg_dump must not be older than the server).
pg_connection() {
  local cs="${ConnectionStrings__ApprovalFlow:-}" env_file="${APPROVALFLOW_ENV_FILE:-/etc/approvalflow/approvalflow.env}"
  if [ -z "$cs" ] && [ -r "$env_file" ]; then
    cs="$(sed -n 's/^ConnectionStrings__ApprovalFlow=//p' "$env_file" | tail -n 1)"
  fi
  if [ -n "$cs" ]; then
    local part key value
    IFS=';' read -ra parts <<< "$cs"
    for part in "${parts[@]}"; do
      key="$(printf '%s' "${part%%=*}" | tr -d ' ' | tr '[:upper:]' '[:lower:]')"
      value="${part#*=}"
      case "$key" in
        host|server) export PGHOST="$value" ;;
        port) export PGPORT="$value" ;;
        username|userid|user|uid) export PGUSER="$value" ;;
        password|pwd) export PGPASSWORD="$value" ;;
        database|db) export PGDATABASE="$value" ;;
        sslmode) export PGSSLMODE="$(printf '%s' "$value" | tr '[:upper:]' '[:lower:]')" ;;
      esac
    done
  elif [ -z "${PGHOST:-}" ]; then
    export PGHOST=127.0.0.1 PGPORT="${APPROVALFLOW_PGPORT:-55432}" PGUSER=postgres PGDATABASE="${APPROVALFLOW_DATABASE:-approvalflow}"
  fi
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$pg_bin" ]; then pg_bin="$(dirname "$(command -v pg_dump)")"; fi
}
