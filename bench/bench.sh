#!/usr/bin/env bash
# Times hyoka on N generated workbooks (default 1000) and, when the peer script and its Python
# packages are present, the openpyxl / python-calamine baseline on the same files.
#   bash bench/bench.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
./target/release/make-samples --bench "$n" --out "$work/in"
run() { # label, command...
  local label="$1"; shift
  /usr/bin/time -f "$label: %e s wall, %M KB peak RSS" "$@" > /dev/null 2> "$work/err" || true
  tail -1 "$work/err"
}
for i in 1 2 3; do
  run "hyoka validate    ($n files, run $i)" ./target/release/hyoka validate "$work/in" --out "$work/v" --progress never
done
for i in 1 2 3; do
  run "hyoka consolidate ($n files, run $i)" ./target/release/hyoka consolidate "$work/in" --out "$work/c" --progress never
done
baseline=../shared/bench/baseline_openpyxl.py
if [ -f "$baseline" ]; then
  python3 -c "import openpyxl" 2>/dev/null && run "baseline openpyxl        ($n files)" python3 "$baseline" "$work/in" --out "$work/b1.json"
  python3 -c "import python_calamine" 2>/dev/null && run "baseline python-calamine ($n files)" python3 "$baseline" "$work/in" --out "$work/b2.json" --engine calamine
fi
