#!/usr/bin/env bash
# The fuzz tests at a larger scale: INSCOPE_FUZZ_SCALE multiplies every test's case count
# (the suite runs them at scale 1). Prints the cases run per target, their statuses and the total.
#   bench/fuzz.sh            # scale 20
#   bench/fuzz.sh 50
set -euo pipefail
cd "$(dirname "$0")/.."
export INSCOPE_FUZZ_SCALE="${1:-20}"
echo "fuzz scale ${INSCOPE_FUZZ_SCALE}: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
start=$(date +%s)
.venv/bin/pytest tests/fuzz -q -s -p no:logging 2>/dev/null | grep -E '^fuzz |passed|failed' | tee "${TMPDIR:-/tmp}/inscope-fuzz.$$"
grep '^fuzz ' "${TMPDIR:-/tmp}/inscope-fuzz.$$" | sed -E 's/.*: ([0-9]+) cases.*/\1/' | awk -v s="$start" -v e="$(date +%s)" \
    '{ total += $1 } END { print "total: " total " cases in " e - s " s" }'
rm -f "${TMPDIR:-/tmp}/inscope-fuzz.$$"
