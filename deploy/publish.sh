#!/usr/bin/env bash
# Publishes ApprovalFlow for installation: a framework-dependent Release build of the service (needs the ASP.NET Core 10
# runtime on the host), with the web app's bundles (wwwroot/dist, built by the normal build), the shipped workflows,
# holidays, templates and seed directory, plus the installation files (deploy/install.sh, systemd unit, nginx site,
# backup and restore scripts) under deploy/, docs/operations.md and docs/configuration.md under docs/, and the release's version in VERSION.
#   deploy/publish.sh [OUTPUT]     OUTPUT defaults to artifacts/publish in the repository; relative to the current folder
# Runs from any folder. Needs the .NET 10 SDK, node 20 and npm (the build bundles the front-end).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/artifacts/publish}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
project="$root/src/ApprovalFlow.Server/ApprovalFlow.Server.csproj"

# The build bundles the front-end into wwwroot/dist before compiling; publish runs as a second evaluation so that the
# static web assets include the bundles even on a fresh clone (where dist did not exist when the build began).
dotnet build "$project" --configuration Release --nologo --verbosity quiet
rm -rf "${out:?}"/*
dotnet publish "$project" --configuration Release --no-self-contained --output "$out" --nologo --verbosity quiet
if [ ! -f "$out/wwwroot/dist/site.js" ]; then
  echo "publish.sh: the web bundles are missing from $out/wwwroot/dist" >&2
  exit 1
fi

version="$(git -C "$root" describe --tags --always --dirty 2>/dev/null || echo unknown)"
version="$(date -u +%Y%m%d%H%M%S)-${version//\//-}"
echo "$version" > "$out/VERSION"
mkdir -p "$out/deploy"
cp -r "$root/deploy/install.sh" "$root/deploy/backup.sh" "$root/deploy/restore.sh" "$root/deploy/pgconnection.sh" "$root/deploy/systemd" "$root/deploy/nginx" "$out/deploy/"
# The operator's documents, which the systemd unit's Documentation= points at.
mkdir -p "$out/docs"
cp "$root/docs/operations.md" "$root/docs/configuration.md" "$out/docs/"
echo "Published ApprovalFlow $version to $out"
