#!/usr/bin/env bash
# Installs (or upgrades to) a published ApprovalFlow release on a Debian host, as root (docs/operations.md):
#   - system user and group 'approvalflow'
#   - /opt/approvalflow/releases/<version> (the binaries) and the link /opt/approvalflow/current to it; the last 5 releases are kept
#   - /var/lib/approvalflow (the nodes' only writable folder: HOME, backups/; attachments and keys live in PostgreSQL)
#   - /etc/approvalflow/approvalflow.env (settings and secrets, created once with mode 0640 and placeholders, never overwritten)
#   - the systemd template unit approvalflow@.service, one instance per node named by its loopback port (approvalflow@5001, ...)
#   - the nginx site approvalflow.conf: TLS, load balancing over the nodes, forwarded headers, body limits, long poll timeouts
# Then (re)starts the nodes one after another, each ready (/health/ready) before the next, and reloads nginx.
#
#   deploy/install.sh [options] [PUBLISHED]   PUBLISHED: the folder of deploy/publish.sh (default: the one this script is in)
#     --nodes N             service nodes on this host (default 2), ports BASE_PORT .. BASE_PORT+N-1
#     --base-port P         first node's port (default 5001)
#     --server-name NAME    nginx server_name (default the host's FQDN)
#     --tls-certificate F   certificate chain (default /etc/ssl/certs/approvalflow.pem)
#     --tls-key F           its private key (default /etc/ssl/private/approvalflow.key)
#     --root DIR            install below DIR instead of / (a staging root to look at or test): no user, no chown, no start
#     --no-start            install only; do not enable, restart or reload anything
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
published="$(cd "$here/.." && pwd)"
nodes=2
base_port=5001
server_name="$(hostname -f 2>/dev/null || hostname)"
tls_certificate=/etc/ssl/certs/approvalflow.pem
tls_key=/etc/ssl/private/approvalflow.key
root=""
start=1
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes="$2"; shift 2 ;;
    --base-port) base_port="$2"; shift 2 ;;
    --server-name) server_name="$2"; shift 2 ;;
    --tls-certificate) tls_certificate="$2"; shift 2 ;;
    --tls-key) tls_key="$2"; shift 2 ;;
    --root) root="$(mkdir -p "$2" && cd "$2" && pwd)"; start=0; shift 2 ;;
    --no-start) start=0; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    -*) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) published="$(cd "$1" && pwd)"; shift ;;
  esac
done
case "$nodes" in ''|*[!0-9]*|0) echo "install.sh: --nodes must be a positive number" >&2; exit 2 ;; esac
if [ ! -f "$published/ApprovalFlow.Server.dll" ] || [ ! -f "$published/VERSION" ]; then
  echo "install.sh: $published is not a folder made by deploy/publish.sh (no ApprovalFlow.Server.dll or VERSION)" >&2
  exit 2
fi
if [ -z "$root" ] && [ "$(id -u)" != 0 ]; then
  echo "install.sh: run as root (or give --root DIR to install into a staging folder)" >&2
  exit 1
fi

app_dir=/opt/approvalflow
data_dir=/var/lib/approvalflow
conf_dir=/etc/approvalflow
version="$(cat "$published/VERSION")"
dotnet="$(command -v dotnet || echo /usr/bin/dotnet)"
dotnet="$(readlink -f "$dotnet" 2>/dev/null || echo "$dotnet")"
owned() { if [ -z "$root" ]; then chown "$@"; fi; }

# 1. The system user (no login, home = the data folder).
if [ -z "$root" ] && ! id approvalflow >/dev/null 2>&1; then
  useradd --system --user-group --home-dir "$data_dir" --no-create-home --shell /usr/sbin/nologin approvalflow
fi

# 2. The release, unpacked once per version, and the 'current' link switched to it in one rename.
release="$root$app_dir/releases/$version"
mkdir -p "$root$app_dir/releases"
if [ ! -d "$release" ]; then
  mkdir -p "$release.partial"
  cp -a "$published/." "$release.partial/"
  mv "$release.partial" "$release"
fi
ln -sfn "releases/$version" "$root$app_dir/current.new"
mv -T "$root$app_dir/current.new" "$root$app_dir/current"
# Keep the newest 5 releases (and always the current one) for a quick way back.
ls -1dt "$root$app_dir/releases"/*/ 2>/dev/null | tail -n +6 | while read -r old; do
  [ "$(basename "$old")" = "$version" ] || rm -rf "$old"
done

# 3. The data folder: the only place a node may write (ProtectSystem=strict).
mkdir -p "$root$data_dir/backups"
chmod 0750 "$root$data_dir"
owned -R approvalflow:approvalflow "$root$data_dir"

# 4. The environment file: created once, never overwritten (it holds the operator's secrets).
mkdir -p "$root$conf_dir"
env_file="$root$conf_dir/approvalflow.env"
if [ ! -e "$env_file" ]; then
  umask 027
  cat > "$env_file" <<ENV
# ApprovalFlow settings for every node on this host (docs/configuration.md lists them all). Secrets live here only:
# this file is root:approvalflow, mode 0640. deploy/install.sh created it once and never overwrites it.
# Production refuses to start while these are placeholders (demo password, trust authentication, loopback BaseUrl).
App__BaseUrl=https://$server_name
ConnectionStrings__ApprovalFlow=Host=db.example.org;Port=5432;Username=approvalflow;Password=CHANGE-ME;Database=approvalflow;SSL Mode=Prefer
Smtp__Host=smtp.example.org
Smtp__Port=587
Smtp__Security=StartTls
Smtp__User=approvalflow
Smtp__Password=CHANGE-ME
Smtp__From=ApprovalFlow <noreply@example.org>
# The nginx on this host is the only proxy believed (loopback is the default); add its address if it runs elsewhere:
# ForwardedHeaders__KnownProxies__0=10.0.0.5
# First start only, to create the admin and the directory with a password of your own (then remove both lines):
# Seed__Demo=true
# Seed__DemoPassword=CHANGE-ME
ENV
  umask 022
  chmod 0640 "$env_file"
  owned root:approvalflow "$env_file"
fi

# 5. The systemd template unit.
mkdir -p "$root/etc/systemd/system"
sed -e "s|@APP_DIR@|$app_dir|g" -e "s|@DATA_DIR@|$data_dir|g" -e "s|@CONF_DIR@|$conf_dir|g" -e "s|@DOTNET@|$dotnet|g" \
  "$published/deploy/systemd/approvalflow@.service" > "$root/etc/systemd/system/approvalflow@.service"

# 6. The nginx site over the nodes.
ports=()
for i in $(seq 0 $((nodes - 1))); do ports+=($((base_port + i))); done
servers=""
for port in "${ports[@]}"; do servers+="    server 127.0.0.1:$port max_fails=3 fail_timeout=10s;"$'\n'; done
mkdir -p "$root/etc/nginx/sites-available" "$root/etc/nginx/sites-enabled"
site="$root/etc/nginx/sites-available/approvalflow.conf"
awk -v servers="${servers%$'\n'}" '{ if ($0 == "@UPSTREAM_SERVERS@") print servers; else print }' "$published/deploy/nginx/approvalflow.conf" \
  | sed -e "s|@SERVER_NAME@|$server_name|g" -e "s|@TLS_CERTIFICATE@|$tls_certificate|g" -e "s|@TLS_CERTIFICATE_KEY@|$tls_key|g" \
        -e "s|@CLIENT_MAX_BODY_SIZE@|11m|g" -e "s|@CLIENT_MAX_BODY_BYTES@|11534336|g" > "$site.new"
if [ -f "$site" ] && ! cmp -s "$site" "$site.new"; then cp "$site" "$site.bak"; fi
mv "$site.new" "$site"
ln -sfn ../sites-available/approvalflow.conf "$root/etc/nginx/sites-enabled/approvalflow.conf"

echo "Installed ApprovalFlow $version in ${root:-/}: $app_dir/current, $data_dir, $conf_dir/approvalflow.env, approvalflow@{${ports[*]// /,}}, nginx site"
if [ "$start" = 0 ]; then
  exit 0
fi

# 7. Rolling (re)start: one node at a time, each ready before the next, so the others keep serving. The first node to
# start applies the new release's migrations under the migration lock; the others find nothing pending.
systemctl daemon-reload
for port in "${ports[@]}"; do
  systemctl enable "approvalflow@$port" >/dev/null
  systemctl restart "approvalflow@$port"
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then break; fi
    sleep 1
  done
  curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "approvalflow@$port is not ready: journalctl -u approvalflow@$port" >&2; exit 1; }
  echo "approvalflow@$port ready"
done
# Nodes beyond --nodes from an earlier install are stopped.
for unit in $(systemctl list-units --plain --no-legend 'approvalflow@*.service' | awk '{print $1}'); do
  port="${unit#approvalflow@}"; port="${port%.service}"
  if [[ ! " ${ports[*]} " == *" $port "* ]]; then systemctl disable --now "$unit"; fi
done
nginx -t
systemctl reload nginx
