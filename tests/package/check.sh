#!/usr/bin/env bash
# Builds and runs the consumer against an install of gosem (mode "install") or with gosem as a
# subdirectory (mode "subdirectory"). Usage: check.sh MODE GOSEM_SOURCE_DIR GOSEM_BUILD_DIR WORK_DIR
set -euo pipefail
mode="$1" src="$2" build="$3" work="$4"
here="$(cd "$(dirname "$0")" && pwd)"
rm -rf "$work" && mkdir -p "$work"
case "$mode" in
  install)
    cmake --install "$build" --prefix "$work/prefix" >/dev/null
    cmake -S "$here" -B "$work/build" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null ;;
  subdirectory)
    cmake -S "$here" -B "$work/build" -G Ninja -DGOSEM_SOURCE_DIR="$src" >/dev/null ;;
  *) echo "unknown mode $mode" >&2; exit 2 ;;
esac
cmake --build "$work/build" >/dev/null
out="$("$work/build/consumer")"
[[ "$out" == 14 ]] || { echo "consumer printed '$out', want 14" >&2; exit 1; }
echo "package ($mode): ok"
