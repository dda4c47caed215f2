#!/usr/bin/env bash
# Builds and runs the consumer against an install of gosem (mode "install") or with gosem as a
# subdirectory (mode "subdirectory"). Usage: check.sh MODE GOSEM_SOURCE_DIR GOSEM_BUILD_DIR WORK_DIR
set -euo pipefail
mode="$1" src="$2" build="$3" work="$4"
here="$(cd "$(dirname "$0")" && pwd)"
rm -rf "$work" && mkdir -p "$work"
log="$work/log"
# Quiet when it works; the whole log when a step fails.
step() { "$@" >>"$log" 2>&1 || { cat "$log" >&2; echo "package ($mode): failed: $*" >&2; exit 1; }; }
case "$mode" in
  install)
    step cmake --install "$build" --prefix "$work/prefix"
    step cmake -S "$here" -B "$work/build" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" ;;
  subdirectory)
    step cmake -S "$here" -B "$work/build" -G Ninja -DGOSEM_SOURCE_DIR="$src" ;;
  *) echo "unknown mode $mode" >&2; exit 2 ;;
esac
step cmake --build "$work/build"
out="$("$work/build/consumer")"
[[ "$out" == 14 ]] || { echo "consumer printed '$out', want 14" >&2; exit 1; }
echo "package ($mode): ok"
