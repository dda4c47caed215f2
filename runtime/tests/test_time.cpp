// time: sleep, after, timer, after_func, ticker on the scheduler's timers (Go's time package).
// Durations here are lower bounds the runtime must respect; where a test checks that something
// does NOT happen, it can only miss a bug on a slow machine, never fail a correct runtime.
#include <doctest/doctest.h>

#include <gosem/gosem.hpp>
#include <gosem/sync.hpp>
#include <gosem/time.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <vector>

#include "test_support.hpp"

using namespace gosem;
using namespace std::chrono_literals;
using gosem_test::contains;
using gosem_test::in_run;
using gosem_test::wait_until_parked;
using gosem_test::wait_until_parked_or_finished;

namespace {

time_point now() { return std::chrono::steady_clock::now(); }

// True if c yields a value before `wait` has passed.
bool receives_within(const recv_chan<time_point>& c, duration wait) {
    bool got = false;
    gosem::select(recv_case(c, [&] { got = true; }), recv_case(after(wait)));
    return got;
}

}  // namespace

TEST_SUITE("time") {

TEST_CASE("sleep waits at least its duration and returns at once for zero or negative ones") {
    in_run([] {
        auto start = now();
        gosem::sleep(5ms);
        CHECK(now() - start >= 5ms);
        start = now();
        gosem::sleep(0ns);
        gosem::sleep(-1s);
        CHECK(now() - start < 1s);
    });
}

TEST_CASE("a 1 ms sleep wakes at scheduler granularity and not at a coarse tick") {
    in_run([] {
        duration best = duration::max();
        for (int i = 0; i < 10; ++i) {
            auto start = now();
            gosem::sleep(1ms);
            best = std::min<duration>(best, now() - start);
        }
        CHECK(best >= 1ms);
        CHECK(best < 4ms);  // the best of ten: robust to a loaded machine
    });
}

TEST_CASE("a timer moved later keeps its place in the heap but fires no earlier than its new time") {
    in_run([] {
        std::vector<timer> others;  // so that the moved timer is deep in its heap, not at the top
        for (int i = 0; i < 100; ++i) others.emplace_back(1h);
        timer t(1ms);
        auto start = now();
        CHECK(t.reset(30ms));
        t.c().recv();
        CHECK(now() - start >= 30ms);
        for (auto& o : others) CHECK(o.stop());
    });
}

TEST_CASE("a timer on a P whose goroutine never yields fires once the P is retaken") {
    in_run(
        [] {
            std::atomic<int> woke{0};
            go([&woke] {
                gosem::sleep(1ms);  // its timer is on the only P, which the spinner then holds
                woke = 1;
            });
            wait_until_parked_or_finished(wait_reason::sleep, 1, woke);
            while (!woke.load()) {
            }
        },
        1);
}

TEST_CASE("timers started on every P fire after GOMAXPROCS shrinks and retires their Ps") {
    in_run(
        [] {
            constexpr int sleepers = 16;
            wait_group slept;
            slept.add(sleepers);
            std::atomic<int> woke{0};
            for (int i = 0; i < sleepers; ++i) {
                go([&slept, &woke] {
                    gosem::sleep(50ms);
                    ++woke;
                    slept.done();
                });
            }
            // On a slow machine the first may wake before the last has started to sleep.
            wait_until_parked_or_finished(wait_reason::sleep, sleepers, woke);
            gomaxprocs(1);
            slept.wait();
        },
        4);
}

TEST_CASE("a sleeping goroutine waits with reason sleep and where it slept and is unwound at the end") {
    in_run([] {
        go([] { gosem::sleep(1h); });
        wait_until_parked(wait_reason::sleep);
        for (const auto& g : goroutines()) {
            if (g.reason == wait_reason::sleep) CHECK(contains(g.blocked_at.file_name(), "test_time.cpp"));
        }
    });  // main returns with the sleeper still parked: its timer must go with it
}

TEST_CASE("many goroutines sleeping at once on 2 Ps all wake") {
    in_run([] {
        constexpr int n = 2000;
        wait_group wg;
        wg.add(n);
        for (int i = 0; i < n; ++i) {
            go([&wg, i] {
                gosem::sleep(std::chrono::microseconds(100 + i % 500));
                wg.done();
            });
        }
        wg.wait();
    });
}

TEST_CASE("after sends the time once d has passed") {
    in_run([] {
        auto start = now();
        auto c = after(3ms);
        time_point fired = c.recv();
        CHECK(fired - start >= 3ms);
        CHECK(now() >= fired);
        CHECK(c.len() == 0);
        CHECK(c.cap() == 1);
    });
}

TEST_CASE("after as a select timeout (the value nobody takes is freed with the timer)") {
    in_run([] {
        auto results = make_chan<int>(1);
        results.send(7);
        int got = 0;
        gosem::select(recv_case(results, [&](int v) { got = v; }), recv_case(after(1h)));
        CHECK(got == 7);
        bool timed_out = false;
        gosem::select(recv_case(results), recv_case(after(2ms), [&] { timed_out = true; }));
        CHECK(timed_out);
    });
}

TEST_CASE("timer: stop before it fires returns true and nothing is sent") {
    in_run([] {
        timer t(2ms);
        CHECK(t.stop());
        CHECK_FALSE(t.stop());  // already stopped
        CHECK_FALSE(receives_within(t.c(), 20ms));
    });
}

TEST_CASE("timer: once fired stop returns false and the value waits in c() (Go's drain idiom)") {
    in_run([] {
        timer t(1ms);
        time_point v = t.c().recv();
        CHECK(v <= now());
        CHECK_FALSE(t.stop());

        timer u(1ms);
        while (u.c().len() == 0) yield();  // fired, not yet received
        if (!u.stop()) u.c().recv();         // drains without blocking
        CHECK(u.c().len() == 0);
    });
}

TEST_CASE("timer: reset reports whether it was pending and re-arms it") {
    in_run([] {
        timer t(1h);
        CHECK(t.reset(1ms));  // pending: true
        auto start = now();
        t.c().recv();
        CHECK(now() - start < 1h);
        start = now();  // before the reset: the new deadline is 2ms after the reset
        CHECK_FALSE(t.reset(2ms));  // expired: false, fires again
        t.c().recv();
        CHECK(now() - start >= 2ms);
        CHECK(t.stop() == false);
        CHECK_FALSE(t.reset(1h));  // stopped: false
        CHECK(t.stop());
    });
}

TEST_CASE("timer: a nil timer's stop and reset panic as Go's uninitialized Timer") {
    in_run([] {
        timer t;
        CHECK(t.c().is_nil());
        CHECK_THROWS_WITH_AS(t.stop(), "time: Stop called on uninitialized Timer", gosem::panic);
        CHECK_THROWS_WITH_AS(t.reset(1s), "time: Reset called on uninitialized Timer", gosem::panic);
    });
}

TEST_CASE("timer: dropping every handle leaves it pending and it still fires") {
    in_run([] {
        recv_chan<time_point> c;
        {
            timer t(1ms);
            c = t.c();
        }
        c.recv();
    });
}

TEST_CASE("after_func runs f in a goroutine of its own that stop prevents and reset runs again") {
    in_run([] {
        auto ran = make_chan<std::int64_t>(4);
        std::int64_t me = goroutine_id();
        timer t = after_func(1ms, [ran] { ran.send(goroutine_id()); });
        CHECK(t.c().is_nil());
        std::int64_t id = ran.recv();
        CHECK(id != me);
        CHECK(id != 0);
        CHECK_FALSE(t.stop());

        CHECK_FALSE(t.reset(1ms));  // expired: arms it again
        CHECK(ran.recv() != me);

        timer never = after_func(1h, [ran] { ran.send(-1); });
        CHECK(never.stop());
        timer soon = after_func(2ms, [ran] { ran.send(1); });
        CHECK(ran.recv() == 1);  // the stopped one did not run first, nor does it later
        CHECK(ran.len() == 0);
    });
}

TEST_CASE("ticker: ticks repeat in time order until stop") {
    in_run([] {
        auto start = now();  // before the ticker: its ticks are counted from its creation
        ticker tk(1ms);
        time_point last = start;
        for (int i = 0; i < 5; ++i) {
            time_point v = tk.c().recv();
            CHECK(v > last);
            last = v;
        }
        CHECK(now() - start >= 5ms);
        tk.stop();
        if (tk.c().len() > 0) tk.c().recv();  // a tick sent before stop may wait there
        CHECK_FALSE(receives_within(tk.c(), 20ms));
        tk.reset(1ms);
        tk.c().recv();
        tk.stop();
    });
}

TEST_CASE("ticker: a slow receiver misses ticks instead of queueing them") {
    in_run([] {
        ticker tk(1ms);
        gosem::sleep(10ms);
        CHECK(tk.c().len() == 1);
        tk.stop();
    });
}

TEST_CASE("ticker: non-positive intervals panic with Go's messages") {
    in_run([] {
        CHECK_THROWS_WITH_AS(ticker(0ns), "non-positive interval for NewTicker", gosem::panic);
        ticker tk(1h);
        CHECK_THROWS_WITH_AS(tk.reset(-1ms), "non-positive interval for Ticker.Reset", gosem::panic);
        tk.stop();
    });
}

TEST_CASE("ticker: dropping every handle stops it so a later deadlock is reported") {
    auto r = run_for_result(config{.procs = 2}, [] {
        {
            ticker tk(1ms);
            ticker copy = tk;
            copy.c().recv();
        }
        chan<int> nil;
        nil.recv();
    });
    CHECK(r.how == run_result::ending::deadlock);
    CHECK(contains(r.report, "goroutine 1 [chan receive (nil chan)]:"));
}

TEST_CASE("a pending timer holds off the deadlock report until it fires (RT-05)") {
    auto start = now();
    auto r = run_for_result(config{.procs = 2}, [] {
        timer t(30ms);
        chan<int> nil;
        nil.recv();
    });
    CHECK(r.how == run_result::ending::deadlock);
    CHECK(now() - start >= 30ms);

    auto sleeper = run_for_result(config{.procs = 2}, [] {
        auto c = make_chan<int>();
        go([c] {
            gosem::sleep(5ms);
            c.send(1);
        });
        c.recv();  // only the sleeper can wake main: no deadlock while it sleeps
    });
    CHECK(sleeper.how == run_result::ending::returned);
}

TEST_CASE("timers stopped and reset while firing on 2 Ps (stress)") {
    in_run([] {
        constexpr int workers = 50, rounds = 100;
        std::atomic<int> runs{0};         // after_func bodies that ran
        std::atomic<int> failed_stops{0};  // stops that came too late: those bodies must run
        wait_group wg;
        wg.add(workers);
        for (int w = 0; w < workers; ++w) {
            go([&, w] {
                for (int i = 0; i < rounds; ++i) {
                    timer t(std::chrono::microseconds((i + w) % 50));
                    if ((i + w) % 3 == 0) {
                        t.c().recv();
                    } else if (!t.stop()) {
                        t.c().recv();
                    }
                    if (i % 4 == 0) {
                        timer f = after_func(std::chrono::microseconds(i % 20),
                                             [&runs] { runs.fetch_add(1); });
                        if (!f.stop()) failed_stops.fetch_add(1);
                    }
                    t.reset(std::chrono::microseconds(i % 7));  // left to fire with no handle
                }
                wg.done();
            });
        }
        wg.wait();
        while (runs.load() < failed_stops.load()) yield();
        CHECK(runs.load() == failed_stops.load());  // a stopped body never runs
    });
}

}  // TEST_SUITE("time")
