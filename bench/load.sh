#!/bin/sh
# Throughput under load: gunicorn as in the Dockerfile (3 workers, DEBUG=0), wrk for DURATION
# at CONNECTIONS against a bare Django view (the floor), the search API (the fixed mix of
# bench/search_latency.py, rotating) and profile pages (50, rotating), one after the other.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/inscope_q_100k bench/load.sh
#
# Env: PORT (8600), WORKERS (3), CONNECTIONS (8), THREADS (2), DURATION (60s), REDIS_URL (unset:
# no search cache; set it to measure with the cache on). Writes bench/results/load-*.txt.
set -eu
cd "$(dirname "$0")/.."
PORT=${PORT:-8600}
WORKERS=${WORKERS:-3}
CONNECTIONS=${CONNECTIONS:-8}
THREADS=${THREADS:-2}
DURATION=${DURATION:-60s}
PY=${PY:-.venv/bin/python}
: "${DATABASE_URL:?set DATABASE_URL to a copy of a bench dataset}"
export DATABASE_URL DEBUG=0 SECURE_SSL_REDIRECT=0 DJANGO_SETTINGS_MODULE=bench.settings
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost}
mkdir -p bench/results
tmp=$(mktemp -d)
$PY bench/load_paths.py search > "$tmp/search.txt"
$PY bench/load_paths.py profile > "$tmp/profile.txt"
echo /bench/floor > "$tmp/floor.txt"
$PY manage.py collectstatic --noinput -v0

.venv/bin/gunicorn config.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" --timeout 30 \
    --access-logfile /dev/null --error-logfile "$tmp/gunicorn.log" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/bench/floor" >/dev/null 2>&1 && break; sleep 0.5; done

stamp=$(date -u +%Y%m%dT%H%M)
out="bench/results/load-$stamp.txt"
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')  cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"
  echo "database: ${DATABASE_URL##*/}  workers: $WORKERS  connections: $CONNECTIONS  duration: $DURATION  cache: ${REDIS_URL:-off}"
} | tee "$out"
for target in floor search profile; do
  # Warm-up (lexicon, gazetteer, connections) in every worker, then the timed run.
  PATHS_FILE="$tmp/$target.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s bench/rotate.lua "http://127.0.0.1:$PORT" >/dev/null
  echo "== $target  load average: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"
  PATHS_FILE="$tmp/$target.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s bench/rotate.lua \
      "http://127.0.0.1:$PORT" | tee -a "$out"
done
echo "Details: $out"
