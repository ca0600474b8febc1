#!/usr/bin/env bash
# Builds hyoka.exe for 64-bit Windows on a Debian machine and packs
# dist/hyoka-<version>-windows-x64.zip: hyoka.exe, templates/, samples/, はじめにお読みください.txt
# and the licences of the dependencies.
#
# rustup here has only Linux's standard library, so the build uses Debian's own Rust of one
# version (rustc-web, cargo-web and rust-web-src, the standard library's sources), unpacked into
# .windows-build/ (the system's Rust stays as it is), compiles std from those sources for
# x86_64-pc-windows-gnu (-Zbuild-std, accepted by that compiler with RUSTC_BOOTSTRAP=1) and links
# with MinGW-w64. The exe needs only DLLs every Windows has.
#
#   scripts/windows-release.sh            build and pack
#   scripts/windows-release.sh --smoke    also run the packed exe under Wine (scripts/windows-smoke.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
work="$repo/.windows-build"
# The compiler and the standard library's sources must be the same version: pinned once.
rust_web="1.96.0+dfsg1-1~deb12u2"
target=x86_64-pc-windows-gnu
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"
zip_name="hyoka-${version}-windows-x64"
started=$(date +%s)

say() { printf '%s\n' "$*" >&2; }

# ---- the cross tools (system packages) ------------------------------------------------------
need_apt=()
command -v x86_64-w64-mingw32-gcc > /dev/null || need_apt+=(gcc-mingw-w64-x86-64)
command -v x86_64-w64-mingw32-g++ > /dev/null || need_apt+=(g++-mingw-w64-x86-64)
command -v x86_64-w64-mingw32-strip > /dev/null || need_apt+=(binutils-mingw-w64-x86-64)
command -v zip > /dev/null || need_apt+=(zip)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    say "needs the packages ${need_apt[*]}: install them (sudo apt-get install ${need_apt[*]}) and run again"
    exit 2
  fi
  say "installing ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" > /dev/null
fi

# ---- Debian's Rust, unpacked into the build's own folder --------------------------------------
toolchain="$work/toolchain"
if [ ! -x "$toolchain/usr/bin/rustc" ] || [ "$(cat "$toolchain/VERSION" 2> /dev/null)" != "$rust_web" ]; then
  rm -rf "$toolchain" "$work/debs"
  mkdir -p "$toolchain" "$work/debs"
  say "downloading Debian's Rust $rust_web"
  (
    cd "$work/debs"
    apt-get download -qq \
      "rustc-web=$rust_web" "cargo-web=$rust_web" "rust-web-src=$rust_web" \
      "libstd-rust-web-1.96=$rust_web" "libstd-rust-web-dev=$rust_web" \
      libllvm22 libgit2-1.5 libmbedtls14 libmbedcrypto7 libmbedx509-1 libhttp-parser2.9
  )
  for deb in "$work"/debs/*.deb; do
    dpkg -x "$deb" "$toolchain"
  done
  echo "$rust_web" > "$toolchain/VERSION"
fi

# ---- the build -------------------------------------------------------------------------------
say "building hyoka.exe (the first build compiles the standard library too: about 8 minutes on 2 cores)"
build_started=$(date +%s)
(
  export PATH="$toolchain/usr/bin:$PATH"
  export LD_LIBRARY_PATH="$toolchain/usr/lib/x86_64-linux-gnu"
  export RUSTC_BOOTSTRAP=1
  export CARGO_HOME="$work/cargo-home"
  export CARGO_TARGET_DIR="$work/target"
  export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
  export CC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc
  export CXX_x86_64_pc_windows_gnu=x86_64-w64-mingw32-g++
  export AR_x86_64_pc_windows_gnu=x86_64-w64-mingw32-ar
  rustc --version >&2
  cargo build --release --locked --bin hyoka -Zbuild-std=std,panic_unwind --target "$target"
)
build_seconds=$(( $(date +%s) - build_started ))

# ---- the package -----------------------------------------------------------------------------
stage="$work/stage/$zip_name"
rm -rf "$work/stage"
mkdir -p "$stage"
x86_64-w64-mingw32-strip -o "$stage/hyoka.exe" "$work/target/$target/release/hyoka.exe"

# Only DLLs every Windows has: one file to copy, nothing to install.
system_dlls='^(kernel32|ntdll|msvcrt|ws2_32|userenv|advapi32|bcryptprimitives|bcrypt|shell32|ole32|oleaut32|user32|crypt32|secur32|ncrypt|api-ms-win-[a-z0-9-]+)\.dll$'
dlls=$(x86_64-w64-mingw32-objdump -p "$stage/hyoka.exe" | sed -n 's/^\s*DLL Name: //p' | sort -u)
foreign=$(printf '%s\n' "$dlls" | tr 'A-Z' 'a-z' | grep -Ev "$system_dlls" || true)
if [ -n "$foreign" ]; then
  say "hyoka.exe needs DLLs Windows does not have: $foreign"
  exit 1
fi

cp -r templates samples "$stage/"
# Notepad reads UTF-8 with a byte-order mark on every Windows hyoka runs on; lines end in CRLF.
readme="$stage/はじめにお読みください.txt"
{
  printf '\xef\xbb\xbf'
  sed -e "s/{version}/$version/" scripts/windows/readme-ja.txt | sed 's/$/\r/'
} > "$readme"

# The licences of every crate in the exe, from Cargo's own metadata.
licences="$stage/THIRD-PARTY-LICENSES.txt"
if ! command -v cargo-license > /dev/null; then
  say "installing cargo-license (the dependencies' licences)"
  cargo install --quiet --locked cargo-license
fi
{
  printf '\xef\xbb\xbf'
  printf 'hyoka %s: the crates compiled into hyoka.exe and their licences\r\n\r\n' "$version"
  cargo license --avoid-build-deps --avoid-dev-deps --filter-platform "$target" --tsv \
    | sed 's/$/\r/'
} > "$licences"

mkdir -p dist
rm -f "dist/$zip_name.zip"
(cd "$work/stage" && zip -q -r -X "$repo/dist/$zip_name.zip" "$zip_name")

size=$(stat -c %s "$stage/hyoka.exe")
say "dist/$zip_name.zip: hyoka.exe $((size / 1024 / 1024)) MB (stripped), built in ${build_seconds} s"
say "imports: $(printf '%s ' $dlls)"
say "in all $(( $(date +%s) - started )) s"

if [ "${1:-}" = "--smoke" ]; then
  scripts/windows-smoke.sh "$stage/hyoka.exe"
fi
