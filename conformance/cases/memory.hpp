// What channels synchronize (the Go memory model, "Channel communication"; spec "Go
// statements"): rules MM-*. The shared variables are relaxed atomics, so that a runtime that
// fails to synchronize shows a stale value instead of undefined behaviour.
#pragma once

#include <atomic>
#include <memory>

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

namespace gosem_conformance::cases {

// A write before a send is seen after the matching receive, buffered or not.
GOSEM_CASE(MM_01,
           .rules = "MM-01 N10-02",
           .notes = "N10",
           .area = "chan",
           .flags = flag::nondeterministic)
{
    for (auto n : swept_capacities) {
        for (int round = 0; round < 100; ++round) {
            auto ch = make_chan<int>(rt, n);
            auto data = std::make_shared<std::atomic<int>>(0);
            rt.go([ch, data, round] {
                data->store(round + 1, std::memory_order_relaxed);
                ch.send(1);
            });
            ch.recv();
            check_eq(data->load(std::memory_order_relaxed), round + 1, "written before the send");
        }
    }
}

// A write before a close is seen by a receive that returns because of the close.
GOSEM_CASE(MM_02,
           .rules = "MM-02",
           .area = "close",
           .flags = flag::nondeterministic)
{
    for (int round = 0; round < 100; ++round) {
        auto ch = make_chan<int>(rt);
        auto data = std::make_shared<std::atomic<int>>(0);
        rt.go([ch, data, round] {
            data->store(round + 1, std::memory_order_relaxed);
            ch.close();
        });
        auto [v, ok] = ch.recv_ok();
        check(!ok, "woken by the close");
        check_eq(data->load(std::memory_order_relaxed), round + 1, "written before the close");
    }
}

// A buffered channel of capacity C is a counting semaphore: at most C holders at once.
GOSEM_CASE(MM_04,
           .rules = "MM-04",
           .area = "chan",
           .flags = flag::nondeterministic)
{
    constexpr int limit = 2, workers = 8;
    auto semaphore = make_chan<int>(rt, limit);
    auto done = make_chan<int>(rt, workers);
    auto active = std::make_shared<std::atomic<int>>(0);
    auto most = std::make_shared<std::atomic<int>>(0);
    for (int w = 0; w < workers; ++w) {
        rt.go([&rt, semaphore, done, active, most] {
            for (int i = 0; i < 20; ++i) {
                semaphore.send(1);
                int now = active->fetch_add(1) + 1;
                int seen = most->load();
                while (now > seen && !most->compare_exchange_weak(seen, now)) {
                }
                rt.yield();
                active->fetch_sub(1);
                semaphore.recv();
            }
            done.send(1);
        });
    }
    for (int w = 0; w < workers; ++w) done.recv();
    check(most->load() <= limit, "no more holders than the capacity");
}

// go f(x) evaluates x in the caller, at the go statement.
GOSEM_CASE(MM_05,
           .rules = "MM-05 N2-01",
           .area = "sched")
{
    auto out = make_chan<int>(rt, 1);
    int x = 1;
    rt.go([x, out] { out.send(x); });
    x = 2;
    check_eq(out.recv(), 1, "the value x had at the go statement");
    check_eq(x, 2, "the caller's later write");
}

}  // namespace gosem_conformance::cases
