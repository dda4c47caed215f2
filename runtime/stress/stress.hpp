// What every stress test shares: how big a run is, the GOMAXPROCS values to run at, running a
// program and checking that it returned, and waiting (on events, never on time) until a goroutine
// is parked.
#pragma once

#include <doctest/doctest.h>

#include <gosem/gosem.hpp>

#include <atomic>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace stress {

// Quick mode (`--quick` on the command line or GOSEM_STRESS_QUICK=1): sizes that CI can afford,
// also under ASan and TSan. Otherwise the sizes of Go's own tests (not their -short ones).
bool quick() noexcept;
void set_quick(bool on) noexcept;

// `full` normally, `small` in quick mode.
int size(int full, int small) noexcept;

// How many goroutines may be alive at once: `wanted`, except under TSan, which gives every
// goroutine (a fiber) its own thread state, close to a megabyte each: at most 500 there.
int live_goroutines(int wanted) noexcept;

// How many times each test repeats: `--rounds N` or GOSEM_STRESS_ROUNDS; by default 10 at full
// size and 1 in quick mode.
int rounds() noexcept;
void set_rounds(int n) noexcept;

// Every stress program runs at GOMAXPROCS 1 and 2: calls run(procs) for each, rounds() times.
inline constexpr int procs_values[] = {1, 2};
template <class F>
void each_run(F&& run) {
    for (int round = 0; round < rounds(); ++round) {
        for (int procs : procs_values) run(procs);
    }
}

// Runs `main` as a gosem program on `procs` Ps and checks that it returned: a deadlock or an
// uncaught panic fails the test with the runtime's report.
template <class F>
void expect_returns(int procs, F&& main) {
    auto result = gosem::run_for_result(gosem::config{.procs = procs}, std::forward<F>(main));
    INFO("GOMAXPROCS=", procs, "\n", result.report);
    CHECK(result.how == gosem::run_result::ending::returned);
}

// The first `count` primes, by trial division: what the prime sieve programs must produce.
std::vector<int> first_primes(int count);

// True if goroutine `id` exists and is parked.
bool is_parked(std::int64_t id);

// A goroutine watched by another: it publishes its id when it starts and says when it got past
// the operation under test. Shared through a shared_ptr, since the watched goroutine may outlive
// the watcher's frame. Invariant: `id` is set before the operation, `passed` only after it.
struct probe {
    std::atomic<std::int64_t> id{0};
    std::atomic<bool> passed{false};

    void start() noexcept { id.store(gosem::goroutine_id()); }
    void pass() noexcept { passed.store(true); }
    // Yields until the goroutine is parked in the operation or has passed it; then returns
    // whether it had passed (i.e. the operation did not block).
    bool await_parked_or_passed() const;
};
inline std::shared_ptr<probe> make_probe() { return std::make_shared<probe>(); }

}  // namespace stress
