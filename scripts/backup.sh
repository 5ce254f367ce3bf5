#!/usr/bin/env bash
# Back up the portal: the PostgreSQL database (pg_dump, custom format) and the private files
# (uploads, receipts, beschikkingen), with checksums, into one dated directory.
#
#   scripts/backup.sh <target-dir>
#
# Reads DATABASE_URL and PRIVATE_MEDIA_ROOT like the portal does. Restore with
# scripts/restore.sh. Encrypt and ship the directory off the machine (it holds BSNs, incomes and
# bank accounts): that part is the gemeente's backup tooling, not this script.
set -euo pipefail
doel="${1:?usage: scripts/backup.sh <target-dir>}"
: "${DATABASE_URL:?set DATABASE_URL (postgres://user:password@host:port/name)}"
prive="${PRIVATE_MEDIA_ROOT:-$(dirname "$0")/../var/private}"
stempel="$(date -u +%Y%m%dT%H%M%SZ)"
map="$doel/snelservice-$stempel"
mkdir -p "$map"
umask 077

pg_dump --format=custom --no-owner --no-privileges --file="$map/database.dump" "$DATABASE_URL"
if [ -d "$prive" ]; then
  tar -C "$prive" -czf "$map/bestanden.tar.gz" .
else
  tar -czf "$map/bestanden.tar.gz" --files-from /dev/null
fi
(cd "$map" && sha256sum database.dump bestanden.tar.gz > SHA256SUMS)
echo "$map"
