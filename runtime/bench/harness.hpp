// bench/harness.hpp: how a gosem benchmark meets Google Benchmark.
//
// Each benchmark is registered once per GOMAXPROCS value (procs:1 and procs:2, as Go's
// `-cpu 1,2`) and measures wall-clock time, since its work runs on the runtime's threads, not
// on the one that calls it. One invocation of a benchmark function is one whole gosem::run with
// that many Ps; inside it the benchmark times its work with `timed`, so the runtime's start and
// stop stay out of ns/op, as the Go test binary's already running runtime does.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdint>
#include <utility>

#include "gosem/gosem.hpp"

namespace gosem_bench {

// Registers a benchmark under Go's name; ns/op compares with Go's row of the same name.
inline benchmark::internal::Benchmark* add(const char* go_name, void (*fn)(benchmark::State&)) {
    return benchmark::RegisterBenchmark(go_name, fn)
        ->ArgName("procs")
        ->Arg(1)
        ->Arg(2)
        ->UseRealTime();
}

// Runs `body` as the main goroutine of a fresh runtime with the benchmark's number of Ps.
template <class Body>
void in_gosem(benchmark::State& state, Body&& body) {
    gosem::run(gosem::config{.procs = static_cast<int>(state.range(0))}, std::forward<Body>(body));
}

// Times `work(n)` as the whole measured part of the benchmark, n being Go's b.N: the state's
// iterations are spent in one batch, so the timer spans exactly one call.
template <class Work>
void timed(benchmark::State& state, Work&& work) {
    const std::int64_t n = state.max_iterations;
    while (state.KeepRunningBatch(n)) work(n);
}

// The result a benchmark checks did not come out right: the run is reported as an error, and
// gosem_bench exits with a failure status.
inline void check(benchmark::State& state, bool ok, const char* what) {
    if (!ok) state.SkipWithError(what);
}

}  // namespace gosem_bench
