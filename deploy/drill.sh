#!/usr/bin/env bash
# Fault drills on this machine (issue 14, docs/operations.md "Drills"): real service processes from a published release, a
# real PostgreSQL, nginx, an in-process SMTP server. Each drill prints its figures and exits 1 when something was lost.
#   deploy/drill.sh install                  publish, install into a staging root, start the installed release with a
#                                            Production environment file on a password-only cluster, check it serves
#   deploy/drill.sh crash-loop  [--tasks 1000 --clients 8 --kill-every 5]
#   deploy/drill.sh db-restart  [--tasks 300 --clients 4 --down 20]
#   deploy/drill.sh mail-outage [--minutes 10 --recipients 40]
#   deploy/drill.sh memory      [--limit-mib 1024 --simulation-minutes 60]
#   deploy/drill.sh all         every drill above, one after the other
# Options: --published DIR reuses a folder made by deploy/publish.sh (default: publish into artifacts/drill once, reused
# while it is newer than the last commit). APPROVALFLOW_PGPORT chooses the local cluster (deploy/postgres.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
drill="${1:-}"
[ -n "$drill" ] || { sed -n '2,14p' "$0"; exit 2; }
shift
published=""
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --published) published="$(cd "$2" && pwd)"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done

publish() {
  if [ -z "$published" ]; then
    published="$root/artifacts/drill"
    if [ ! -f "$published/VERSION" ] || [ -n "$(git -C "$root" log -1 --since="@$(stat -c %Y "$published/VERSION")" --format=%H 2>/dev/null)" ]; then
      "$root/deploy/publish.sh" "$published"
    fi
  fi
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# The installed release, started as the systemd unit would (its Environment= lines and the environment file), in
# Production, on a cluster of its own that asks every TCP connection for a password (scram-sha-256).
install_drill() {
  publish
  local work stage port pg_port pgdata bin cert service_pid status=0
  work="$(mktemp -d /tmp/approvalflow-install-drill.XXXXXX)"
  stage="$work/root"
  "$published/deploy/install.sh" --root "$stage" --nodes 2 --server-name plan.example.test \
    --tls-certificate "$work/tls.pem" --tls-key "$work/tls.key"
  local app="$stage/opt/approvalflow/current" unit="$stage/etc/systemd/system/approvalflow@.service"
  local env_file="$stage/etc/approvalflow/approvalflow.env" site="$stage/etc/nginx/sites-available/approvalflow.conf"
  for path in "$app/ApprovalFlow.Server.dll" "$app/VERSION" "$app/wwwroot/dist/site.js" "$app/workflows/mid-term-plan.bpmn" \
    "$app/seed/mashhad-directory.json" "$app/deploy/backup.sh" "$app/docs/operations.md" "$env_file" "$unit" "$site"; do
    [ -e "$path" ] || { echo "install drill: $path is missing" >&2; exit 1; }
  done
  echo "Installed files: ok ($(cat "$app/VERSION"))"

  # The nginx site: syntax and certificate paths (a self-signed certificate), in a throw-away prefix.
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=plan.example.test -keyout "$work/tls.key" -out "$work/tls.pem" 2>/dev/null
  mkdir -p "$work/nginx/logs"
  printf 'pid %s/nginx/nginx.pid;\nerror_log %s/nginx/logs/error.log;\nevents {}\nhttp {\n  access_log off;\n  include %s;\n}\n' \
    "$work" "$work" "$site" > "$work/nginx/nginx.conf"
  nginx -t -q -p "$work/nginx" -c "$work/nginx/nginx.conf"
  echo "nginx -t on the installed site: ok"
  if [ -d /run/systemd/system ]; then
    systemd-analyze verify "$unit"
  else
    echo "systemd is not PID 1 here: the unit was not verified with systemd-analyze"
  fi

  pg_port="$(free_port)"
  pgdata="$work/postgres"
  APPROVALFLOW_PGPORT="$pg_port" APPROVALFLOW_PGDATA="$pgdata" "$root/deploy/postgres.sh" >/dev/null
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  local data; data="$(readlink -f "$pgdata")"
  sed -i -E 's/^(host[[:space:]].*)trust$/\1scram-sha-256/' "$data/pg_hba.conf"
  psql -q -h /tmp -p "$pg_port" -U postgres -d postgres -c "SELECT pg_reload_conf()" \
    -c "CREATE ROLE approvalflow LOGIN PASSWORD 'drill-Secret-1'" -c "CREATE DATABASE approvalflow OWNER approvalflow" >/dev/null
  port="$(free_port)"
  cat > "$env_file" <<ENV
App__BaseUrl=https://plan.example.test
ConnectionStrings__ApprovalFlow=Host=127.0.0.1;Port=$pg_port;Username=approvalflow;Password=drill-Secret-1;Database=approvalflow
Smtp__Host=127.0.0.1
Smtp__Port=$(free_port)
Smtp__Security=None
Smtp__From=ApprovalFlow <noreply@plan.example.test>
Seed__Demo=true
Seed__DemoPassword=Drill-Password-7
ENV
  (
    cd "$app"
    # The unit's Environment= lines (HOME pointed at the staging data folder), then the environment file's KEY=VALUE lines,
    # taken literally as systemd does (a value such as "ApprovalFlow <noreply@...>" is no shell syntax).
    while IFS= read -r setting; do
      [ -n "$setting" ] && export "$setting"
    done < <(sed -n 's/^Environment=\(.*\)$/\1/p' "$unit" | sed "s|=/var/lib/approvalflow|=$stage/var/lib/approvalflow|"; grep -E '^[A-Za-z_][A-Za-z0-9_]*=' "$env_file")
    exec dotnet "$app/ApprovalFlow.Server.dll" --urls "http://127.0.0.1:$port"
  ) > "$work/service.log" 2>&1 &
  service_pid=$!
  for _ in $(seq 1 180); do
    curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
    kill -0 "$service_pid" 2>/dev/null || break
    sleep 1
  done
  check() { if "$@"; then :; else echo "install drill: failed: $*" >&2; status=1; fi; }
  check curl -fsS -o /dev/null "http://127.0.0.1:$port/health/ready"
  local login; login="$(curl -fsS "http://127.0.0.1:$port/account/login" || true)"
  local asset; asset="$(grep -o '/dist/[A-Za-z0-9._/-]*\.js[^"]*' <<<"$login" | head -n 1)"
  check test -n "$asset"
  if [ -n "$asset" ]; then
    echo "The sign-in page links $asset: $(curl -fsS -o /dev/null -w '%{http_code} %{content_type} %{size_download} bytes' "http://127.0.0.1:$port$asset")"
    check curl -fsS -o /dev/null "http://127.0.0.1:$port$asset"
  fi
  check grep -q '"Production settings checked' "$work/service.log"
  echo "RSS of the ready node: $(awk '/VmRSS/ {print int($2/1024) " MiB"}' "/proc/$(pgrep -P "$service_pid" dotnet || echo "$service_pid")/status" 2>/dev/null || echo unknown)"
  kill "$service_pid" 2>/dev/null || true
  wait "$service_pid" 2>/dev/null || true
  APPROVALFLOW_PGPORT="$pg_port" APPROVALFLOW_PGDATA="$pgdata" "$root/deploy/postgres.sh" stop
  if [ "$status" = 0 ]; then
    echo "Install drill: the installed release started in Production (password authentication) and served the web app's assets"
    rm -rf "$work"
  else
    echo "Install drill failed; the service log is $work/service.log" >&2
  fi
  return "$status"
}

run_drill() {
  publish
  dotnet build "$root/tests/ApprovalFlow.Benchmarks" --configuration Release --verbosity quiet --nologo
  dotnet run --project "$root/tests/ApprovalFlow.Benchmarks" --configuration Release --no-build -- drill "$1" --app "$published" "${@:2}"
}

case "$drill" in
  install) install_drill ;;
  crash-loop|db-restart|mail-outage|memory) run_drill "$drill" "${args[@]}" ;;
  all)
    install_drill
    for d in crash-loop db-restart mail-outage memory; do run_drill "$d" "${args[@]}"; done ;;
  *) echo "drill.sh: unknown drill $drill (see deploy/drill.sh without arguments)" >&2; exit 2 ;;
esac
