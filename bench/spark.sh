#!/usr/bin/env bash
# The Spark job (examples/spark_validate.py) in local mode on a folder of workbooks, once with
# one core and once with two, beside the command line on the same folder:
#   bash bench/spark.sh DIR
# Prints for each: wall seconds, the peak of the memory of all its processes together (the
# JVM and the Python workers, sampled every 0.2 s from /proc), and milliseconds per file.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
target="${CARGO_TARGET_DIR:-target}"
files=$(find "$dir" -type f | wc -l)

# measure NAME COMMAND...: runs COMMAND in a session of its own; "wall peak_mb" of the session.
measure() {
  local name="$1"; shift
  local start end peak=0
  start=$(date +%s.%N)
  setsid "$@" > "$work/$name.out" 2>&1 &
  local pid=$!
  while kill -0 "$pid" 2> /dev/null; do
    local kb
    kb=$(ps -s "$pid" -o rss= 2> /dev/null | awk '{s+=$1} END {print s+0}')
    [ "$kb" -gt "$peak" ] && peak=$kb
    sleep 0.2
  done
  wait "$pid" || true
  end=$(date +%s.%N)
  awk -v n="$name" -v s="$start" -v e="$end" -v p="$peak" -v f="$files" \
    'BEGIN { w = e - s; printf "%-22s %8.1f s %8.0f MB %8.2f ms/file\n", n, w, p / 1024, 1000 * w / f }'
  tail -n 1 "$work/$name.out"
}

echo "files: $files in $dir"
measure "hyoka validate" "$target/release/hyoka" validate "$dir" --out "$work/cli" --progress never
measure "spark local[1]" python3 examples/spark_validate.py "$dir" "$work/s1" --master 'local[1]'
measure "spark local[2]" python3 examples/spark_validate.py "$dir" "$work/s2" --master 'local[2]'
