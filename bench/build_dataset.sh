#!/bin/sh
# Build one benchmark dataset from nothing: migrate, reference data, generated directory, search documents.
#   bench/build_dataset.sh 10000 postgres://postgres@127.0.0.1:5432/inscope_bench_10k
#   bench/build_dataset.sh 10000 sqlite:////work/bench-data/bench_10k.sqlite3
# Appends a line to $DATASETS_FILE (default /work/wt/DATASETS.md) when done. The database is recreated.
set -eu
N=$1
URL=$2
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
export DATABASE_URL="$URL"
case "$URL" in
  postgres*)
    DB=${URL##*/}
    dropdb -h 127.0.0.1 -U postgres --if-exists "$DB"
    createdb -h 127.0.0.1 -U postgres "$DB" ;;
  sqlite*)
    FILE=${URL#sqlite://}
    mkdir -p "$(dirname "$FILE")"
    rm -f "$FILE" "$FILE-wal" "$FILE-shm" ;;
esac
START=$(date +%s)
nice -n 10 "$PY" manage.py migrate -v0
nice -n 10 "$PY" manage.py load_reference_data -v0
nice -n 10 "$PY" bench/generate.py --practitioners "$N" --no-progress
nice -n 10 "$PY" manage.py search_index rebuild --no-progress
END=$(date +%s)
case "$URL" in
  postgres*) SIZE=$(psql -h 127.0.0.1 -U postgres -tA -c "select pg_size_pretty(pg_database_size('$DB'))") ;;
  sqlite*) SIZE=$(du -h "$FILE" | cut -f1) ;;
esac
echo "- $URL — $N practitioners, $SIZE, commit $(git rev-parse --short HEAD), built in $((END - START)) s (migrate + reference data + generate + search_index rebuild), $(date -u '+%Y-%m-%d %H:%M UTC')" >> "${DATASETS_FILE:-/work/wt/DATASETS.md}"
