#!/usr/bin/env bash
# Times `hyoka audit` on N generated projects in each of two years (default 500): this year's
# and last year's versions of the same projects, as make-samples writes them.
#   bash bench/audit.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-500}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
./target/release/make-samples --bench "$n" --out "$work/current" 2>/dev/null
./target/release/make-samples --bench "$n" --bench-year previous --out "$work/previous" 2>/dev/null
for i in 1 2 3; do
  /usr/bin/time -f "hyoka audit ($n projects x 2 years, run $i): %e s wall, %U s user, %M KB peak RSS" \
    ./target/release/hyoka audit --previous "$work/previous" --current "$work/current" \
    --out "$work/out" > /dev/null 2> "$work/err" || true
  grep -v '^前年度\|^last year' "$work/err" | tail -1
  grep '^前年度\|^last year' "$work/err" | tail -1
done
