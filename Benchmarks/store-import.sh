#!/usr/bin/env bash
# Benchmark: import a synthetic 1M-term glossary (125k person concepts x 8 languages) into a fresh store with the
# release build of `onoma glossary import`, and report terms/s, the store's size on disk and peak memory; then load
# the same rows into the same schema with Python's sqlite3 (Benchmarks/store-import-reference.py), the peer measured
# in the same run (the machine is shared: compare the two, not runs on different days).
#
# usage: Benchmarks/store-import.sh [CONCEPTS]     (default 125000; 8 terms each)
# env:   SCRATCH=.build-bench (SwiftPM scratch path), OUT=Benchmarks/out (generated data and stores),
#        REFERENCE=bulk (the Python loads to run: bulk, live or both as bulk,live; empty for none)
set -euo pipefail

cd "$(dirname "$0")/.."
CONCEPTS="${1:-125000}"
SCRATCH="${SCRATCH:-.build-bench}"
OUT="${OUT:-Benchmarks/out}"
REFERENCE="${REFERENCE-bulk}"
mkdir -p "$OUT"

echo "== building onoma (release, scratch path $SCRATCH)"
swift build -c release --scratch-path "$SCRATCH" --product onoma >/dev/null
ONOMA="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/onoma"

GLOSSARY="$OUT/synthetic-$CONCEPTS.tsv"
if [ ! -f "$GLOSSARY" ]; then
    echo "== generating $GLOSSARY"
    python3 Benchmarks/generate-glossary.py "$CONCEPTS" "$GLOSSARY"
fi
TERMS=$(( CONCEPTS * 8 ))
echo "   $(wc -c < "$GLOSSARY" | tr -d ' ') bytes, $CONCEPTS concepts, $TERMS terms"

STORE="$OUT/bench.sqlite"
rm -f "$STORE" "$STORE-wal" "$STORE-shm"

echo "== importing into a fresh store"
TIME_LOG="$OUT/time.log"
/usr/bin/time -v "$ONOMA" glossary import "$GLOSSARY" --store "$STORE" --quiet --verbose 2> "$TIME_LOG" | tee "$OUT/import.log"

SECONDS_ELAPSED=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0;
    for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$TIME_LOG")
PEAK_KB=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$TIME_LOG")
CPU_SECONDS=$(awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 } END { print s }' "$TIME_LOG")
SIZE=$(( $(stat -c %s "$STORE") + $( [ -f "$STORE-wal" ] && stat -c %s "$STORE-wal" || echo 0) ))

echo "== results"
awk -v t="$TERMS" -v s="$SECONDS_ELAPSED" -v kb="$PEAK_KB" -v size="$SIZE" -v cpu="$CPU_SECONDS" 'BEGIN {
    printf "terms:        %d\n", t
    printf "wall time:    %.2f s (whole process: read, parse, normalize, write, index)\n", s
    printf "cpu time:     %.2f s (user + system, all threads)\n", cpu
    printf "throughput:   %.0f terms/s\n", t / s
    printf "store size:   %.1f MB\n", size / 1048576
    printf "peak memory:  %.1f MB (maximum resident set size)\n", kb / 1024
}'
"$ONOMA" glossary stats --store "$STORE" | head -4

echo "== re-import (all concepts unchanged: the merge path)"
/usr/bin/time -f "%e s, %M KB peak" "$ONOMA" glossary import "$GLOSSARY" --store "$STORE" --quiet --verbose

if [ -n "$REFERENCE" ]; then
    echo "== peer: Python sqlite3 loading the same rows into the same schema (no normalization)"
    python3 Benchmarks/store-import-reference.py "$STORE" "$OUT" --ways="$REFERENCE"
fi
