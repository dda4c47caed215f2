// What channels synchronize (the Go memory model, "Channel communication" and "Goroutine
// creation"; spec "Go statements"): rules MM-*. The first cases share relaxed atomics, so that a
// runtime that fails to synchronize shows a stale value instead of undefined behaviour. The
// others share plain data, ordered by the runtime's channels and go statements alone, as a Go
// program may: a runtime that fails to order them shows stale or torn values here, and the
// sanitizer builds' ThreadSanitizer flags the missing happens-before edge itself, which is the
// strict check (the cases of areas chan, close and range are in the slice those builds run).
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

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

// A write before a send is seen after the matching receive: plain data, buffered or not.
GOSEM_CASE(MM_01_plain,
           .rules = "MM-01 N10-02",
           .notes = "N10",
           .area = "chan",
           .flags = flag::nondeterministic)
{
    struct record {
        int number = 0;
        std::string text;
    };
    for (auto n : swept_capacities) {
        for (int round = 0; round < 100; ++round) {
            auto ch = make_chan<int>(rt, n);
            auto data = std::make_shared<record>();
            rt.go([ch, data, round] {
                data->number = round + 1;
                data->text = "round " + std::to_string(round);
                ch.send(1);
            });
            ch.recv();
            check_eq(data->number, round + 1, "written before the send");
            check_eq(data->text, "round " + std::to_string(round), "written before the send");
        }
    }
}

// Happens-before is transitive: what the first goroutine wrote before its send reaches the
// third through a second goroutine that only received and sent on.
GOSEM_CASE(MM_01_chain,
           .rules = "MM-01",
           .area = "chan",
           .flags = flag::nondeterministic)
{
    for (int round = 0; round < 100; ++round) {
        auto first = make_chan<int>(rt);
        auto second = make_chan<int>(rt, 1);
        auto x = std::make_shared<int>(0);
        auto y = std::make_shared<int>(0);
        rt.go([first, x, round] {
            *x = round + 1;
            first.send(1);
        });
        rt.go([first, second, x, y] {
            first.recv();
            *y = *x * 2;
            second.send(1);
        });
        second.recv();
        check_eq(*x, round + 1, "the first goroutine's write");
        check_eq(*y, (round + 1) * 2, "the second goroutine's write, from what it saw");
    }
}

// Sending a pointer hands over what it points to: two goroutines take turns owning a plain
// vector that travels as a move-only value, each extending it while it holds it.
GOSEM_CASE(MM_01_ownership,
           .rules = "MM-01 MM-03 CH-MK-09",
           .area = "chan",
           .flags = flag::nondeterministic)
{
    using owned = std::unique_ptr<std::vector<int>>;
    for (auto n : swept_capacities) {
        auto to_worker = make_chan<owned>(rt, n);
        auto to_main = make_chan<owned>(rt, n);
        rt.go([to_worker, to_main] {
            for (int i = 0; i < 100; ++i) {
                owned v = to_worker.recv();
                v->push_back(v->back() + 1);
                to_main.send(std::move(v));
            }
        });
        owned v = std::make_unique<std::vector<int>>(1, 0);
        for (int i = 0; i < 100; ++i) {
            v->push_back(v->back() + 1);
            to_worker.send(std::move(v));
            v = to_main.recv();
        }
        bool counts_up = v->size() == 201;
        for (std::size_t k = 0; counts_up && k < v->size(); ++k) counts_up = (*v)[k] == int(k);
        check(counts_up, "every extension by either owner is there, in turn");
    }
}

// A write before a close is seen by a receive that returns because of the close: plain data.
GOSEM_CASE(MM_02_plain,
           .rules = "MM-02",
           .area = "close",
           .flags = flag::nondeterministic)
{
    for (auto n : swept_capacities) {
        for (int round = 0; round < 100; ++round) {
            auto ch = make_chan<int>(rt, n);
            auto data = std::make_shared<std::string>();
            rt.go([ch, data, round] {
                *data = "round " + std::to_string(round);
                ch.close();
            });
            auto [v, ok] = ch.recv_ok();
            check(!ok, "woken by the close");
            check_eq(*data, "round " + std::to_string(round), "written before the close");
        }
    }
}

// A range loop ends at the close, and what the sender wrote after its last send but before the
// close is seen after the loop.
GOSEM_CASE(MM_02_range,
           .rules = "MM-02 CH-RNG-01",
           .area = "range",
           .flags = flag::nondeterministic,
           .needs = cap::range)
{
    for (int round = 0; round < 100; ++round) {
        auto ch = make_chan<int>(rt, 2);
        auto total = std::make_shared<int>(0);
        rt.go([ch, total] {
            int sum = 0;
            for (int i = 1; i <= 5; ++i) {
                ch.send(i);
                sum += i;
            }
            *total = sum;
            ch.close();
        });
        int received = 0;
        for (int v : ch) received += v;
        check_eq(received, 15, "every value");
        check_eq(*total, 15, "written before the close, seen after the loop");
    }
}

// A receive from an unbuffered channel happens before the matching send completes: what the
// receiver wrote before receiving, the sender sees once its send returns (plain data).
GOSEM_CASE(MM_03_plain,
           .rules = "MM-03 CH-SND-08",
           .area = "chan",
           .flags = flag::nondeterministic)
{
    for (int round = 0; round < 100; ++round) {
        auto ch = make_chan<int>(rt);
        auto data = std::make_shared<std::string>();
        rt.go([ch, data, round] {
            *data = "round " + std::to_string(round);
            ch.recv();
        });
        ch.send(1);
        check_eq(*data, "round " + std::to_string(round), "written before the receive");
    }
}

// A channel of capacity 1 as a lock: a plain counter incremented by several goroutines while
// holding it loses no update.
GOSEM_CASE(MM_04_mutex,
           .rules = "MM-04",
           .area = "chan",
           .flags = flag::nondeterministic)
{
    constexpr int workers = 4, increments = 500;
    auto lock = make_chan<empty_value>(rt, 1);
    auto counter = std::make_shared<long>(0);
    auto done = make_chan<int>(rt, workers);
    for (int w = 0; w < workers; ++w) {
        rt.go([&rt, lock, counter, done] {
            for (int i = 0; i < increments; ++i) {
                lock.send(empty_value{});
                long seen = *counter;
                if (i % 50 == 0) rt.yield();  // others try the lock meanwhile
                *counter = seen + 1;
                lock.recv();
            }
            done.send(1);
        });
    }
    for (int w = 0; w < workers; ++w) done.recv();
    check_eq(*counter, long(workers) * increments, "no update lost");
}

// The k-th receive on a channel of capacity C happens before the (k+C)-th send completes: what
// the receiver wrote before its k-th receive, the sender sees after its (k+C)-th send (plain
// data; C = 0 is MM-03).
GOSEM_CASE(MM_04_kth,
           .rules = "MM-04 MM-03",
           .area = "chan",
           .flags = flag::nondeterministic)
{
    constexpr int values = 200;
    for (auto capacity : swept_capacities) {
        const int c = int(capacity);
        auto ch = make_chan<int>(rt, capacity);
        auto before_receive = std::make_shared<std::vector<int>>(values, 0);
        auto finished = make_chan<int>(rt);
        rt.go([ch, before_receive, finished] {
            for (int k = 0; k < values; ++k) {
                (*before_receive)[k] = k + 1;  // before the (k+1)-th receive
                ch.recv();
            }
            finished.send(1);
        });
        for (int j = 0; j < values; ++j) {
            ch.send(j);  // the (j+1)-th send: it completes after the (j+1-C)-th receive
            if (j >= c) check_eq((*before_receive)[j - c], j - c + 1, "written before that receive");
        }
        finished.recv();
    }
}

// go f() evaluates the function value f in the caller, at the go statement: assigning another
// function to f afterwards changes nothing for the goroutine already started.
GOSEM_CASE(MM_05_function,
           .rules = "MM-05",
           .area = "sched")
{
    auto out = make_chan<int>(rt, 2);
    std::function<void()> f = [out] { out.send(1); };
    rt.go(f);
    f = [out] { out.send(2); };
    rt.go(f);
    std::set<int> ran{out.recv(), out.recv()};
    check(ran == std::set<int>{1, 2}, "each goroutine ran the function f held at its go statement");
}

// The go statement happens before the new goroutine starts: it sees everything its creator
// wrote before the go statement (plain data, written again for each goroutine).
GOSEM_CASE(MM_06,
           .rules = "MM-06",
           .area = "sched",
           .flags = flag::nondeterministic)
{
    constexpr int goroutines = 100;
    auto data = std::make_shared<std::vector<int>>(goroutines, -1);
    auto sums = make_chan<long>(rt, goroutines);
    for (int g = 0; g < goroutines; ++g) {
        (*data)[g] = g;  // before the go statement; the goroutine reads only up to here
        int size = g + 1;
        rt.go([data, sums, size] {
            long sum = 0;
            for (int k = 0; k < size; ++k) sum += (*data)[k];
            sums.send(sum);
        });
    }
    long total = 0;
    for (int g = 0; g < goroutines; ++g) total += sums.recv();
    long want = 0;
    for (int g = 0; g < goroutines; ++g) want += long(g) * (g + 1) / 2;
    check_eq(total, want, "every goroutine saw what was written before its go statement");
}

}  // namespace gosem_conformance::cases
