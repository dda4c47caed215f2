// bench/time_bench.cpp: Go 1.19's timer benchmarks (time/sleep_test.go: AfterFunc, After, Stop,
// Reset, Sleep) on gosem. As in Go, an op is 1000 timer operations, and every P's timer heap
// first gets 32768 timers due in an hour, so that the timers measured share the heaps with many.
#include <benchmark/benchmark.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <vector>

#include "gosem/gosem.hpp"
#include "gosem/sync.hpp"
#include "gosem/time.hpp"
#include "harness.hpp"
#include "parallel.hpp"

namespace gosem_bench {
namespace {

using namespace std::chrono_literals;

constexpr int timer_ops_per_op = 1000;
constexpr int idle_timers_per_proc = 1 << 15;

// Go's time benchmark harness: starts the idle timers (one goroutine per P makes its share, so
// that they spread over the Ps' heaps; not timed), runs `ops(1000)` in parallel, and stops them.
template <class Ops>
void with_idle_timers(benchmark::State& state, Ops ops) {
    in_gosem(state, [&] {
        const int procs = gosem::gomaxprocs();
        std::vector<std::vector<gosem::timer>> idle(procs);
        gosem::wait_group started;
        started.add(procs);
        for (int p = 0; p < procs; ++p) {
            gosem::go([&idle, &started, p] {
                idle[p].reserve(idle_timers_per_proc);
                for (int i = 0; i < idle_timers_per_proc; ++i)
                    idle[p].push_back(gosem::after_func(1h, [] {}));
                started.done();
            });
        }
        started.wait();
        run_parallel(state, [&](parallel_iterations& it) {
            while (it.next()) ops(timer_ops_per_op);
        });
        for (auto& share : idle) {
            for (auto& t : share) t.stop();
        }
    });
}

// A chain of n after_func(0) calls, each started by the previous one's function; the last
// reports on `done`.
struct after_func_chain {
    int left;
    gosem::chan<bool> done = gosem::make_chan<bool>();
    std::function<void()> step = [this] {
        if (--left >= 0) gosem::after_func(0ns, step);
        else done.send(true);
    };
};

void AfterFunc(benchmark::State& state) {
    with_idle_timers(state, [](int n) {
        after_func_chain chain{n};
        gosem::after_func(0ns, chain.step);
        chain.done.recv();
    });
}

void After(benchmark::State& state) {
    with_idle_timers(state, [](int n) {
        for (int i = 0; i < n; ++i) gosem::after(1ns).recv();
    });
}

void Stop(benchmark::State& state) {
    with_idle_timers(state, [](int n) {
        for (int i = 0; i < n; ++i) gosem::timer(1s).stop();
    });
}

void Reset(benchmark::State& state) {
    with_idle_timers(state, [](int n) {
        gosem::timer t(1h);
        for (int i = 0; i < n; ++i) t.reset(1h);
        t.stop();
    });
}

void Sleep(benchmark::State& state) {
    with_idle_timers(state, [](int n) {
        gosem::wait_group slept;
        slept.add(n);
        for (int i = 0; i < n; ++i) {
            gosem::go([&slept] {
                gosem::sleep(1ns);
                slept.done();
            });
        }
        slept.wait();
    });
}

// What n concurrent timers cost (not one of Go's benchmarks; bench/go/time_test.go has its
// twin): an op starts n timers, all pending together (due in an hour), then makes each due now
// with reset(0) and waits until every one has fired.
template <int n>
void ManyTimers(benchmark::State& state) {
    in_gosem(state, [&] {
        timed(state, [&](std::int64_t ops) {
            for (std::int64_t i = 0; i < ops; ++i) {
                std::atomic<int> left{n};
                auto done = gosem::make_chan<bool>();
                auto fire = [&left, done] {
                    if (left.fetch_sub(1) == 1) done.close();
                };
                std::vector<gosem::timer> timers;
                timers.reserve(n);
                for (int j = 0; j < n; ++j) timers.push_back(gosem::after_func(1h, fire));
                for (auto& t : timers) t.reset(0ns);
                done.recv();
            }
        });
    });
}

[[maybe_unused]] const bool registered = [] {
    add("AfterFunc", AfterFunc);
    add("After", After);
    add("Stop", Stop);
    add("Reset", Reset);
    add("Sleep", Sleep);
    add("ManyTimers/10000", ManyTimers<10'000>);
    add("ManyTimers/100000", ManyTimers<100'000>);
    return true;
}();

}  // namespace
}  // namespace gosem_bench
