#!/usr/bin/env bash
# Run the whole suite against the PostgreSQL and Redis that ensure-services.sh started.
set -uo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m pytest "$@"
status=$?
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure here, the suite must never be empty." >&2
  exit 1
fi
exit "$status"
