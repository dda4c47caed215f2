#!/usr/bin/env bash
# The long stress run: builds gosem's stress binary and runs every ctest test labelled `stress`
# (Go's channel stress tests and test/chan programs at Go's full sizes, each repeated, at
# GOMAXPROCS 1 and 2; and the deadlock-detector stress), then prints a summary.
#   tools/stress.sh [--quick] [--rounds N] [--sanitize address|thread] [--build-dir DIR] [--jobs N]
#     --quick      the stress-quick slice instead (what CI runs)
#     --rounds N   repeat each test N times (default 10; GOSEM_STRESS_ROUNDS)
#     --sanitize   build with ASan+UBSan (address) or TSan (thread)
#     --build-dir  default: build/stress, or build/stress-<sanitizer>
#     --jobs N     build jobs (default 2); the tests themselves run one at a time
set -euo pipefail
cd "$(dirname "$0")/.."

label='^stress$'
rounds=""
sanitize=""
build_dir=""
jobs=2
usage() {
  echo "usage: tools/stress.sh [--quick] [--rounds N] [--sanitize address|thread] [--build-dir DIR] [--jobs N]" >&2
  exit 2
}
while (($#)); do
  case "$1" in
    --quick) label='^stress-quick$' ;;
    --rounds) rounds="${2:?}"; shift ;;
    --sanitize) sanitize="${2:?}"; shift ;;
    --build-dir) build_dir="${2:?}"; shift ;;
    --jobs) jobs="${2:?}"; shift ;;
    *) usage ;;
  esac
  shift
done
case "$sanitize" in
  "") build_dir="${build_dir:-build/stress}" ;;
  address|thread) build_dir="${build_dir:-build/stress-$sanitize}" ;;
  *) usage ;;
esac

echo "== configure and build $build_dir"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGOSEM_BUILD_TESTS=ON \
  -DGOSEM_SANITIZE="$sanitize" -DGOSEM_BUILD_BENCHMARKS=OFF -DGOSEM_BUILD_BASELINES=OFF \
  -DGOSEM_BUILD_CONFORMANCE=OFF >/dev/null
cmake --build "$build_dir" -j "$jobs" --target gosem_stress

if [[ -n "$rounds" ]]; then export GOSEM_STRESS_ROUNDS="$rounds"; fi
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}"

echo "== run: ctest -L '$label'${rounds:+ (rounds: $rounds)}"
start=$SECONDS
status=0
ctest --test-dir "$build_dir" -L "$label" --output-on-failure || status=$?
elapsed=$((SECONDS - start))

echo "== summary"
log="$build_dir/Testing/Temporary/LastTest.log"
grep -h "deadlock-detector stress:" "$log" | sed 's/^/  /' || echo "  (the deadlock-detector stress printed no counts)"
passed=$(grep -c '^Test Passed\.' "$log" || true)
failed=$(grep -c '^Test Failed\.' "$log" || true)
echo "  tests: $passed passed, $failed failed; wall time ${elapsed}s"
exit "$status"
