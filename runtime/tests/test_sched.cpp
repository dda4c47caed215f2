// The scheduler: run and its end, goroutine ids and states, GOMAXPROCS, yield, hand-off,
// blocking calls, restartability.
#include <doctest/doctest.h>

#include <gosem/detail/sched.hpp>
#include <gosem/gosem.hpp>

#include "test_support.hpp"

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

using namespace gosem;
using namespace gosem_test;

TEST_SUITE("sched") {

TEST_CASE("run returns 0 when main returns and abandons parked goroutines") {
    static std::atomic<int> destroyed{0};
    struct guard {
        ~guard() { ++destroyed; }
    };
    destroyed = 0;
    int rc = run(config{.procs = 2}, [] {
        auto never = make_chan<int>();
        for (int i = 0; i < 10; ++i)
            go([never] {
                guard g;
                never.recv();
            });
        yield();
    });
    CHECK(rc == 0);
    CHECK(destroyed.load() == 10);  // abandoned goroutines are unwound at the end of run
}

TEST_CASE("run can be called again and again") {
    for (int i = 0; i < 200; ++i) {
        int seen = 0;
        REQUIRE(run(config{.procs = 1 + i % 2}, [&] {
                    auto c = make_chan<int>();
                    go([c] { c.send(1); });
                    seen = c.recv();
                }) == 0);
        REQUIRE(seen == 1);
    }
}

TEST_CASE("go evaluates the function's arguments in the caller") {
    REQUIRE(run(config{.procs = 2}, [] {
                auto c = make_chan<int>();
                int x = 1;
                go([c](int v) { c.send(v); }, x);
                x = 2;
                CHECK(c.recv() == 1);
            }) == 0);
}

TEST_CASE("goroutine ids and num_goroutine and states") {
    REQUIRE(run(config{.procs = 2}, [] {
                CHECK(goroutine_id() == 1);
                CHECK(num_goroutine() == 1);
                auto c = make_chan<int>();
                auto id = make_chan<std::int64_t>(1);
                go([c, id] {
                    id.send(goroutine_id());
                    c.recv();
                });
                std::int64_t other = id.recv();
                CHECK(other > 1);
                bool seen_waiting = false;
                while (!seen_waiting) {
                    for (auto& g : goroutines()) {
                        if (g.id == 1) CHECK(g.state == goroutine_state::running);
                        if (g.id == other && g.state == goroutine_state::waiting) {
                            CHECK(g.reason == wait_reason::chan_receive);
                            CHECK(std::string(to_string(g.reason)) == "chan receive");
                            seen_waiting = true;
                        }
                    }
                    yield();
                }
                CHECK(num_goroutine() == 2);
                c.send(0);
            }) == 0);
}

TEST_CASE("gomaxprocs reads and sets the number of Ps") {
    REQUIRE(run(config{.procs = 2}, [] {
                CHECK(gomaxprocs() == 2);
                CHECK(gomaxprocs(1) == 2);
                CHECK(gomaxprocs() == 1);
                CHECK(gomaxprocs(3) == 1);
                CHECK(gomaxprocs(0) == 3);
                auto done = make_chan<int>(100);
                for (int i = 0; i < 100; ++i) go([done] { done.send(1); });
                int n = 0;
                for (int i = 0; i < 100; ++i) n += done.recv();
                CHECK(n == 100);
            }) == 0);
}

TEST_CASE("goroutines run in parallel on several Ps") {
    REQUIRE(run(config{.procs = 2}, [] {
                // Two goroutines that can only both finish if they run at the same time.
                std::atomic<int> arrived{0};
                auto done = make_chan<bool>(2);
                for (int i = 0; i < 2; ++i)
                    go([&arrived, done] {
                        arrived.fetch_add(1);
                        while (arrived.load() < 2) {}
                        done.send(true);
                    });
                done.recv();
                done.recv();
            }) == 0);
}

// A goroutine readied by a channel operation waits in its waker's `next`, alone; a thief takes it
// from there only once the waker is seen to run on without switching (see may_take), and failing
// that the monitor retakes the waker's P after a time slice. Here the waker spins until the
// readied goroutine has run: it is never stranded behind a goroutine that does not give way.
TEST_CASE("a goroutine readied by one that runs on is not stranded behind it") {
    REQUIRE(run(config{.procs = 2}, [] {
                std::atomic<bool> ran{false};
                auto wake = make_chan<int>(1);
                auto done = make_chan<bool>();
                go([&ran, wake] {
                    wake.recv();
                    ran.store(true);
                });
                wait_until_parked(wait_reason::chan_receive);
                go([&ran, wake, done] {
                    wake.send(1);  // readies the receiver into this P's `next`
                    while (!ran.load()) {}
                    done.send(true);
                });
                done.recv();
            }) == 0);
}

// A P that stole goroutines which then kept taking channel locks that the victim's goroutines
// took last becomes calm (scheduler.cpp, "Calm Ps"): for a while it takes nothing from a running P
// and is not woken for it. The calm must end on its own: afterwards, two goroutines that can only
// finish together get both Ps again, although nothing readies or spawns a goroutine any more.
// Under TSan a channel operation takes microseconds, too long for a heavy spread: the first part
// then runs a few rounds without requiring the calm, and only the second part is checked.
TEST_CASE("a P calmed by goroutines sharing a channel across Ps steals again when the calm ends") {
#if defined(__SANITIZE_THREAD__)
    constexpr bool calm_expected = false;
#else
    constexpr bool calm_expected = true;
#endif
    REQUIRE(run(config{.procs = 2}, [] {
                const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
                auto shared = make_chan<int>(64);
                // Two goroutines queued at once are a backlog, which the idle P takes half of;
                // each sends before it receives, so that neither ever blocks.
                for (int round = 0; calm_expected ? detail::calm_periods() == 0 : round < 3; ++round) {
                    if (std::chrono::steady_clock::now() > deadline) break;
                    wait_group wg;
                    for (int i = 0; i < 2; ++i) {
                        wg.add(1);
                        go([shared, &wg] {
                            for (int k = 0; k < 20'000; ++k) {
                                shared.send(k);
                                shared.recv();
                            }
                            wg.done();
                        });
                    }
                    wg.wait();
                }
                if (calm_expected) CHECK_MESSAGE(detail::calm_periods() > 0, "no spread was heavy");
                std::atomic<int> arrived{0};
                auto done = make_chan<bool>(2);
                for (int i = 0; i < 2; ++i)
                    go([&arrived, done, deadline] {
                        arrived.fetch_add(1);
                        while (arrived.load() < 2 && std::chrono::steady_clock::now() < deadline) {}
                        done.send(arrived.load() == 2);
                    });
                CHECK(done.recv());
                CHECK(done.recv());
            }) == 0);
}

TEST_CASE("one P: yield lets the others run (concurrency on one thread N1)") {
    REQUIRE(run(config{.procs = 1}, [] {
                std::vector<int> order;
                auto done = make_chan<bool>(2);
                for (int id = 0; id < 2; ++id)
                    go([&order, done, id] {
                        for (int i = 0; i < 3; ++i) {
                            order.push_back(id);
                            yield();
                        }
                        done.send(true);
                    });
                done.recv();
                done.recv();
                // Interleaved: neither ran all its steps before the other started.
                CHECK(order.size() == 6);
                CHECK(order[0] != order[1]);
            }) == 0);
}

TEST_CASE("a goroutine that never yields does not starve the others (N4 N5)") {
    static std::atomic<bool> stop{false};
    stop = false;
    REQUIRE(run(config{.procs = 1}, [] {
                auto spinning = make_chan<bool>();
                go([spinning] {
                    spinning.send(true);
                    while (!stop.load(std::memory_order_relaxed)) {}
                });
                spinning.recv();
                yield();  // the spinner now holds the only P
                auto c = make_chan<int>();
                go([c] { c.send(7); });
                CHECK(c.recv() == 7);
                stop = true;
            }) == 0);
}

// Two goroutines that ready each other run one after the other from the P's `next` slot; a
// goroutine queued behind them still runs once their shared time slice is over (Go's
// inheritTime and preemption).
TEST_CASE("goroutines handing the P to each other do not starve one queued behind them (N4)") {
    REQUIRE(run(config{.procs = 1}, [] {
                auto a = make_chan<int>(), b = make_chan<int>(), done = make_chan<int>();
                go([a, b] { for (;;) { a.send(1); b.recv(); } });
                go([a, b] { for (;;) { a.recv(); b.send(1); } });
                yield();  // the pair now passes the P back and forth
                go([done] { done.send(1); });  // queued behind the pair
                go([] {});                      // takes `next`, pushing the one above to the queue
                CHECK(done.recv() == 1);
            }) == 0);
}

// Past 32 queued goroutines a spawn runs the child first and the parent waits on the P's resume
// stack; a goroutine that spawns in a loop then never leaves that chain, yet the goroutines
// queued before it still run: by time, and in a seeded schedule (which must not go by time) by
// count.
TEST_CASE("a goroutine spawning in a loop does not starve the goroutines queued before it") {
    for (std::uint64_t seed : {0, 7}) {
        CAPTURE(seed);
        REQUIRE(run(config{.procs = 1, .sched_seed = seed}, [] {
                    auto ran = make_chan<int>(40);
                    auto stop = std::make_shared<std::atomic<bool>>(false);
                    for (int i = 0; i < 40; ++i) go([ran] { ran.send(1); });
                    go([stop] {
                        while (!stop->load()) go([] {});
                    });
                    for (int i = 0; i < 40; ++i) ran.recv();
                    stop->store(true);
                }) == 0);
    }
}

// Each goroutine spawns the next and exits. Go runs them one at a time; work-first spawning
// (past 32 queued) must not suspend the whole chain: at most its resume stack's depth waits.
TEST_CASE("a chain of goroutines each spawning the next holds only a bounded number alive") {
    static std::atomic<int> most{0};
    most = 0;
    REQUIRE(run(config{.procs = 1}, [] {
                auto done = make_chan<int>();
                auto never = make_chan<int>();
                for (int i = 0; i < 40; ++i) go([never] { never.recv(); });  // 40 queued
                struct relay {
                    static void step(int n, chan<int> done) {
                        int alive = num_goroutine();
                        if (alive > most.load()) most.store(alive);
                        if (n == 0) {
                            done.send(1);
                            return;
                        }
                        go([n, done] { step(n - 1, done); });
                    }
                };
                go([done] { relay::step(20000, done); });
                done.recv();
            }) == 0);
    CHECK(most.load() <= 42 + 32 + 2);  // main, the 40 parked, the resume stack, two links
}

// Go's skynet with unbuffered channels: each leaf parks on its send until its parent receives,
// and the parent, receiving, readies them one after the other into `next`. Those it displaces
// must not wait behind the whole depth-first walk: in the ring, 10,880 of 11,111 goroutines were
// alive at once with 10,000 leaves. A million leaves take some 30 time slices, and each slice that
// ends leaves the walk's parents on the ring, each later the first goroutine of a walk of its own:
// its done children must not go to the ring's tail either (44,000-148,000 alive at once before;
// 186-399 now, 354-399 under ASan). Under TSan a goroutine costs half a millisecond, so the tree
// is smaller, and the bound is not checked: each slice that ends while a walk is under way leaves
// about one more goroutine waiting (570 alive with 10,000 leaves, 3,800 with 100,000).
TEST_CASE("a tree of goroutines sending to their parents unbuffered keeps few alive") {
#if defined(__SANITIZE_THREAD__)
    constexpr std::int64_t leaves = 10000;
#else
    constexpr std::int64_t leaves = 1000000;
#endif
    static std::atomic<int> most{0};
    most = 0;
    struct tree {
        static void node(std::int64_t num, std::int64_t size, chan<std::int64_t> out) {
            if (size == 1) {
                int alive = num_goroutine();
                if (alive > most.load()) most.store(alive);
                out.send(num);
                return;
            }
            auto children = make_chan<std::int64_t>();
            for (std::int64_t i = 0; i < 10; ++i)
                go([=] { node(num + i * (size / 10), size / 10, children); });
            std::int64_t sum = 0;
            for (int i = 0; i < 10; ++i) sum += children.recv();
            out.send(sum);
        }
    };
    REQUIRE(run(config{.procs = 1}, [] {
                auto out = make_chan<std::int64_t>();
                go([out] { tree::node(0, leaves, out); });
                CHECK(out.recv() == leaves * (leaves - 1) / 2);
            }) == 0);
#if !defined(__SANITIZE_THREAD__)
    CHECK(most.load() <= 1000);
#endif
}

TEST_CASE("a blocking call hands its P to the goroutines queued behind it") {
    REQUIRE(run(config{.procs = 1}, [] {
                std::mutex m;  // an OS-level lock the runtime cannot see into
                m.lock();
                auto inside = make_chan<bool>(1);
                auto done = make_chan<bool>(1);
                go([&m, inside, done] {
                    inside.send(true);
                    blocking([&m] {
                        m.lock();
                        m.unlock();
                    });
                    done.send(true);
                });
                inside.recv();
                // The other goroutine blocks its thread; on 1 P we still run.
                auto c = make_chan<int>();
                go([c] { c.send(3); });
                CHECK(c.recv() == 3);
                m.unlock();
                done.recv();
                CHECK(blocking([] { return 5; }) == 5);
            }) == 0);
}

TEST_CASE("a goroutine migrating between threads sees the right thread state") {
    REQUIRE(run(config{.procs = 2}, [] {
                auto done = make_chan<bool>(8);
                for (int k = 0; k < 8; ++k)
                    go([done] {
                        for (int i = 0; i < 2000; ++i) {
                            auto before = std::this_thread::get_id();
                            (void)before;
                            yield();
                            CHECK(goroutine_id() > 1);
                        }
                        done.send(true);
                    });
                for (int k = 0; k < 8; ++k) done.recv();
            }) == 0);
}

TEST_CASE("spawn and join many goroutines on 2 Ps") {
    REQUIRE(run(config{.procs = 2}, [] {
#if defined(__SANITIZE_THREAD__)
                constexpr int n = 5000;  // TSan counts each live goroutine as a thread (at most 8128)
#else
                constexpr int n = 200000;
#endif
                auto done = make_chan<int>(1000);
                go([done] {
                    for (int i = 0; i < n; ++i) go([done] { done.send(1); });
                });
                long sum = 0;
                for (int i = 0; i < n; ++i) sum += done.recv();
                CHECK(sum == n);
            }) == 0);
}

}  // TEST_SUITE
