// bench/parallel.hpp: Go's b.RunParallel on gosem.
//
// Go runs the body in parallelism * GOMAXPROCS goroutines that share b.N iterations; each takes
// them from a shared counter a grain at a time, the grain being as many iterations as took about
// 100 µs in the benchmark's previous run (at least 1, at most 10,000). ns/op is the wall time of
// the whole parallel loop divided by b.N. run_parallel does the same, so that its ns/op means
// what Go's does.
#pragma once

#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>

#include "gosem/gosem.hpp"
#include "harness.hpp"

namespace gosem_bench {

// One worker's view of the shared iterations (Go's testing.PB). Invariant: the iterations handed
// out over all workers never exceed `total`.
class parallel_iterations {
public:
    parallel_iterations(std::atomic<std::uint64_t>& taken, std::uint64_t total, std::uint64_t grain)
        : taken_(taken), total_(total), grain_(grain) {}

    // Whether this worker has one more iteration to run.
    bool next() {
        if (cached_ == 0) {
            const std::uint64_t end = taken_.fetch_add(grain_, std::memory_order_relaxed) + grain_;
            if (end <= total_) cached_ = grain_;
            else if (end < total_ + grain_) cached_ = total_ + grain_ - end;
            else return false;
        }
        --cached_;
        return true;
    }

private:
    std::atomic<std::uint64_t>& taken_;
    const std::uint64_t total_;
    const std::uint64_t grain_;
    std::uint64_t cached_ = 0;
};

namespace detail {
// The previous run of one parallel benchmark at one worker count, from which the grain follows.
struct previous_run {
    std::uint64_t n = 0;
    std::int64_t ns = 0;

    std::uint64_t grain() const {
        std::uint64_t g = (n > 0 && ns > 0) ? 100'000 * n / static_cast<std::uint64_t>(ns) : 1;
        return std::clamp<std::uint64_t>(g, 1, 10'000);
    }
};
}  // namespace detail

// b.RunParallel(body) with b.SetParallelism(parallelism): times body(parallel_iterations&) run
// by parallelism * gomaxprocs() goroutines. Call it from a benchmark's main goroutine.
template <class Body>
void run_parallel(benchmark::State& state, Body body, int parallelism = 1) {
    // One history per benchmark body (each is its own lambda type) and worker count. Benchmarks
    // run one after another, so the map needs no lock.
    static std::map<int, detail::previous_run> history;
    const int workers = parallelism * gosem::gomaxprocs();
    detail::previous_run& previous = history[workers];
    timed(state, [&](std::int64_t n) {
        const auto start = std::chrono::steady_clock::now();
        std::atomic<std::uint64_t> taken{0};
        const std::uint64_t total = static_cast<std::uint64_t>(n), grain = previous.grain();
        auto finished = gosem::make_chan<bool>(workers);
        for (int w = 0; w < workers; ++w) {
            gosem::go([&, finished] {
                parallel_iterations it(taken, total, grain);
                body(it);
                finished.send(true);
            });
        }
        for (int w = 0; w < workers; ++w) finished.recv();
        const auto elapsed = std::chrono::steady_clock::now() - start;
        previous = {total, std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count()};
    });
}

}  // namespace gosem_bench
