#!/usr/bin/env bash
# Starts ApprovalFlow with demo data. Uses ConnectionStrings__ApprovalFlow when set; otherwise installs
# (if needed) and starts a local PostgreSQL cluster under .data/ (see deploy/postgres.sh).
#   APPROVALFLOW_URL   where to listen (default http://127.0.0.1:5080)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [ -z "${ConnectionStrings__ApprovalFlow:-}" ]; then
  ConnectionStrings__ApprovalFlow="$(deploy/postgres.sh)"
  export ConnectionStrings__ApprovalFlow
fi

url="${APPROVALFLOW_URL:-http://127.0.0.1:5080}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export Seed__Demo="${Seed__Demo:-true}"
export Workflows__Directory="${Workflows__Directory:-$root/workflows}"

echo "Building ApprovalFlow..."
dotnet build src/ApprovalFlow.Server --configuration Release --verbosity quiet --nologo

cat <<MSG

ApprovalFlow is starting at $url
  API reference:  $url/scalar      OpenAPI: $url/openapi/v1.json
  Sign in (POST $url/api/auth/login):
    admin          admin@approvalflow.local / Demo!2345
    process owner  owner@approvalflow.local / Demo!2345
    officials      see deploy/seed/mashhad-directory.json (same password), e.g. maryam.ahmadi@approvalflow.local
  Demo plan cycle: business key mtp-1405-1408 (started when workflows/mid-term-plan.bpmn is deployed).
  Stop with Ctrl+C.

MSG
exec dotnet run --project src/ApprovalFlow.Server --configuration Release --no-build -- --urls "$url"
