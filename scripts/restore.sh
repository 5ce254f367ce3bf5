#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an EMPTY database and an empty file directory.
#
#   DATABASE_URL=postgres://.../new_db PRIVATE_MEDIA_ROOT=/path scripts/restore.sh <backup-dir>
#
# Refuses when the checksums do not match, when the database already has tables, or when the
# file directory is not empty: a restore never overwrites live data.
set -euo pipefail
map="${1:?usage: scripts/restore.sh <backup-dir>}"
: "${DATABASE_URL:?set DATABASE_URL of the empty target database}"
: "${PRIVATE_MEDIA_ROOT:?set PRIVATE_MEDIA_ROOT of the empty target directory}"

(cd "$map" && sha256sum --check --quiet SHA256SUMS)
tabellen="$(psql "$DATABASE_URL" -tAc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
if [ "$tabellen" != "0" ]; then
  echo "restore: the target database is not empty ($tabellen tables); refusing." >&2
  exit 1
fi
mkdir -p "$PRIVATE_MEDIA_ROOT"
if [ -n "$(ls -A "$PRIVATE_MEDIA_ROOT")" ]; then
  echo "restore: $PRIVATE_MEDIA_ROOT is not empty; refusing." >&2
  exit 1
fi
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$DATABASE_URL" "$map/database.dump"
tar -C "$PRIVATE_MEDIA_ROOT" -xzf "$map/bestanden.tar.gz"
echo "restored $map"
