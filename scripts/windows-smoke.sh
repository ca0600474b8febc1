#!/usr/bin/env bash
# Runs a Windows hyoka.exe under Wine on the samples and compares it with the Linux build:
# --help, template (a Japanese file name), validate and consolidate (samples copied under a
# Japanese folder, R6提出), and report.json equal to Linux's on the same inputs, paths aside.
#
#   scripts/windows-smoke.sh [PATH/TO/hyoka.exe]   (default: the one windows-release.sh built)
#
# Says SKIPPED, and exits 0, when Wine or the MinGW compiler is not on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
exe="${1:-$repo/.windows-build/target/x86_64-pc-windows-gnu/release/hyoka.exe}"
wine=""
for w in wine64 /usr/lib/wine/wine64 wine; do
  if command -v "$w" > /dev/null 2>&1; then wine="$w"; break; fi
done
if [ -z "$wine" ] || ! command -v x86_64-w64-mingw32-gcc > /dev/null; then
  echo "SKIPPED windows smoke test: needs Wine (apt-get install wine64) and x86_64-w64-mingw32-gcc"
  exit 0
fi
if [ ! -f "$exe" ]; then
  echo "SKIPPED windows smoke test: no $exe (scripts/windows-release.sh builds it)"
  exit 0
fi
work="$(mktemp -d)"
[ -n "${SMOKE_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
export WINEPREFIX="$work/prefix" WINEDEBUG=-all
# Wine 8's missing ProcessPrng: a stand-in beside the exe, preferred to Wine's own DLL.
app="$work/アプリ"
mkdir -p "$app"
cp "$exe" "$app/hyoka.exe"
x86_64-w64-mingw32-gcc -O2 -shared -o "$app/bcryptprimitives.dll" scripts/windows/processprng.c -ladvapi32
export WINEDLLOVERRIDES="bcryptprimitives=n,b;mscoree,mshtml="
win() { (cd "$work" && timeout 300 "$wine" "$app/hyoka.exe" "$@"); }
fail() { echo "windows smoke test: FAILED: $*"; exit 1; }

# The Linux build of the same source, on the same inputs (HYOKA_LINUX names one already built).
linux="${HYOKA_LINUX:-$repo/target/release/hyoka}"
[ -x "$linux" ] || cargo build --release --quiet --bin hyoka
mkdir -p "$work/R6提出"
cp -r samples/. "$work/R6提出/"
export SOURCE_DATE_EPOCH=1743465600 TZ=UTC

win --help > "$work/help.txt" 2>&1 || fail "--help exited $?"
grep -q "使い方\|Usage" "$work/help.txt" || fail "--help printed: $(head -c 300 "$work/help.txt")"

win template 事務事業評価シート --year 令和6 --out 'Z:'"$(printf '%s' "$work" | tr / '\\')"'\様式_事務事業.xlsx' \
  > "$work/template.log" 2>&1 || fail "template: $(cat "$work/template.log")"
[ -s "$work/様式_事務事業.xlsx" ] || fail "template wrote no 様式_事務事業.xlsx"

# Typed in cmd.exe: a Japanese form name and file name through Windows' own command line.
(cd "$work" && timeout 300 "$wine" cmd /c "アプリ\\hyoka.exe template 事務事業評価シート --year 令和6 --out 様式_cmd.xlsx") \
  > "$work/cmd.log" 2>&1 || fail "template through cmd.exe: $(cat "$work/cmd.log")"
[ -s "$work/様式_cmd.xlsx" ] || fail "template through cmd.exe wrote no 様式_cmd.xlsx"

set +e
win validate R6提出 --out 点検 --progress never > "$work/validate.log" 2>&1
code=$?
set -e
[ "$code" = 1 ] || fail "validate exited $code (1: findings): $(tail -n 5 "$work/validate.log")"
win consolidate R6提出 --out 集計 --progress never > "$work/consolidate.log" 2>&1 || [ $? = 1 ] \
  || fail "consolidate: $(tail -n 5 "$work/consolidate.log")"
[ -s "$work/集計/consolidated.xlsx" ] || fail "consolidate wrote no consolidated.xlsx"

(cd "$work" && "$linux" consolidate R6提出 --out linux --progress never > /dev/null 2>&1) || true
# report.json with paths written one way (`\` as `/`) and the run's own clock left out.
normal() {
  python3 - "$1" << 'PY'
import json, sys
def walk(v):
    if isinstance(v, dict):
        return {k: walk(x) for k, x in v.items() if k not in ("elapsed_seconds", "seconds", "started", "finished", "made")}
    if isinstance(v, list):
        return [walk(x) for x in v]
    if isinstance(v, str):
        return v.replace("\\", "/")
    return v
print(json.dumps(walk(json.load(open(sys.argv[1], encoding="utf-8"))), ensure_ascii=False, sort_keys=True, indent=1))
PY
}
normal "$work/集計/report.json" > "$work/windows.json"
normal "$work/linux/report.json" > "$work/linux.json"
if ! diff -q "$work/windows.json" "$work/linux.json" > /dev/null; then
  diff "$work/linux.json" "$work/windows.json" | head -n 40
  fail "report.json differs from the Linux build's"
fi
# serve: the page answers on loopback, and a check of a sample through it.
port=$((20000 + RANDOM % 20000))
(cd "$work" && exec timeout 120 "$wine" "$app/hyoka.exe" serve --addr "127.0.0.1:$port" > "$work/serve.log" 2>&1) &
server=$!
page=""
for _ in $(seq 1 60); do
  page=$(curl -s --max-time 2 "http://127.0.0.1:$port/" || true)
  [ -n "$page" ] && break
  sleep 1
done
checked=$(curl -s --max-time 30 -H 'x-hyoka-page: 1' \
  -F "files=@$work/R6提出/職員課_職員育成推進事業.xlsx" "http://127.0.0.1:$port/api/check" || true)
# Ctrl+C: Wine hands SIGINT to the program as a Ctrl+C event; serve stops by itself.
pgrep -f "hyoka.exe serve --addr 127.0.0.1:$port" > /dev/null || fail "serve's process was not found"
pkill -INT -f "hyoka.exe serve --addr 127.0.0.1:$port" 2> /dev/null || true
stopped=""
for _ in $(seq 1 20); do
  pgrep -f "hyoka.exe serve --addr 127.0.0.1:$port" > /dev/null || { stopped=yes; break; }
  sleep 0.5
done
kill "$server" 2> /dev/null || true
wait "$server" 2> /dev/null || true
[ -n "$stopped" ] || fail "serve did not stop on Ctrl+C"
case "$page" in *"<html"*) ;; *) fail "serve answered no page: $(tail -n 3 "$work/serve.log")" ;; esac
case "$checked" in *derived-overwritten*) ;; *) fail "serve's check answered: $(printf '%s' "$checked" | head -c 300)" ;; esac

findings=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1], encoding="utf-8"))["findings"]))' "$work/集計/report.json")
echo "windows smoke test: passed (--help, template, validate, consolidate, serve and Ctrl+C under Wine, template typed in cmd.exe; report.json equal to Linux's, $findings findings)"
