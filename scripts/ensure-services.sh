#!/usr/bin/env bash
# Install (Debian) and start what the test suite needs: PostgreSQL, Redis and Chromium.
# Idempotent: anything already installed or running is left alone.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)  # load generator of `make bench`
# grep without -q: with pipefail, grep -q closing the pipe early fails the pipeline (SIGPIPE)
# and the package was installed again on every run.
fc-list 2>/dev/null | grep -i dejavu >/dev/null || missing+=(fonts-dejavu-core)
ldconfig -p | grep libpango-1.0 >/dev/null || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing from Debian: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# PostgreSQL
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  $SUDO service postgresql start >/dev/null
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "$1"; else sudo -u postgres bash -c "$1"; fi; }
if ! as_postgres "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='portal'\"" | grep -q 1; then
  as_postgres "psql -qc \"CREATE ROLE portal LOGIN CREATEDB PASSWORD 'portal'\""
fi
if ! as_postgres "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='portal'\"" | grep -q 1; then
  as_postgres "createdb -O portal portal"
fi

# Redis
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no \
    --logfile /tmp/redis-snelservice.log
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.2; done
fi
echo "redis: $(redis-cli -h 127.0.0.1 -p 6379 ping)"
