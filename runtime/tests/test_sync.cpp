// sync: mutex, rw_mutex, wait_group, once, cond (Go's sync package; rules MU-*, RW-*, WG-*).
// Tests wait on events (a goroutine seen parked with its reason, a channel), never on sleeps.
#include <doctest/doctest.h>
#include <sched.h>

#include <gosem/detail/sched.hpp>
#include <gosem/gosem.hpp>
#include <gosem/sync.hpp>
#include <gosem/time.hpp>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "test_support.hpp"

using namespace gosem;
using gosem_test::contains;
using gosem_test::in_run;
using gosem_test::run_in_child;
using gosem_test::wait_until_parked;

namespace {

// The zero values need no initialisation at run time (constexpr constructors).
constinit mutex global_mutex;
constinit rw_mutex global_rw_mutex;
constinit wait_group global_wait_group;
constinit once global_once;

}  // namespace

TEST_SUITE("sync") {

TEST_CASE("mutex: the zero value is unlocked and try_lock takes it only when free (MU-01 MU-03)") {
    in_run([] {
        mutex mu;
        CHECK(mu.try_lock());
        CHECK_FALSE(mu.try_lock());
        mu.unlock();
        CHECK(mu.try_lock());
        mu.unlock();
        { std::lock_guard hold(mu); CHECK_FALSE(mu.try_lock()); }
        CHECK(mu.try_lock());
        mu.unlock();

        CHECK(global_mutex.try_lock());
        global_mutex.unlock();
        CHECK(global_rw_mutex.try_lock_shared());
        global_rw_mutex.unlock_shared();
        global_wait_group.wait();
        int calls = 0;
        global_once.call([&] { ++calls; });
        CHECK(calls == 1);
    });
}

TEST_CASE("mutex: lock parks the goroutine with its reason and another goroutine may unlock (MU-04)") {
    in_run([] {
        mutex mu;
        mu.lock();
        auto got = make_chan<int>(1);
        go([&mu, got] {
            mu.lock();  // parks until main's helper unlocks
            got.send(1);
        });
        wait_until_parked(wait_reason::mutex_lock);
        auto info = goroutines();
        bool found = false;
        for (const auto& g : info) {
            if (g.reason == wait_reason::mutex_lock) {
                found = true;
                CHECK(contains(g.blocked_at.file_name(), "test_sync.cpp"));
            }
        }
        CHECK(found);
        go([&mu] { mu.unlock(); });  // unlocked by a goroutine that never locked it
        CHECK(got.recv() == 1);
        mu.unlock();  // the waiter's lock, released by main
    });
}

TEST_CASE("mutex: a thousand contending goroutines park on one thread and all get through") {
    // With one P, a lock that blocked the OS thread could never be released.
    in_run([] {
        mutex mu;
        wait_group wg;
        long counter = 0;
        constexpr int n = 1000;
        mu.lock();
        wg.add(n);
        for (int i = 0; i < n; ++i) {
            go([&] {
                std::lock_guard hold(mu);
                ++counter;
                wg.done();
            });
        }
        wait_until_parked(wait_reason::mutex_lock, n);
        mu.unlock();
        wg.wait();
        CHECK(counter == n);
    }, 1);
}

TEST_CASE("mutex: mutual exclusion under stress on 2 Ps") {
    in_run([] {
        mutex mu;
        wait_group wg;
        long counter = 0;     // guarded by mu
        int inside = 0;       // guarded by mu: never above 1 while held
        bool overlap = false;
        constexpr int goroutines_n = 200, rounds = 200;
        wg.add(goroutines_n);
        for (int i = 0; i < goroutines_n; ++i) {
            go([&, i] {
                for (int r = 0; r < rounds; ++r) {
                    if ((r + i) % 3 == 0) {
                        while (!mu.try_lock()) yield();
                    } else {
                        mu.lock();
                    }
                    if (++inside != 1) overlap = true;
                    ++counter;
                    --inside;
                    mu.unlock();
                    if (r % 16 == 0) yield();
                }
                wg.done();
            });
        }
        wg.wait();
        CHECK_FALSE(overlap);
        CHECK(counter == long{goroutines_n} * rounds);
    });
}

TEST_CASE("mutex: a waiter spins only while another P runs goroutines and its own has none queued (Go's canSpin)") {
    in_run([] { CHECK_FALSE(detail::mutex_can_spin(0)); }, 1);  // one P: the holder is not running
    in_run([] {
        CHECK_FALSE(detail::mutex_can_spin(0));  // the other P is idle
        std::atomic<bool> stop{false};
        auto started = make_chan<bool>(1), left = make_chan<bool>(1);
        go([&stop, started, left] {
            started.send(true);  // readies main, which another M takes: this P stays busy
            while (!stop.load()) detail::cpu_relax();
            left.send(true);
        });
        started.recv();
        cpu_set_t cpus;
        bool multicore = sched_getaffinity(0, sizeof cpus, &cpus) == 0 && CPU_COUNT(&cpus) > 1;
        CHECK(detail::mutex_can_spin(0) == multicore);  // both Ps run a goroutine
        CHECK(detail::mutex_can_spin(3) == multicore);
        CHECK_FALSE(detail::mutex_can_spin(4));  // four rounds at most
        go([] {});                               // queued on main's P
        CHECK_FALSE(detail::mutex_can_spin(0));
        stop = true;
        left.recv();  // stop must outlive the spinner
    });
}

TEST_CASE("mutex: a goroutine that waits long gets the lock in starvation mode (Go's TestMutexFairness)") {
    // A holder that re-locks at once would win every race in normal mode; after 1 ms of waiting
    // the other goroutine is handed the mutex. The 10 s bound only guards against a hang.
    in_run([] {
        mutex mu;
        auto stop = make_chan<bool>();
        auto left = make_chan<bool>(1);
        go([&mu, stop, left] {
            for (;;) {
                mu.lock();
                gosem::sleep(std::chrono::microseconds(100));
                mu.unlock();
                bool stopped = false;
                gosem::select(recv_case(stop, [&] { stopped = true; }), default_case());
                if (stopped) break;
            }
            left.send(true);
        });
        auto done = make_chan<bool>(1);
        go([&mu, done] {
            for (int i = 0; i < 10; ++i) {
                gosem::sleep(std::chrono::microseconds(100));
                mu.lock();
                mu.unlock();
            }
            done.send(true);
        });
        bool finished = false;
        gosem::select(recv_case(done, [&] { finished = true; }), recv_case(after(std::chrono::seconds(10))));
        REQUIRE(finished);
        stop.close();
        left.recv();  // mu must outlive the holder
    });
}

TEST_CASE("mutex: lock twice in main is a deadlock reported as sync.Mutex.Lock (MU-02)") {
    auto r = run_for_result(config{.procs = 2}, [] {
        mutex mu;
        mu.lock();
        mu.lock();
    });
    CHECK(r.how == run_result::ending::deadlock);
    CHECK(contains(r.report, "goroutine 1 [sync.Mutex.Lock]:"));
    CHECK(contains(r.report, "test_sync.cpp:"));
}

TEST_CASE("mutex: unlock of an unlocked mutex is a fatal error and not a panic (MU-05)") {
    auto out = run_in_child([] {
        return run(config{.procs = 2}, [] {
            mutex mu;
            try {
                mu.unlock();
            } catch (...) {
                std::puts("recovered");  // must not happen: fatal errors are not recoverable
            }
        });
    });
    CHECK(out.exit_status == 2);
    CHECK(contains(out.err, "fatal error: sync: unlock of unlocked mutex"));
    CHECK_FALSE(contains(out.out, "recovered"));
}

TEST_CASE("rw_mutex: readers share it and try_lock fails while a reader holds it (RW-01 RW-04)") {
    in_run([] {
        rw_mutex rw;
        constexpr int readers = 8;
        auto inside = make_chan<int>(readers);
        auto leave = make_chan<bool>();
        wait_group wg;
        wg.add(readers);
        for (int i = 0; i < readers; ++i) {
            go([&, inside, leave] {
                std::shared_lock hold(rw);
                inside.send(1);
                leave.recv();  // every reader holds the lock here at once
                wg.done();
            });
        }
        for (int i = 0; i < readers; ++i) inside.recv();
        CHECK_FALSE(rw.try_lock());
        CHECK(rw.try_lock_shared());
        rw.unlock_shared();
        leave.close();
        wg.wait();
        CHECK(rw.try_lock());
        rw.unlock();
    });
}

TEST_CASE("rw_mutex: a writer excludes readers (RW-02)") {
    in_run([] {
        rw_mutex rw;
        rw.lock();
        CHECK_FALSE(rw.try_lock_shared());
        CHECK_FALSE(rw.try_lock());
        auto got = make_chan<int>(1);
        go([&rw, got] {
            rw.lock_shared();
            got.send(1);
            rw.unlock_shared();
        });
        wait_until_parked(wait_reason::rwmutex_rlock);
        CHECK(got.len() == 0);
        rw.unlock();
        CHECK(got.recv() == 1);
    });
}

TEST_CASE("rw_mutex: a pending writer blocks new readers who get in after it (RW-03)") {
    in_run([] {
        rw_mutex rw;
        auto order = make_chan<char>(2);
        auto finished = make_chan<bool>(2);  // each goroutine's last step: rw outlives their uses
        rw.lock_shared();
        go([&rw, order, finished] {
            rw.lock();
            order.send('w');
            rw.unlock();
            finished.send(true);
        });
        wait_until_parked(wait_reason::rwmutex_lock);
        CHECK_FALSE(rw.try_lock_shared());  // the writer is waiting: no new readers
        go([&rw, order, finished] {
            rw.lock_shared();
            order.send('r');
            rw.unlock_shared();
            finished.send(true);
        });
        wait_until_parked(wait_reason::rwmutex_rlock);
        rw.unlock_shared();  // the last reader out lets the writer in; the reader follows it
        CHECK(order.recv() == 'w');
        CHECK(order.recv() == 'r');
        finished.recv();
        finished.recv();
    });
}

TEST_CASE("rw_mutex: read lock then write lock in one goroutine deadlocks (RW-07)") {
    auto r = run_for_result(config{.procs = 2}, [] {
        rw_mutex rw;
        rw.lock_shared();
        rw.lock();
    });
    CHECK(r.how == run_result::ending::deadlock);
    CHECK(contains(r.report, "goroutine 1 [sync.RWMutex.Lock]:"));
}

TEST_CASE("rw_mutex: misuse is a fatal error (RW-05 RW-06)") {
    auto runlock = run_in_child([] {
        return run(config{.procs = 2}, [] {
            rw_mutex rw;
            rw.unlock_shared();
        });
    });
    CHECK(runlock.exit_status == 2);
    CHECK(contains(runlock.err, "fatal error: sync: RUnlock of unlocked RWMutex"));

    auto unlock = run_in_child([] {
        return run(config{.procs = 2}, [] {
            rw_mutex rw;
            rw.lock_shared();
            rw.unlock();
        });
    });
    CHECK(unlock.exit_status == 2);
    CHECK(contains(unlock.err, "fatal error: sync: Unlock of unlocked RWMutex"));
}

TEST_CASE("rw_mutex: readers and writers hammering on 2 Ps never overlap (Go's TestRWMutex)") {
    in_run([] {
        rw_mutex rw;
        std::atomic<int> activity{0};
        std::atomic<bool> broken{false};
        wait_group wg;
        constexpr int rounds = 300;
        auto reader = [&] {
            for (int i = 0; i < rounds; ++i) {
                rw.lock_shared();
                int n = activity.fetch_add(1) + 1;
                if (n < 1 || n >= 10000) broken = true;  // a writer is inside
                yield();
                activity.fetch_sub(1);
                rw.unlock_shared();
            }
            wg.done();
        };
        auto writer = [&] {
            for (int i = 0; i < rounds; ++i) {
                rw.lock();
                int n = activity.fetch_add(10000) + 10000;
                if (n != 10000) broken = true;  // anyone else inside
                yield();
                activity.fetch_sub(10000);
                rw.unlock();
            }
            wg.done();
        };
        wg.add(10);
        go{writer};
        for (int i = 0; i < 4; ++i) go{reader};
        go{writer};
        for (int i = 0; i < 4; ++i) go{reader};
        wg.wait();
        CHECK_FALSE(broken.load());
        CHECK(activity.load() == 0);
    });
}

TEST_CASE("wait_group: wait returns at once on zero and blocks until the counter is zero (WG-01 WG-02)") {
    in_run([] {
        wait_group wg;
        wg.wait();
        constexpr int n = 100;
        std::atomic<int> finished{0};
        wg.add(n);
        for (int i = 0; i < n; ++i) {
            go([&] {
                finished.fetch_add(1);
                wg.done();
            });
        }
        wg.wait();
        CHECK(finished.load() == n);
    });
}

TEST_CASE("wait_group: several waiters all wake and the group is reusable (WG-04 and Go's TestWaitGroup)") {
    in_run([] {
        wait_group wg1, wg2;
        constexpr int n = 16;
        for (int round = 0; round < 8; ++round) {
            wg1.add(n);
            wg2.add(n);
            auto exited = make_chan<bool>(n);
            for (int i = 0; i < n; ++i) {
                go([&, exited] {
                    wg1.done();
                    wg2.wait();
                    exited.send(true);
                });
            }
            wg1.wait();
            for (int i = 0; i < n; ++i) {
                CHECK(exited.len() == 0);  // no one may pass wg2 before it reaches zero
                wg2.done();
            }
            for (int i = 0; i < n; ++i) exited.recv();
        }
    });
}

TEST_CASE("wait_group: a negative counter panics and the panic can be recovered (WG-03)") {
    in_run([] {
        wait_group wg;
        CHECK_THROWS_WITH_AS(wg.done(), "sync: negative WaitGroup counter", gosem::panic);
    });
    auto out = run_in_child([] {
        return run(config{.procs = 2}, [] {
            wait_group wg;
            wg.add(1);
            wg.add(-2);
        });
    });
    CHECK(out.exit_status == 2);
    CHECK(contains(out.err, "panic: sync: negative WaitGroup counter"));
}

TEST_CASE("wait_group: a counter that never reaches zero is a deadlock (WG-05)") {
    auto r = run_for_result(config{.procs = 2}, [] {
        wait_group wg;
        wg.add(1);
        wg.wait();
    });
    CHECK(r.how == run_result::ending::deadlock);
    CHECK(contains(r.report, "goroutine 1 [sync.WaitGroup.Wait]:"));
}

TEST_CASE("once: f runs once and every caller returns after it has (Go's TestOnce)") {
    in_run([] {
        once o;
        std::atomic<int> calls{0};
        int value = 0;  // written by f, read by every caller after call() returns
        constexpr int n = 50;
        auto seen = make_chan<int>(n);
        for (int i = 0; i < n; ++i) {
            go([&, seen] {
                o.call([&] {
                    calls.fetch_add(1);
                    yield();  // give the others time to arrive and wait
                    value = 42;
                });
                seen.send(value);
            });
        }
        for (int i = 0; i < n; ++i) CHECK(seen.recv() == 42);
        CHECK(calls.load() == 1);
    });
}

TEST_CASE("once: if f throws the exception reaches its caller and the once is done (Go's TestOncePanic)") {
    in_run([] {
        once o;
        CHECK_THROWS_AS(o.call([] { throw gosem::panic("failed"); }), gosem::panic);
        bool ran = false;
        o.call([&] { ran = true; });
        CHECK_FALSE(ran);
    });
}

TEST_CASE("cond: signal wakes one waiter and broadcast all (Go's TestCondSignal and TestCondBroadcast)") {
    in_run([] {
        mutex mu;
        cond c(mu);
        constexpr int n = 10;
        int generation = 0;  // guarded by mu
        auto woke = make_chan<int>(n);
        for (int i = 0; i < n; ++i) {
            go([&, woke] {
                std::unique_lock hold(mu);
                int seen = generation;
                while (generation == seen) c.wait();
                woke.send(generation);
            });
        }
        wait_until_parked(wait_reason::cond_wait, n);
        for (int i = 0; i < n; ++i) {
            {
                std::lock_guard hold(mu);
                ++generation;
            }
            c.signal();
            woke.recv();  // exactly one more goroutine gets through per signal
            CHECK(woke.len() == 0);
        }

        for (int i = 0; i < n; ++i) {
            go([&, woke] {
                std::unique_lock hold(mu);
                int seen = generation;
                while (generation == seen) c.wait();
                woke.send(generation);
            });
        }
        wait_until_parked(wait_reason::cond_wait, n);
        {
            std::lock_guard hold(mu);
            ++generation;
        }
        c.broadcast();
        for (int i = 0; i < n; ++i) CHECK(woke.recv() == n + 1);
    });
}

TEST_CASE("cond: a signal with no waiter is not remembered") {
    auto r = run_for_result(config{.procs = 2}, [] {
        mutex mu;
        cond c(mu);
        c.signal();
        c.broadcast();
        std::unique_lock hold(mu);
        c.wait();  // nothing left to wake it
    });
    CHECK(r.how == run_result::ending::deadlock);
    CHECK(contains(r.report, "goroutine 1 [sync.Cond.Wait]:"));
}

TEST_CASE("cond: waiters holding a read lock through r_locker") {
    in_run([] {
        rw_mutex rw;
        auto readers = rw.r_locker();
        cond c(readers);
        bool ready = false;  // written under the write lock, read under read locks
        constexpr int n = 4;
        wait_group wg;
        wg.add(n);
        for (int i = 0; i < n; ++i) {
            go([&] {
                std::shared_lock hold(rw);
                while (!ready) c.wait();
                wg.done();
            });
        }
        wait_until_parked(wait_reason::cond_wait, n);
        {
            std::lock_guard hold(rw);
            ready = true;
        }
        c.broadcast();
        wg.wait();
    });
}

}  // TEST_SUITE("sync")
