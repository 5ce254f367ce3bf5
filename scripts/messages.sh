#!/usr/bin/env bash
# Rebuild the Dutch catalogue. The source strings are Dutch (B1), so the nl catalogue maps each
# string to itself (msgen); a second language gets its own catalogue next to it.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_DEBUG=1
.venv/bin/python manage.py makemessages -l nl --no-obsolete --ignore='.venv/*' --ignore='var/*' \
  --ignore='tests/*' --ignore='static/*'
po=locale/nl/LC_MESSAGES/django.po
msgen --no-wrap -o "$po.tmp" "$po" && mv "$po.tmp" "$po"
.venv/bin/python manage.py compilemessages -l nl --ignore='.venv/*'
