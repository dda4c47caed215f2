// sync.Mutex and sync.RWMutex as the notes use them (N8), and the Mutex's fatal misuse
// (sync package documentation): rules MU-*, N8-*, RT-10.
#pragma once

#include <map>
#include <string>

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

namespace gosem_conformance::cases {

// The notes' SafeCounter: data and its mutex in one struct, every method locking around its
// access; many goroutines incrementing concurrently lose no update.
GOSEM_CASE(N8_01,
           .rules = "N8-01 MU-01 MU-02",
           .notes = "N8",
           .area = "sync",
           .flags = flag::nondeterministic,
           .needs = cap::mutex)
{
    struct safe_counter {
        typename R::mutex mu;
        std::map<std::string, int> v;
        void inc(const std::string& key) {
            mu.lock();
            ++v[key];
            mu.unlock();
        }
        int value(const std::string& key) {
            mu.lock();
            int n = v[key];
            mu.unlock();
            return n;
        }
    };
    constexpr int goroutines = 8, increments = 1000;
    safe_counter counter;
    auto done = make_chan<int>(rt, goroutines);
    for (int g = 0; g < goroutines; ++g) {
        rt.go([&rt, &counter, done] {
            for (int i = 0; i < increments; ++i) {
                counter.inc("somekey");
                if (i % 100 == 0) rt.yield();
            }
            done.send(1);
        });
    }
    for (int g = 0; g < goroutines; ++g) done.recv();
    check_eq(counter.value("somekey"), goroutines * increments, "no increment lost");
}

// Through an RWMutex, two readers hold the lock at once, and readers never see a writer's
// update half done.
GOSEM_CASE(N8_02,
           .rules = "N8-02 RW-01 RW-02",
           .notes = "N8",
           .area = "sync",
           .flags = flag::nondeterministic,
           .needs = cap::rwmutex)
{
    struct pair_store {
        typename R::rwmutex mu;
        int a = 0, b = 0;  // the writer keeps them equal
    };
    pair_store store;
    // Both readers inside at once: each waits, holding RLock, for the other to be inside too.
    auto inside1 = make_chan<int>(rt);
    auto inside2 = make_chan<int>(rt);
    auto both = make_chan<int>(rt, 2);
    rt.go([&store, inside1, inside2, both] {
        store.mu.rlock();
        inside1.send(1);
        inside2.recv();
        store.mu.runlock();
        both.send(1);
    });
    rt.go([&store, inside1, inside2, both] {
        store.mu.rlock();
        inside1.recv();
        inside2.send(1);
        store.mu.runlock();
        both.send(1);
    });
    both.recv();
    both.recv();

    constexpr int readers = 4, rounds = 500;
    auto torn = make_chan<int>(rt, readers + 1);
    rt.go([&rt, &store, torn] {
        for (int i = 1; i <= rounds; ++i) {
            store.mu.lock();
            store.a = i;
            rt.yield();
            store.b = i;
            store.mu.unlock();
        }
        torn.send(0);
    });
    for (int r = 0; r < readers; ++r) {
        rt.go([&rt, &store, torn] {
            int seen_torn = 0;
            for (int i = 0; i < rounds; ++i) {
                store.mu.rlock();
                seen_torn += store.a != store.b;
                store.mu.runlock();
                rt.yield();
            }
            torn.send(seen_torn);
        });
    }
    int total_torn = 0;
    for (int r = 0; r < readers + 1; ++r) total_torn += torn.recv();
    check_eq(total_torn, 0, "reads that saw half an update");
}

// Unlocking an unlocked Mutex is a fatal error.
GOSEM_CASE(MU_05,
           .rules = "MU-05",
           .area = "sync",
           .expect = fatal_error("sync: unlock of unlocked mutex"),
           .needs = cap::mutex)
{
    typename R::mutex m;
    m.unlock();
}

// A fatal error is not a panic: recover does not catch it.
GOSEM_CASE(RT_10,
           .rules = "RT-10 MU-05",
           .area = "sync",
           .expect = fatal_error("sync: unlock of unlocked mutex"),
           .needs = cap::mutex | cap::recover)
{
    typename R::mutex m;
    rt.recover([&] { m.unlock(); });
    check(false, "the program went on after a fatal error");
}

}  // namespace gosem_conformance::cases
