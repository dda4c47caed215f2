// The sync package: Mutex, RWMutex, WaitGroup, Once and Cond as its documentation states them
// and Go's sync/*_test.go exercise them, and the notes' uses of them (N8): rules MU-*, RW-*,
// WG-*, ONCE-*, COND-*, N8-*, RT-10.
//
// The deadlocks here are reported with a sync wait reason that Go renamed after 1.19
// (`semacquire` became `sync.Mutex.Lock` and the like), so those cases leave the reason out,
// unless main itself waits on a channel.
#pragma once

#include <atomic>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

// The file's own words, in a namespace of their own so that no other case file's can clash.
namespace gosem_conformance::cases::sync_words {

// The notes' SafeCounter (N8): its map is only touched under its mutex.
template <class R>
struct safe_counter {
    typename R::mutex mu;
    std::map<std::string, int> v;  // guarded by mu
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

// Starts a goroutine that runs f and then sends 1 on the channel returned, whose buffer keeps
// that send from waiting: the channel holds a value once f has returned.
template <class R, class F>
chan_t<R, int> go_and_report(R& rt, F f) {
    auto returned = make_chan<int>(rt, 1);
    rt.go([f, returned] {
        f();
        returned.send(1);
    });
    return returned;
}

// One round of Go's TestWaitGroup: n goroutines count down wg1, then wait on wg2, which main
// counts down one by one, checking that nobody leaves early.
template <class R>
void wait_group_round(R& rt, int n, typename R::waitgroup& wg1, typename R::waitgroup& wg2) {
    wg1.add(n);
    wg2.add(n);
    auto exited = make_chan<int>(rt, n);
    for (int i = 0; i < n; ++i) {
        rt.go([&wg1, &wg2, exited] {
            wg1.done();
            wg2.wait();
            exited.send(1);
        });
    }
    wg1.wait();
    rt.wait_blocked(n);  // every goroutine is in wg2.wait()
    for (int i = 0; i < n; ++i) {
        check_eq(select_default(rt, recv_case{exited}), -1, "Wait returned before the counter hit zero");
        wg2.done();
    }
    for (int i = 0; i < n; ++i) exited.recv();
}

// A mutex and a cond over it, shared by main and its waiters. It lives on the heap, as Go's would
// (it escapes): a waiter still unlocking m after its last send must not find it gone because main,
// having heard from it, returned.
template <class R>
struct locked_cond {
    typename R::mutex m;
    typename R::cond c{m};
    bool exit = false;  // guarded by m
};
template <class R>
using shared_cond = std::shared_ptr<locked_cond<R>>;

// Starts a goroutine that waits on the cond once: it locks m, reports `id` on running, waits,
// then reports `id` on awake and unlocks. m is held from `running` until Wait releases it, so
// once the caller has taken m the waiter is inside Wait.
template <class R>
void start_cond_waiter(R& rt, const shared_cond<R>& s, int id, const chan_t<R, int>& running,
                       const chan_t<R, int>& awake) {
    rt.go([s, id, running, awake] {
        s->m.lock();
        running.send(id);
        s->c.wait();
        awake.send(id);
        s->m.unlock();
    });
}

}  // namespace gosem_conformance::cases::sync_words

namespace gosem_conformance::cases {

using namespace sync_words;

// ---- Mutex ----

// The notes' SafeCounter: data and its mutex in one struct, every method locking around its
// access; many goroutines incrementing concurrently lose no update.
GOSEM_CASE(N8_01,
           .rules = "N8-01 MU-01 MU-02",
           .notes = "N8",
           .area = "sync",
           .flags = flag::nondeterministic,
           .needs = cap::mutex)
{
    constexpr int goroutines = 8, increments = 1000;
    safe_counter<R> counter;
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

// The SafeCounter with several keys, read while it is being written: a reader locking around
// its read sees each key's count only grow, and at the end every key has every increment.
GOSEM_CASE(N8_01_keys,
           .rules = "N8-01 MU-02",
           .notes = "N8",
           .area = "sync",
           .flags = flag::nondeterministic,
           .needs = cap::mutex)
{
    const std::vector<std::string> keys = {"a", "b", "c"};
    constexpr int per_key = 300;
    safe_counter<R> counter;
    auto done = make_chan<int>(rt, keys.size() + 1);
    for (const std::string& key : keys) {
        rt.go([&rt, &counter, key, done] {
            for (int i = 0; i < per_key; ++i) {
                counter.inc(key);
                if (i % 50 == 0) rt.yield();
            }
            done.send(1);
        });
    }
    rt.go([&rt, &counter, &keys, done] {
        std::map<std::string, int> last;
        int went_back = 0;
        for (int round = 0; round < 100; ++round) {
            for (const std::string& key : keys) {
                int n = counter.value(key);
                went_back += n < last[key];
                last[key] = n;
            }
            rt.yield();
        }
        done.send(went_back == 0 ? 1 : 0);
    });
    int reports = 0;
    for (std::size_t g = 0; g < keys.size() + 1; ++g) reports += done.recv();
    check_eq(reports, int(keys.size()) + 1, "the reader never saw a count go back");
    for (const std::string& key : keys) check_eq(counter.value(key), per_key, "every increment of a key");
}

// The zero value of a Mutex is unlocked: TryLock takes it, and Lock does not wait.
GOSEM_CASE(MU_01,
           .rules = "MU-01 MU-03",
           .notes = "N8",
           .area = "sync",
           .needs = cap::mutex)
{
    typename R::mutex fresh;
    check(fresh.try_lock(), "TryLock takes a zero-value mutex");
    fresh.unlock();
    typename R::mutex other;
    other.lock();  // a zero value born locked would deadlock here
    other.unlock();
}

// Lock is not reentrant: a second Lock by the goroutine that holds the mutex waits forever, and
// with nothing else to run that is a deadlock.
GOSEM_CASE(MU_02,
           .rules = "MU-02 RT-02",
           .notes = "N8",
           .area = "sync",
           .expect = deadlocks(),
           .needs = cap::mutex)
{
    typename R::mutex m;
    m.lock();
    m.lock();
}

// Lock waits while another goroutine holds the mutex, and returns once it is unlocked.
GOSEM_CASE(MU_02_blocks,
           .rules = "MU-02",
           .area = "sync",
           .needs = cap::mutex | cap::select | cap::introspection)
{
    typename R::mutex m;
    m.lock();
    auto acquired = go_and_report(rt, [&m] {
        m.lock();
        m.unlock();
    });
    rt.wait_blocked(1);
    check_eq(select_default(rt, recv_case{acquired}), -1, "Lock returned while the mutex was held");
    m.unlock();
    acquired.recv();
}

// Critical sections under one Mutex never overlap, however the goroutines interleave: each
// yields inside, and none finds another there.
GOSEM_CASE(MU_02_exclusion,
           .rules = "MU-02 N8-01",
           .area = "sync",
           .flags = flag::nondeterministic,
           .needs = cap::mutex)
{
    constexpr int goroutines = 4, rounds = 200;
    typename R::mutex m;
    int inside = 0, overlaps = 0;  // guarded by m
    auto done = make_chan<int>(rt, goroutines);
    for (int g = 0; g < goroutines; ++g) {
        rt.go([&rt, &m, &inside, &overlaps, done] {
            for (int i = 0; i < rounds; ++i) {
                m.lock();
                if (++inside != 1) ++overlaps;
                rt.yield();
                --inside;
                m.unlock();
            }
            done.send(1);
        });
    }
    for (int g = 0; g < goroutines; ++g) done.recv();
    check_eq(overlaps, 0, "entries into an occupied critical section");
}

// A goroutine parked on a Mutex that nobody will unlock is asleep: once main waits for it the
// whole program is deadlocked, reported with main's own wait.
GOSEM_CASE(MU_02_goroutine,
           .rules = "MU-02 RT-02 RT-03",
           .area = "sync",
           .expect = deadlocks("chan receive"),
           .needs = cap::mutex)
{
    typename R::mutex m;
    m.lock();
    auto done = make_chan<int>(rt);
    rt.go([&m, done] {
        m.lock();
        done.send(1);
    });
    done.recv();
}

// TryLock takes a free mutex and reports true; on a held one it fails at once, leaving it held.
GOSEM_CASE(MU_03,
           .rules = "MU-03 MU-01",
           .area = "sync",
           .needs = cap::mutex)
{
    typename R::mutex m;
    check(m.try_lock(), "TryLock on a free mutex");
    check(!m.try_lock(), "TryLock on a held mutex");
    m.unlock();
    check(m.try_lock(), "TryLock after Unlock");
    m.unlock();
}

// TryLock fails while another goroutine holds the mutex, and succeeds once it has let go.
GOSEM_CASE(MU_03_held_elsewhere,
           .rules = "MU-03 MU-02",
           .area = "sync",
           .needs = cap::mutex)
{
    typename R::mutex m;
    auto locked = make_chan<int>(rt);
    auto release = make_chan<int>(rt);
    auto released = make_chan<int>(rt);
    rt.go([&m, locked, release, released] {
        m.lock();
        locked.send(1);
        release.recv();
        m.unlock();
        released.send(1);
    });
    locked.recv();
    check(!m.try_lock(), "TryLock while another goroutine holds the mutex");
    release.send(1);
    released.recv();
    check(m.try_lock(), "TryLock once the other goroutine unlocked");
    m.unlock();
}

// A Mutex belongs to no goroutine: one locked by main may be unlocked by another goroutine, and
// main can take it again.
GOSEM_CASE(MU_04,
           .rules = "MU-04",
           .area = "sync",
           .needs = cap::mutex)
{
    typename R::mutex m;
    m.lock();
    auto unlocked = make_chan<int>(rt);
    rt.go([&m, unlocked] {
        m.unlock();
        unlocked.send(1);
    });
    unlocked.recv();
    check(m.try_lock(), "free again after another goroutine's Unlock");
    m.unlock();
}

// The Unlock that wakes a goroutine parked in Lock may come from a third goroutine; the woken
// one then holds the mutex, and main may unlock it in its turn.
GOSEM_CASE(MU_04_waiter,
           .rules = "MU-04 MU-02",
           .area = "sync",
           .needs = cap::mutex | cap::introspection)
{
    typename R::mutex m;
    m.lock();
    auto acquired = make_chan<int>(rt);
    rt.go([&m, acquired] {
        m.lock();
        acquired.send(1);
    });
    rt.wait_blocked(1);
    rt.go([&m] { m.unlock(); });
    acquired.recv();
    check(!m.try_lock(), "the woken goroutine holds the mutex");
    m.unlock();
    check(m.try_lock(), "free after main unlocked it for the waiter");
    m.unlock();
}

// A goroutine that returns while holding a Mutex leaves it locked: nothing unlocks it for the
// goroutine, and anyone may unlock it later.
GOSEM_CASE(MU_04_exited,
           .rules = "MU-04",
           .area = "sync",
           .needs = cap::mutex | cap::introspection)
{
    typename R::mutex m;
    rt.go([&m] { m.lock(); });
    while (rt.num_goroutine() > 1) rt.yield();
    check(!m.try_lock(), "still locked after its locker returned");
    m.unlock();
    check(m.try_lock(), "free after main unlocked it");
    m.unlock();
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

// Locked once, unlocked twice: the second Unlock is the fatal error.
GOSEM_CASE(MU_05_twice,
           .rules = "MU-05",
           .area = "sync",
           .expect = fatal_error("sync: unlock of unlocked mutex"),
           .needs = cap::mutex)
{
    typename R::mutex m;
    m.lock();
    m.unlock();
    m.unlock();
}

// The fatal error ends the program from whichever goroutine makes it, while main waits.
GOSEM_CASE(MU_05_goroutine,
           .rules = "MU-05 RT-10",
           .area = "sync",
           .expect = fatal_error("sync: unlock of unlocked mutex"),
           .needs = cap::mutex)
{
    typename R::mutex m;
    rt.go([&m] { m.unlock(); });
    make_chan<int>(rt).recv();
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

// ---- RWMutex ----

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

// The notes' readers and writers on a shared map: writers add entries under Lock while readers
// look them up under RLock; a reader finds every entry whole (its value matches its key), and
// the map ends with every entry.
GOSEM_CASE(N8_02_cache,
           .rules = "N8-02 RW-01 RW-02",
           .notes = "N8",
           .area = "sync",
           .flags = flag::nondeterministic,
           .needs = cap::rwmutex)
{
    struct cache {
        typename R::rwmutex mu;
        std::map<int, std::string> entries;
    };
    constexpr int writers = 2, per_writer = 100, readers = 3;
    cache c;
    auto done = make_chan<int>(rt, writers + readers);
    for (int w = 0; w < writers; ++w) {
        rt.go([&rt, &c, w, done] {
            for (int i = 0; i < per_writer; ++i) {
                int key = w * per_writer + i;
                c.mu.lock();
                c.entries[key] = std::to_string(key);
                c.mu.unlock();
                if (i % 10 == 0) rt.yield();
            }
            done.send(0);
        });
    }
    for (int r = 0; r < readers; ++r) {
        rt.go([&rt, &c, done] {
            int broken = 0;
            for (int round = 0; round < 50; ++round) {
                c.mu.rlock();
                for (const auto& [key, value] : c.entries) broken += value != std::to_string(key);
                c.mu.runlock();
                rt.yield();
            }
            done.send(broken);
        });
    }
    int broken = 0;
    for (int g = 0; g < writers + readers; ++g) broken += done.recv();
    check_eq(broken, 0, "entries a reader found broken");
    check_eq(int(c.entries.size()), writers * per_writer, "every entry written");
}

// Any number of readers hold the lock together: each of several readers takes RLock and waits,
// still holding it, until all are inside (Go's TestParallelReaders); meanwhile TryRLock joins
// them and TryLock fails.
GOSEM_CASE(RW_01,
           .rules = "RW-01 RW-04",
           .notes = "N8",
           .area = "sync",
           .needs = cap::rwmutex)
{
    constexpr int readers = 4;
    typename R::rwmutex m;
    auto locked = make_chan<int>(rt);
    auto release = make_chan<int>(rt);
    auto done = make_chan<int>(rt);
    for (int r = 0; r < readers; ++r) {
        rt.go([&m, locked, release, done] {
            m.rlock();
            locked.send(1);
            release.recv();
            m.runlock();
            done.send(1);
        });
    }
    for (int r = 0; r < readers; ++r) locked.recv();
    check(m.try_rlock(), "TryRLock among readers");
    m.runlock();
    check(!m.try_lock(), "TryLock among readers");
    for (int r = 0; r < readers; ++r) release.send(1);
    for (int r = 0; r < readers; ++r) done.recv();
    check(m.try_lock(), "TryLock once every reader left");
    m.unlock();
}

// A writer holding the lock keeps readers out: RLock waits and TryRLock fails, until Unlock.
GOSEM_CASE(RW_02,
           .rules = "RW-02",
           .notes = "N8",
           .area = "sync",
           .needs = cap::rwmutex | cap::select | cap::introspection)
{
    typename R::rwmutex m;
    m.lock();
    auto read = go_and_report(rt, [&m] {
        m.rlock();
        m.runlock();
    });
    rt.wait_blocked(1);
    check(!m.try_rlock(), "TryRLock while write-locked");
    check_eq(select_default(rt, recv_case{read}), -1, "RLock returned while write-locked");
    m.unlock();
    read.recv();
    check(m.try_rlock(), "TryRLock after Unlock");
    m.runlock();
}

// Writers exclude each other: a second Lock waits and TryLock fails while a writer holds it.
GOSEM_CASE(RW_02_writers,
           .rules = "RW-02 RW-04",
           .area = "sync",
           .needs = cap::rwmutex | cap::select | cap::introspection)
{
    typename R::rwmutex m;
    m.lock();
    check(!m.try_lock(), "TryLock while write-locked");
    auto wrote = go_and_report(rt, [&m] {
        m.lock();
        m.unlock();
    });
    rt.wait_blocked(1);
    check_eq(select_default(rt, recv_case{wrote}), -1, "a second Lock returned while write-locked");
    m.unlock();
    wrote.recv();
}

// Go's HammerRWMutex: writers and readers in a loop, each announcing itself in a shared count
// (a writer adds 10000, a reader 1) and checking what it finds: a writer always alone, a reader
// never with a writer.
GOSEM_CASE(RW_02_hammer,
           .rules = "RW-02 RW-01",
           .area = "sync",
           .flags = flag::nondeterministic,
           .needs = cap::rwmutex)
{
    constexpr int writers = 2, readers = 6, rounds = 200;
    typename R::rwmutex m;
    std::atomic<int> activity{0};
    std::atomic<int> violations{0};
    auto done = make_chan<int>(rt, writers + readers);
    for (int w = 0; w < writers; ++w) {
        rt.go([&rt, &m, &activity, &violations, done] {
            for (int i = 0; i < rounds; ++i) {
                m.lock();
                if (activity.fetch_add(10000) + 10000 != 10000) ++violations;
                rt.yield();
                activity.fetch_sub(10000);
                m.unlock();
            }
            done.send(1);
        });
    }
    for (int r = 0; r < readers; ++r) {
        rt.go([&rt, &m, &activity, &violations, done] {
            for (int i = 0; i < rounds; ++i) {
                m.rlock();
                int n = activity.fetch_add(1) + 1;
                if (n < 1 || n >= 10000) ++violations;
                rt.yield();
                activity.fetch_sub(1);
                m.runlock();
            }
            done.send(1);
        });
    }
    for (int g = 0; g < writers + readers; ++g) done.recv();
    check_eq(violations.load(), 0, "a writer not alone, or a reader beside a writer");
}

// A writer waiting in Lock keeps new readers out (TryRLock fails, RLock waits) until it has had
// the lock: the readers already inside let it in before any newcomer.
GOSEM_CASE(RW_03,
           .rules = "RW-03",
           .area = "sync",
           .needs = cap::rwmutex | cap::introspection)
{
    // On the heap, as Go's m (it escapes): the reader can be let in, report and end main while
    // the writer is still inside Unlock.
    auto m = std::make_shared<typename R::rwmutex>();
    auto order = make_chan<std::string>(rt, 2);
    m->rlock();
    rt.go([m, order] {
        m->lock();
        order.send("writer");
        m->unlock();
    });
    rt.wait_blocked(1);  // the writer waits for main's read lock
    check(!m->try_rlock(), "TryRLock while a writer waits");
    rt.go([m, order] {
        m->rlock();
        m->runlock();
        order.send("reader");
    });
    rt.wait_blocked(2);  // the new reader waits behind the writer
    m->runlock();
    check_eq(order.recv(), std::string("writer"), "the waiting writer goes first");
    check_eq(order.recv(), std::string("reader"), "then the reader that came after it");
}

// Read locking is not recursive: a goroutine holding RLock that asks for it again behind a
// waiting writer waits for the writer, which waits for it. A deadlock.
GOSEM_CASE(RW_03_recursive,
           .rules = "RW-03 RW-07 RT-02",
           .area = "sync",
           .expect = deadlocks(),
           .needs = cap::rwmutex | cap::introspection)
{
    typename R::rwmutex m;
    m.rlock();
    rt.go([&m] { m.lock(); });
    rt.wait_blocked(1);
    m.rlock();
}

// TryLock fails while any reader holds the lock, and succeeds once the last one has left.
GOSEM_CASE(RW_04,
           .rules = "RW-04 RW-01",
           .area = "sync",
           .needs = cap::rwmutex)
{
    typename R::rwmutex m;
    m.rlock();
    check(!m.try_lock(), "TryLock while read-locked");
    check(m.try_rlock(), "TryRLock joins the reader");
    m.runlock();
    check(!m.try_lock(), "TryLock while one reader remains");
    m.runlock();
    check(m.try_lock(), "TryLock once the readers are gone");
    m.unlock();
}

// RUnlock of an RWMutex nobody holds is a fatal error.
GOSEM_CASE(RW_05,
           .rules = "RW-05",
           .area = "sync",
           .expect = fatal_error("sync: RUnlock of unlocked RWMutex"),
           .needs = cap::rwmutex)
{
    typename R::rwmutex m;
    m.runlock();
}

// RUnlock once more than RLock: the extra one is the fatal error.
GOSEM_CASE(RW_05_twice,
           .rules = "RW-05",
           .area = "sync",
           .expect = fatal_error("sync: RUnlock of unlocked RWMutex"),
           .needs = cap::rwmutex)
{
    typename R::rwmutex m;
    m.rlock();
    m.runlock();
    m.runlock();
}

// RUnlock of an RWMutex that is write-locked, not read-locked, is the same fatal error.
GOSEM_CASE(RW_05_write_locked,
           .rules = "RW-05",
           .area = "sync",
           .expect = fatal_error("sync: RUnlock of unlocked RWMutex"),
           .needs = cap::rwmutex)
{
    typename R::rwmutex m;
    m.lock();
    m.runlock();
}

// Unlock of an RWMutex nobody holds is a fatal error.
GOSEM_CASE(RW_06,
           .rules = "RW-06",
           .area = "sync",
           .expect = fatal_error("sync: Unlock of unlocked RWMutex"),
           .needs = cap::rwmutex)
{
    typename R::rwmutex m;
    m.unlock();
}

// Unlock of an RWMutex that is read-locked, not write-locked, is the same fatal error.
GOSEM_CASE(RW_06_read_locked,
           .rules = "RW-06",
           .area = "sync",
           .expect = fatal_error("sync: Unlock of unlocked RWMutex"),
           .needs = cap::rwmutex)
{
    typename R::rwmutex m;
    m.rlock();
    m.unlock();
}

// A lock is not upgraded: Lock by the goroutine that holds RLock waits for that reader to leave,
// which it never does.
GOSEM_CASE(RW_07,
           .rules = "RW-07 RT-02",
           .area = "sync",
           .expect = deadlocks(),
           .needs = cap::rwmutex)
{
    typename R::rwmutex m;
    m.rlock();
    m.lock();
}

// ---- WaitGroup ----

// Wait returns at once when the counter is zero: on a fresh WaitGroup, and on one whose every Add
// has been matched by Done.
GOSEM_CASE(WG_01,
           .rules = "WG-01",
           .area = "sync",
           .needs = cap::waitgroup)
{
    typename R::waitgroup wg;
    wg.wait();
    wg.add(2);
    wg.done();
    wg.done();
    wg.wait();
}

// Wait blocks while the counter is positive, and every waiter returns once the last Done brings
// it to zero (Go's TestWaitGroup): n goroutines wait on wg2 after counting down wg1.
GOSEM_CASE(WG_02,
           .rules = "WG-02 WG-01",
           .area = "sync",
           .needs = cap::waitgroup | cap::select | cap::introspection)
{
    typename R::waitgroup wg1, wg2;
    wait_group_round(rt, 8, wg1, wg2);
}

// The fork-join idiom: Add before each go, Done when each goroutine has done its work, Wait for
// all; after Wait, every goroutine's work is visible to main.
GOSEM_CASE(WG_02_join,
           .rules = "WG-02",
           .area = "sync",
           .flags = flag::nondeterministic,
           .needs = cap::waitgroup)
{
    constexpr int workers = 10;
    typename R::waitgroup wg;
    std::vector<int> squares(workers, 0);
    for (int i = 0; i < workers; ++i) {
        wg.add(1);
        rt.go([&wg, &squares, i] {
            squares[i] = i * i;
            wg.done();
        });
    }
    wg.wait();
    for (int i = 0; i < workers; ++i) check_eq(squares[i], i * i, "a worker's result after Wait");
}

// Done below zero panics; uncaught, the panic ends the program.
GOSEM_CASE(WG_03,
           .rules = "WG-03",
           .area = "sync",
           .expect = panics("sync: negative WaitGroup counter"),
           .needs = cap::waitgroup)
{
    typename R::waitgroup wg;
    wg.done();
}

// The negative-counter panic is an ordinary panic: recover catches it.
GOSEM_CASE(WG_03_recover,
           .rules = "WG-03",
           .area = "sync",
           .needs = cap::waitgroup | cap::recover)
{
    typename R::waitgroup wg;
    wg.add(1);
    auto message = rt.recover([&] { wg.add(-2); });
    check_eq(message.value_or("no panic"), std::string("sync: negative WaitGroup counter"),
             "Add(-2) on a counter of one");
}

// A WaitGroup may be used again once Wait has returned: the same pair serves several rounds of
// Go's TestWaitGroup.
GOSEM_CASE(WG_04,
           .rules = "WG-04 WG-02",
           .area = "sync",
           .needs = cap::waitgroup | cap::select | cap::introspection)
{
    typename R::waitgroup wg1, wg2;
    for (int round = 0; round < 4; ++round) wait_group_round(rt, 4, wg1, wg2);
}

// Waiting on a counter that nobody will bring to zero, with nothing else to run, is a deadlock.
GOSEM_CASE(WG_05,
           .rules = "WG-05 RT-02",
           .area = "sync",
           .expect = deadlocks(),
           .needs = cap::waitgroup)
{
    typename R::waitgroup wg;
    wg.add(1);
    wg.wait();
}

// The same forgotten Done, in a fork-join: one worker of three never calls it, so the
// goroutine waiting for the group waits forever, and main, waiting for that goroutine, too.
GOSEM_CASE(WG_05_forgotten,
           .rules = "WG-05 RT-02 RT-03",
           .area = "sync",
           .expect = deadlocks("chan receive"),
           .needs = cap::waitgroup)
{
    typename R::waitgroup wg;
    auto all_done = make_chan<int>(rt);
    wg.add(3);
    for (int i = 0; i < 3; ++i) {
        rt.go([&wg, i] {
            if (i != 1) wg.done();
        });
    }
    rt.go([&wg, all_done] {
        wg.wait();
        all_done.send(1);
    });
    all_done.recv();
}

// ---- Once ----

// Do runs its function once, however many goroutines call it, and every call returns only after
// that one run (Go's TestOnce).
GOSEM_CASE(ONCE_01,
           .rules = "ONCE-01 ONCE-02",
           .area = "sync",
           .flags = flag::nondeterministic,
           .needs = cap::once)
{
    constexpr int callers = 10;
    typename R::once o;
    int runs = 0;
    auto seen = make_chan<int>(rt);
    for (int i = 0; i < callers; ++i) {
        rt.go([&rt, &o, &runs, seen] {
            o.call([&rt, &runs] {
                rt.yield();  // let the other callers arrive while it runs
                ++runs;
            });
            seen.send(runs);
        });
    }
    for (int i = 0; i < callers; ++i) check_eq(seen.recv(), 1, "runs seen when Do returned");
    check_eq(runs, 1, "runs of the function");
}

// Only the first Do runs its function, even when later calls pass a different one.
GOSEM_CASE(ONCE_01_different,
           .rules = "ONCE-01",
           .area = "sync",
           .needs = cap::once)
{
    typename R::once o;
    std::string ran;
    o.call([&ran] { ran += "first"; });
    o.call([&ran] { ran += " second"; });
    o.call([&ran] { ran += " third"; });
    check_eq(ran, std::string("first"), "the functions that ran");
}

// A Do that finds the function still running waits until it has returned, and then sees what
// it did.
GOSEM_CASE(ONCE_02,
           .rules = "ONCE-02",
           .area = "sync",
           .needs = cap::once | cap::select | cap::introspection)
{
    typename R::once o;
    bool finished = false;
    auto in_f = make_chan<int>(rt);
    auto finish = make_chan<int>(rt);
    auto second_done = make_chan<int>(rt, 1);
    rt.go([&o, &finished, in_f, finish] {
        o.call([&finished, in_f, finish] {
            in_f.send(1);
            finish.recv();
            finished = true;
        });
    });
    in_f.recv();
    rt.go([&o, &finished, second_done] {
        o.call([] {});
        second_done.send(finished ? 1 : 0);
    });
    rt.wait_blocked(2);  // f waits on finish, the second caller on the once
    check_eq(select_default(rt, recv_case{second_done}), -1, "the second Do returned while f ran");
    finish.send(1);
    check_eq(second_done.recv(), 1, "the second Do returned after f, and sees its effect");
}

// If the function panics, Do counts it as run: the panic leaves the first Do, and later calls
// run nothing.
GOSEM_CASE(ONCE_03,
           .rules = "ONCE-03",
           .area = "sync",
           .needs = cap::once | cap::recover)
{
    typename R::once o;
    auto message = rt.recover([&] { o.call([&rt] { rt.panic("once failed"); }); });
    check_eq(message.value_or("no panic"), std::string("once failed"), "the first Do");
    bool ran_again = false;
    o.call([&ran_again] { ran_again = true; });
    check(!ran_again, "a Do after the panic ran its function");
}

// A function that calls Do on its own Once waits for itself: a deadlock.
GOSEM_CASE(ONCE_04,
           .rules = "ONCE-04 RT-02",
           .area = "sync",
           .expect = deadlocks(),
           .needs = cap::once)
{
    typename R::once o;
    o.call([&o] { o.call([] {}); });
}

// ---- Cond ----

// Wait unlocks the lock while it waits (main can take it) and holds it again when it returns
// (main cannot take it until the waiter lets go).
GOSEM_CASE(COND_01,
           .rules = "COND-01 COND-02",
           .area = "sync",
           .needs = cap::mutex | cap::cond)
{
    typename R::mutex m;
    typename R::cond c(m);
    bool ready = false;  // guarded by m
    auto waiting = make_chan<int>(rt);
    auto woke = make_chan<int>(rt);
    auto leave = make_chan<int>(rt);
    auto left = make_chan<int>(rt);
    rt.go([&m, &c, &ready, waiting, woke, leave, left] {
        m.lock();
        waiting.send(1);
        while (!ready) c.wait();
        woke.send(1);
        leave.recv();
        m.unlock();
        left.send(1);
    });
    waiting.recv();
    m.lock();  // only possible because Wait released it
    ready = true;
    c.signal();
    m.unlock();
    woke.recv();
    check(!m.try_lock(), "the waiter holds the lock when Wait has returned");
    leave.send(1);
    left.recv();
    check(m.try_lock(), "the lock is free once the waiter unlocked it");
    m.unlock();
}

// Signal wakes one waiter, if any, and only one (Go's TestCondSignal).
GOSEM_CASE(COND_02,
           .rules = "COND-02 COND-01",
           .area = "sync",
           .needs = cap::mutex | cap::cond | cap::select)
{
    constexpr int n = 3;
    auto s = std::make_shared<locked_cond<R>>();
    auto running = make_chan<int>(rt, n);
    auto awake = make_chan<int>(rt, n);
    for (int i = 0; i < n; ++i) start_cond_waiter(rt, s, i, running, awake);
    for (int i = 0; i < n; ++i) running.recv();
    for (int left = n; left > 0; --left) {
        s->m.lock();  // every remaining waiter is inside Wait
        check_eq(select_default(rt, recv_case{awake}), -1, "a waiter woke without a signal");
        s->c.signal();
        s->m.unlock();
        awake.recv();
        check_eq(select_default(rt, recv_case{awake}), -1, "one Signal woke two waiters");
    }
    s->c.signal();  // no waiter left: a no-op
}

// Broadcast wakes every waiter, each once (Go's TestCondBroadcast, in a few rounds).
GOSEM_CASE(COND_03,
           .rules = "COND-03 COND-01",
           .area = "sync",
           .needs = cap::mutex | cap::cond | cap::select)
{
    constexpr int n = 5, rounds = 5;
    auto s = std::make_shared<locked_cond<R>>();
    auto running = make_chan<int>(rt, n);
    auto awake = make_chan<int>(rt, n);
    for (int g = 0; g < n; ++g) {
        rt.go([s, g, running, awake] {
            s->m.lock();
            while (!s->exit) {
                running.send(g);
                s->c.wait();
                awake.send(g);
            }
            s->m.unlock();
        });
    }
    for (int round = 0; round < rounds; ++round) {
        for (int g = 0; g < n; ++g) running.recv();
        s->m.lock();
        if (round == rounds - 1) s->exit = true;
        check_eq(select_default(rt, recv_case{awake}), -1, "a waiter woke without a broadcast");
        s->c.broadcast();
        s->m.unlock();
        std::vector<bool> seen(n, false);
        for (int g = 0; g < n; ++g) {
            int who = awake.recv();
            check(!seen[who], "a waiter woke twice");
            seen[who] = true;
        }
    }
}

// Signal and Broadcast with nobody waiting are not remembered: a Wait that starts afterwards
// still waits, and with nothing else to run that is a deadlock.
GOSEM_CASE(COND_04,
           .rules = "COND-04 RT-02",
           .area = "sync",
           .expect = deadlocks(),
           .needs = cap::mutex | cap::cond)
{
    typename R::mutex m;
    typename R::cond c(m);
    m.lock();
    c.signal();
    c.broadcast();
    c.wait();
}

// Signal wakes the waiters in the order they started waiting.
GOSEM_CASE(COND_05,
           .rules = "COND-05 COND-02",
           .area = "sync",
           .flags = flag::impl_defined,
           .needs = cap::mutex | cap::cond)
{
    constexpr int n = 5;
    auto s = std::make_shared<locked_cond<R>>();
    auto running = make_chan<int>(rt);
    auto awake = make_chan<int>(rt, n);
    for (int i = 0; i < n; ++i) {
        start_cond_waiter(rt, s, i, running, awake);
        running.recv();
        s->m.lock();  // waiter i is inside Wait before waiter i+1 starts
        s->m.unlock();
    }
    for (int i = 0; i < n; ++i) {
        s->m.lock();
        s->c.signal();
        s->m.unlock();
        check_eq(awake.recv(), i, "the waiter a Signal woke");
    }
}

// A bounded queue built from a Mutex and two Conds (not empty, not full): producers and
// consumers waiting in predicate loops move every item exactly once.
GOSEM_CASE(COND_01_queue,
           .rules = "COND-01 COND-02",
           .area = "sync",
           .flags = flag::nondeterministic,
           .needs = cap::mutex | cap::cond)
{
    constexpr int producers = 2, consumers = 2, per_goroutine = 100;
    constexpr std::size_t capacity = 2;
    struct bounded_queue {
        typename R::mutex m;
        typename R::cond not_empty{m};
        typename R::cond not_full{m};
        std::deque<int> items;  // at most `capacity`, guarded by m
    };
    bounded_queue q;
    auto sums = make_chan<long>(rt, consumers);
    auto produced = make_chan<int>(rt, producers);
    for (int p = 0; p < producers; ++p) {
        rt.go([&q, p, produced] {
            for (int i = 1; i <= per_goroutine; ++i) {
                q.m.lock();
                while (q.items.size() == capacity) q.not_full.wait();
                q.items.push_back(p * 1000 + i);
                q.not_empty.signal();
                q.m.unlock();
            }
            produced.send(1);
        });
    }
    for (int k = 0; k < consumers; ++k) {
        rt.go([&q, sums] {
            long sum = 0;
            for (int i = 0; i < per_goroutine; ++i) {
                q.m.lock();
                while (q.items.empty()) q.not_empty.wait();
                sum += q.items.front();
                q.items.pop_front();
                q.not_full.signal();
                q.m.unlock();
            }
            sums.send(sum);
        });
    }
    long total = 0;
    for (int k = 0; k < consumers; ++k) total += sums.recv();
    for (int p = 0; p < producers; ++p) produced.recv();
    long want = 0;
    for (int p = 0; p < producers; ++p)
        for (int i = 1; i <= per_goroutine; ++i) want += p * 1000 + i;
    check_eq(total, want, "the sum of every item consumed");
}

}  // namespace gosem_conformance::cases
