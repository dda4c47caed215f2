#!/usr/bin/env bash
# Sets up a Debian 12 machine (installing what is missing), builds gosem, and runs every test
# with ctest: unit tests, the conformance suite with its Go oracle, benchmark and baseline smoke
# runs. Then the sanitizer builds (ASan+UBSan, TSan) run the unit tests and the whole suite,
# and a short libFuzzer pass (clang 14, ASan+UBSan) checks random channel programs against the
# model (tools/fuzz.sh --quick).
#   tools/test.sh [--no-sanitizers] [--no-fuzz] [--jobs N]
set -euo pipefail
cd "$(dirname "$0")/.."

sanitizers=1
fuzz=1
jobs=2
while (($#)); do
  case "$1" in
    --no-sanitizers) sanitizers=0 ;;
    --no-fuzz) fuzz=0 ;;
    --jobs) jobs="$2"; shift ;;
    *) echo "usage: tools/test.sh [--no-sanitizers] [--no-fuzz] [--jobs N]" >&2; exit 2 ;;
  esac
  shift
done

bash tools/setup.sh

configure_build_test() {
  local dir="$1"; shift
  local ctest_args=("$@")
  echo "== $dir: configure and build"
  cmake --preset "$dir" >/dev/null
  cmake --build --preset "$dir" -j "$jobs"
  echo "== $dir: test"
  ctest --preset "$dir" -j "$jobs" "${ctest_args[@]}"
}

# Everything but the long stress run (label `stress`; tools/stress.sh runs it).
configure_build_test default -LE '^stress$' --output-junit junit.xml
if ((sanitizers)); then
  configure_build_test asan -L 'unit|conformance|stress-quick|fuzz-corpus'
  configure_build_test tsan -L 'unit|conformance|stress-quick|fuzz-corpus'
fi
if ((fuzz)); then
  bash tools/fuzz.sh --jobs "$jobs" --quick
fi
echo "== all tests passed"
