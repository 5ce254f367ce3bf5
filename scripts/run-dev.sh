#!/usr/bin/env bash
# `make run`: the whole portal on this machine with demo data and no servers to install:
# SQLite, Celery over kombu's filesystem transport, the web server, a worker and beat.
# Set DATABASE_URL / CELERY_BROKER_URL to use PostgreSQL / Redis instead, PORT for another port
# (PORT=8100 make run). Ctrl-C stops all.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_DEBUG="${DJANGO_DEBUG:-1}"
export DJANGO_HTTPS="${DJANGO_HTTPS:-0}"
PORT="${PORT:-8000}"
ADRES="http://127.0.0.1:${PORT}"
export PORTAL_BASIS_URL="${PORTAL_BASIS_URL:-$ADRES}"  # links in the demo's e-mails
BIN=.venv/bin

$BIN/python manage.py migrate --noinput
$BIN/python manage.py compilemessages --ignore='.venv/*' >/dev/null 2>&1 || true
$BIN/python manage.py demo

trap 'trap - INT TERM EXIT; echo; echo "Stopping..."; kill 0 2>/dev/null; wait' INT TERM EXIT
$BIN/celery -A portal worker --loglevel=INFO --concurrency=2 --hostname=worker@%h &
$BIN/celery -A portal beat --loglevel=INFO &
$BIN/python manage.py runserver "127.0.0.1:${PORT}" &
echo
echo "Portal: ${ADRES}  (medewerkers: ${ADRES}/medewerker/)"
echo "Stop with Ctrl-C."
wait -n
