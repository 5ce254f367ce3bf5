#!/usr/bin/env bash
# Rebuild the Dutch catalogue. The source strings are Dutch (B1), so the nl catalogue maps each
# string to itself (msgen); a second language gets its own catalogue next to it.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_DEBUG=1
po=locale/nl/LC_MESSAGES/django.po
# Built afresh each time: merging into the old file makes gettext guess ("fuzzy") translations
# from similar strings, and for an identity catalogue every guess is wrong.
rm -f "$po"
.venv/bin/python manage.py makemessages -l nl --no-obsolete --ignore='.venv/*' --ignore='var/*' \
  --ignore='tests/*' --ignore='static/*'
msgen --no-wrap -o "$po.tmp" "$po" && mv "$po.tmp" "$po"
.venv/bin/python manage.py compilemessages -l nl --ignore='.venv/*'
