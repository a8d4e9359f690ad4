#!/usr/bin/env bash
# Starts ApprovalFlow with demo data. Uses ConnectionStrings__ApprovalFlow when set; otherwise installs
# (if needed) and starts a local PostgreSQL cluster under .data/ (see deploy/postgres.sh).
#   deploy/run.sh              start the service (foreground)
#   deploy/run.sh --simulate   run one whole plan cycle through the API, every participant acting, and
#                              print the timeline; starts the service in the background first if it
#                              is not running, and stops it again afterwards
#   APPROVALFLOW_URL   where to listen (default http://127.0.0.1:5080)
#   Unless Smtp__Host is set, the mails go to a local mail catcher, smtp4dev (a .NET local tool of
#   dotnet-tools.json), started here and stopped with the service:
#   APPROVALFLOW_MAIL_URL   its web page (default http://127.0.0.1:5090)
#   APPROVALFLOW_SMTP_PORT  its SMTP port (default 2525)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
url="${APPROVALFLOW_URL:-http://127.0.0.1:5080}"

if [ "${1:-}" = "--simulate" ]; then
  hostport="${url#*://}"; hostport="${hostport%%/*}"
  service_pid=""
  if ! (exec 3<>"/dev/tcp/${hostport%:*}/${hostport##*:}") 2>/dev/null; then
    mkdir -p .data
    echo "Starting the service in the background (log: .data/service.log)..."
    "$0" > .data/service.log 2>&1 &
    service_pid=$!
  fi
  dotnet build src/ApprovalFlow.Simulation --configuration Release --verbosity quiet --nologo
  status=0
  dotnet run --project src/ApprovalFlow.Simulation --configuration Release --no-build -- --url "$url" || status=$?
  if [ -n "$service_pid" ]; then
    pkill -P "$service_pid" 2>/dev/null || true
    kill "$service_pid" 2>/dev/null || true
  fi
  exit "$status"
fi

if [ -z "${ConnectionStrings__ApprovalFlow:-}" ]; then
  ConnectionStrings__ApprovalFlow="$(deploy/postgres.sh)"
  export ConnectionStrings__ApprovalFlow
fi

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export App__BaseUrl="${App__BaseUrl:-$url}"
mail_url=""
if [ -z "${Smtp__Host:-}" ]; then
  mail_url="${APPROVALFLOW_MAIL_URL:-http://127.0.0.1:5090}"
  smtp_port="${APPROVALFLOW_SMTP_PORT:-2525}"
  dotnet tool restore --verbosity quiet > /dev/null
  mkdir -p .data
  # In-memory mailbox (--db=), no IMAP or POP3; its log is .data/smtp4dev.log.
  dotnet smtp4dev --urls="$mail_url" --smtpport="$smtp_port" --imapport= --pop3port= --db= > .data/smtp4dev.log 2>&1 &
  smtp4dev_pid=$!
  trap 'kill "$smtp4dev_pid" 2>/dev/null || true' EXIT
  export Smtp__Host=127.0.0.1 Smtp__Port="$smtp_port" Smtp__Security=None
fi
export Seed__Demo="${Seed__Demo:-true}"
export Workflows__Directory="${Workflows__Directory:-$root/workflows}"

echo "Building ApprovalFlow..."
dotnet build src/ApprovalFlow.Server --configuration Release --verbosity quiet --nologo

cat <<MSG

ApprovalFlow is starting at $url
  Web app:        $url/            (sign in in the browser; Persian, English at the top)
  API reference:  $url/scalar      OpenAPI: $url/openapi/v1.json
  Sign in (web app, or POST $url/api/auth/login):
    admin          admin@approvalflow.local / Demo!2345
    process owner  owner@approvalflow.local / Demo!2345
    officials      see deploy/seed/mashhad-directory.json (same password)
  Demo plan cycle: business key mtp-1405-1408 (started when workflows/mid-term-plan.bpmn is deployed).
  Its first task: sign in as the theme coordinator elham.moradi@approvalflow.local / Demo!2345 and
  GET $url/api/tasks?scope=group lists the stakeholder identification task to claim.
${mail_url:+  Mails (smtp4dev): $mail_url   every mail the demo sends (log: .data/smtp4dev.log)
}  Stop with Ctrl+C.

MSG
dotnet run --project src/ApprovalFlow.Server --configuration Release --no-build -- --urls "$url"
