#!/usr/bin/env bash
# The bench: for each N (default 100 1000 10000), N generated workbooks of every bundled form
# (make-samples --bench: 事務事業 sheets with the samples' variants and planted mistakes, every
# tenth one a 施策 / 達成目標 / 調書 / 実施状況 sample), written by hyoka's writer and again by
# openpyxl (bench/rewrite_openpyxl.py) when it is installed. On each set, one run of:
#   bare         target/release/bare-read: calamine opening every file and reading every cell,
#                one thread, nothing else (the floor)
#   validate     hyoka validate (all cores)
#   consolidate  hyoka consolidate --parquet (all cores)
#   openpyxl     the peer script ../shared/bench/baseline_openpyxl.py
#   py-calamine  the same peer reading with python-calamine (--engine calamine)
# and prints one Markdown table: wall seconds, CPU seconds (user + system), peak memory, and
# the ratios the goals are stated in. Peers that are not installed are left out, saying so.
#   bash bench/bench.sh [N ...]
# Environment: BENCH_PEERS_MAX (default 10000) skips the Python peers above that N.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(100 1000 10000)
peers_max="${BENCH_PEERS_MAX:-10000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
peer=../shared/bench/baseline_openpyxl.py
have() { python3 -c "import $1" 2>/dev/null; }
[ -f "$peer" ] || echo "note: $peer is not there; the peer columns stay empty" >&2
have openpyxl || echo "note: openpyxl is not installed; no second writer, no openpyxl peer" >&2
have python_calamine || echo "note: python-calamine is not installed; no py-calamine peer" >&2

# time_run NAME COMMAND...: one run; appends "wall cpu peak_mb" to $work/NAME.
time_run() {
  local name="$1"; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$@" > /dev/null 2> "$work/err" || true
  # The last line: time writes "Command exited with non-zero status" first when it was.
  tail -n 1 "$work/t" | awk '{printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024}' > "$work/$name"
}
field() { awk -v f="$2" '{print $f}' "$work/$1" 2>/dev/null || true; }
ratio() { # a b: a / b with one decimal, or a dash
  if [ -n "${1:-}" ] && [ -n "${2:-}" ]; then awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "–" }'; else echo "–"; fi
}

rows=()
for n in "${sizes[@]}"; do
  ./target/release/make-samples --bench "$n" --out "$work/hyoka-$n" 2> /dev/null
  writers=(hyoka)
  if have openpyxl; then
    python3 bench/rewrite_openpyxl.py "$work/hyoka-$n" "$work/openpyxl-$n" 2> /dev/null
    writers+=(openpyxl)
  fi
  for w in "${writers[@]}"; do
    in="$work/$w-$n"
    rm -f "$work"/{bare,validate,consolidate,openpyxl,pycalamine}
    time_run bare ./target/release/bare-read "$in"
    time_run validate ./target/release/hyoka validate "$in" --out "$work/v" --progress never
    time_run consolidate ./target/release/hyoka consolidate "$in" --out "$work/c" --progress never --parquet
    if [ -f "$peer" ] && [ "$n" -le "$peers_max" ]; then
      have openpyxl && time_run openpyxl python3 "$peer" "$in" --out "$work/p1.json"
      have python_calamine && time_run pycalamine python3 "$peer" "$in" --out "$work/p2.json" --engine calamine
    fi
    bw=$(field bare 1); vw=$(field validate 1); vc=$(field validate 2); vm=$(field validate 3)
    cw=$(field consolidate 1); cc=$(field consolidate 2); cm=$(field consolidate 3)
    ow=$(field openpyxl 1); pw=$(field pycalamine 1)
    rows+=("| $n | $w | $bw | $vw / $vc / $vm | $cw / $cc / $cm | ${ow:-–} | ${pw:-–} | $(ratio "$ow" "$vw")× | $(ratio "$pw" "$vw")× | $(ratio "$vw" "$bw")× | $(ratio "$cw" "$bw")× | $(ratio "$vc" "$vw") |")
    echo "done: N=$n, written by $w" >&2
  done
done
echo "| N | written by | bare read s | validate s / CPU s / MB | consolidate s / CPU s / MB | openpyxl peer s | py-calamine peer s | vs openpyxl | vs py-calamine | validate ÷ bare | consolidate ÷ bare | validate CPU ÷ wall |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
