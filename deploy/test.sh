#!/usr/bin/env bash
# Runs every test project of ApprovalFlow and prints one closing line "N passed, N failed".
# Installs and starts what the tests need: PostgreSQL (Debian package, cluster under .data/),
# Chromium for the browser tests and nginx for the tests of the reverse proxy's site (Debian packages).
# The .NET SDK is expected on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
started=0
# On exit, also on failure: the cluster this run started is stopped, so it holds no port after the clone is gone
# (a cluster that was already running, e.g. deploy/run.sh's, is left as it was).
cleanup() {
  rm -f "$log"
  if [ "$started" = 1 ]; then deploy/postgres.sh stop; fi
}
trap cleanup EXIT

# The server tests use a real PostgreSQL: install (if needed) and start the local cluster under .data/.
if ! deploy/postgres.sh status 2>/dev/null; then started=1; fi
deploy/postgres.sh >/dev/null

# The browser tests drive Debian's Chromium (Playwright with ExecutablePath, no browser download).
# NginxErrorPagesTests run Debian's nginx in the foreground with a prefix of their own (the package's own service is not needed).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The external task tests run the official Camunda JavaScript client (tests/external-task-client, test-only).
(cd tests/external-task-client && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)

status=0
dotnet test ApprovalFlow.sln --configuration Release 2>&1 | tee "$log" || status=$?

# dotnet test prints one summary per test project: "Passed!  - Failed: 0, Passed: 94, Skipped: 0, ..."
awk '
  /(Passed|Failed)! +- +Failed: / {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") failed += $(i + 1) + 0
      if ($i == "Passed:") passed += $(i + 1) + 0
    }
    projects++
  }
  END {
    if (projects == 0) { print "0 passed, 0 failed"; exit 1 }
    printf "%d passed, %d failed\n", passed, failed
  }' "$log" || status=1

exit "$status"
