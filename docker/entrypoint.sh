#!/bin/sh
# Migrations and reference data on every start: both are idempotent and quick.
set -e
python manage.py migrate --noinput
python manage.py load_reference_data
exec "$@"
