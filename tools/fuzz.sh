#!/usr/bin/env bash
# Model-based fuzzing of gosem's channels (runtime/fuzz): libFuzzer turns bytes into small
# channel programs, runs each on gosem under the seeded scheduler and checks the run against the
# reference model. Builds with clang 14, ASan+UBSan and coverage instrumentation of the runtime.
#   tools/fuzz.sh --quick              short pass for CI: 20000 inputs grown from the seed corpus
#   tools/fuzz.sh [LIBFUZZER_FLAG...]  long run: until stopped (Ctrl-C), or -max_total_time=S
#   tools/fuzz.sh --merge              add what the long runs found to the seed corpus, minimised
#   tools/fuzz.sh --check-model [K]    validate the model against Go 1.19 itself: every corpus
#                                      program runs K times (default 3) at GOMAXPROCS 1 and 2
#                                      under `go`, and each Go run must be one the model accepts
# Options (first): --build-dir DIR (default build/fuzz), --jobs N (build jobs, default 2).
# New inputs go to DIR/corpus-work, crashes to DIR/artifacts; the seed corpus is only read.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=build/fuzz
jobs=2
mode=long
model_runs=3
while (($#)); do
  case "$1" in
    --build-dir) build_dir="${2:?}"; shift ;;
    --jobs) jobs="${2:?}"; shift ;;
    --quick) mode=quick ;;
    --merge) mode=merge ;;
    --check-model)
      mode=check-model
      if [[ "${2:-}" =~ ^[0-9]+$ ]]; then model_runs="$2"; shift; fi ;;
    *) break ;;
  esac
  shift
done

seed_corpus=runtime/fuzz/corpus
work_corpus="$build_dir/corpus-work"
artifacts="$build_dir/artifacts"
mkdir -p "$build_dir" "$work_corpus" "$artifacts"

echo "== configure and build $build_dir (clang++-14, ASan+UBSan, libFuzzer)"
CXX=clang++-14 cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DGOSEM_BUILD_TESTS=ON -DGOSEM_SANITIZE=address -DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link \
  -DGOSEM_BUILD_BENCHMARKS=OFF -DGOSEM_BUILD_BASELINES=OFF -DGOSEM_BUILD_CONFORMANCE=OFF >/dev/null
cmake --build "$build_dir" -j "$jobs" --target gosem_fuzz gosem_fuzz_replay

fuzzer="$build_dir/runtime/fuzz/gosem_fuzz"
replay="$build_dir/runtime/fuzz/gosem_fuzz_replay"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
common=(-max_len=128 -timeout=60 -artifact_prefix="$artifacts/" -print_final_stats=1)

case "$mode" in
  quick)
    echo "== quick fuzz pass"
    exec "$fuzzer" "${common[@]}" -runs=20000 -max_total_time=120 "$work_corpus" "$seed_corpus" ;;
  long)
    echo "== fuzzing until stopped (or -max_total_time); new inputs in $work_corpus"
    exec "$fuzzer" "${common[@]}" "$@" "$work_corpus" "$seed_corpus" ;;
  merge)
    echo "== merging $work_corpus into $seed_corpus"
    exec "$fuzzer" "${common[@]}" -merge=1 "$seed_corpus" "$work_corpus" ;;
  check-model)
    go=${GO:-/usr/lib/go-1.19/bin/go}
    scratch="$build_dir/check-model"
    mkdir -p "$scratch"
    [[ -f "$scratch/go.mod" ]] || (cd "$scratch" && "$go" mod init gosemfuzzcheck >/dev/null 2>&1)
    runs=0 rejected=0
    for input in "$seed_corpus"/*; do
      "$replay" --go "$input" > "$scratch/main.go"
      (cd "$scratch" && CGO_ENABLED=0 "$go" build -o prog .)
      for ((i = 0; i < model_runs; ++i)); do
        for procs in 1 2; do
          status=0
          GOMAXPROCS=$procs GOTRACEBACK=single timeout 60 "$scratch/prog" > "$scratch/out" 2>&1 || status=$?
          runs=$((runs + 1))
          if ! "$replay" --check-go "$input" "$scratch/out" "$status"; then
            rejected=$((rejected + 1))
          fi
        done
      done
    done
    echo "== Go runs checked: $runs, rejected by the model: $rejected"
    ((rejected == 0)) ;;
esac
