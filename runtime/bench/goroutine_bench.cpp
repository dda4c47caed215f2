// bench/goroutine_bench.cpp: the cost of goroutines themselves: an unbuffered round trip between
// two goroutines, spawning and joining a million, and skynet (a million leaves in a 10-ary tree).
// The Go versions in bench/go/goroutine_test.go do the same work per op.
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdint>

#include "gosem/gosem.hpp"
#include "harness.hpp"

namespace gosem_bench {
namespace {

constexpr std::int64_t million = 1'000'000;

// An op is one value sent to an echoing goroutine and received back, both unbuffered.
void PingPong(benchmark::State& state) {
    bool echoed = true;
    in_gosem(state, [&] {
        auto ping = gosem::make_chan<std::int64_t>(), pong = gosem::make_chan<std::int64_t>();
        gosem::go([ping, pong] {
            for (std::int64_t v : ping) pong.send(v);
        });
        timed(state, [&](std::int64_t n) {
            for (std::int64_t i = 0; i < n; ++i) {
                ping.send(i);
                echoed = pong.recv() == i && echoed;
            }
        });
        ping.close();
    });
    check(state, echoed, "the echo differs from the value sent");
}

// An op spawns a million goroutines and waits until all have run; the last one to finish closes
// `all_done`.
void SpawnJoin(benchmark::State& state) {
    in_gosem(state, [&] {
        timed(state, [&](std::int64_t n) {
            for (std::int64_t i = 0; i < n; ++i) {
                std::atomic<std::int64_t> running{million};
                auto all_done = gosem::make_chan<bool>();
                for (std::int64_t g = 0; g < million; ++g) {
                    gosem::go([&running, all_done] {
                        if (running.fetch_sub(1) == 1) all_done.close();
                    });
                }
                all_done.recv();
            }
        });
    });
}

// Sends the sum of [num, num + size) to `out`: a leaf sends its number, an inner node sums what
// its ten children send.
void skynet(std::int64_t num, std::int64_t size, gosem::send_chan<std::int64_t> out) {
    if (size == 1) {
        out.send(num);
        return;
    }
    auto children = gosem::make_chan<std::int64_t>();
    const gosem::send_chan<std::int64_t> to_parent = children;
    const std::int64_t child_size = size / 10;
    for (std::int64_t i = 0; i < 10; ++i) {
        gosem::go(skynet, num + i * child_size, child_size, to_parent);
    }
    std::int64_t sum = 0;
    for (int i = 0; i < 10; ++i) sum += children.recv();
    out.send(sum);
}

// An op is one whole skynet of a million leaves.
void Skynet(benchmark::State& state) {
    bool sums_right = true;
    in_gosem(state, [&] {
        timed(state, [&](std::int64_t n) {
            for (std::int64_t i = 0; i < n; ++i) {
                auto result = gosem::make_chan<std::int64_t>();
                gosem::go(skynet, 0, million, gosem::send_chan<std::int64_t>(result));
                sums_right = result.recv() == million * (million - 1) / 2 && sums_right;
            }
        });
    });
    check(state, sums_right, "skynet's sum is not 499999500000");
}

[[maybe_unused]] const bool registered = [] {
    add("PingPong", PingPong);
    add("SpawnJoin", SpawnJoin);
    add("Skynet", Skynet);
    return true;
}();

}  // namespace
}  // namespace gosem_bench
