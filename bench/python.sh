#!/usr/bin/env bash
# In-process hyoka.validate (the Python package) against the command line on the same files:
# N generated workbooks (default 300; make-samples --bench, every one written again by openpyxl
# when it is installed), each side timed as a whole process by farm-bench, paired runs.
#   A  python3 -c 'import hyoka; hyoka.validate([DIR])'       (tables, nothing written)
#   B  hyoka validate DIR --out OUT                           (reports written too)
# The goal: A's wall time at most 1.5 × B's.
#   bash bench/python.sh [N]
# Needs: the package installed (pip install ./python), farm-bench on the PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-300}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet --bin hyoka --bin make-samples
target="${CARGO_TARGET_DIR:-target}"
"$target/release/make-samples" --bench "$n" --out "$work/hyoka" 2> /dev/null
in="$work/hyoka"
if python3 -c 'import openpyxl' 2>/dev/null; then
  python3 bench/rewrite_openpyxl.py "$work/hyoka" "$work/openpyxl" 2> /dev/null
  in="$work/openpyxl"
fi
echo "files: $(ls "$in" | wc -l) in $in"
python3 -c "import hyoka, sys; r = hyoka.validate([sys.argv[1]]); print('in-process:', r)" "$in"
farm-bench -n 7 --timeout 600 \
  --vs "$target/release/hyoka validate $in --out $work/out --progress never" \
  -- python3 -c "import hyoka, sys; hyoka.validate([sys.argv[1]])" "$in"
# The call alone, inside one Python process (the interpreter and pyarrow already imported):
# what a notebook or a Spark task pays per call.
python3 - "$in" <<'PY'
import statistics, sys, time
import hyoka
times = []
for _ in range(8):
    t = time.perf_counter()
    hyoka.validate([sys.argv[1]])
    times.append(time.perf_counter() - t)
times = times[1:]  # the first warms the page cache and the thread pool
print(f"hyoka.validate call: median {statistics.median(times):.3f} s, min {min(times):.3f}, max {max(times):.3f} (7 calls)")
PY
