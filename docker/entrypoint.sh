#!/bin/sh
# Migrations and reference data on every start: both are idempotent and quick.
set -e
python manage.py migrate --noinput
python manage.py load_reference_data
# Zero-downtime rebuild; if Elasticsearch is not reachable the app still starts and
# searches the database until `search_index sync` (or the next rebuild) catches up.
python manage.py search_index rebuild --no-progress || echo "search index rebuild failed; search falls back to the database"
exec "$@"
