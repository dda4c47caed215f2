// bench/sync_bench.cpp: Go 1.19's sync benchmarks (sync/mutex_test.go, rwmutex_test.go,
// waitgroup_test.go) on gosem. The mutex ones are templates over the lock type: registered with
// gosem's types under Go's names, and with std::mutex / std::shared_mutex under "<name>/std" as
// a second reference (goroutines never park while holding them, so blocking their thread is safe).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <mutex>
#include <shared_mutex>

#include "gosem/gosem.hpp"
#include "gosem/sync.hpp"
#include "harness.hpp"
#include "local_work.hpp"
#include "parallel.hpp"

namespace gosem_bench {
namespace {

// A sync object followed by 128 bytes, so that workers' private ones do not share a cache line
// (Go's Padded* types embed theirs the same way).
template <class T>
struct padded : T {
    unsigned char pad[128];
};

template <class Lock>
void MutexUncontended(benchmark::State& state) {
    in_gosem(state, [&] {
        run_parallel(state, [&](parallel_iterations& it) {
            padded<Lock> mu;
            while (it.next()) {
                mu.lock();
                mu.unlock();
            }
        });
    });
}

// All workers take one mutex; `slack` runs ten times as many workers as Ps, `work` adds 100
// rounds of local work outside the lock (whose result Go's benchmark discards).
struct mutex_shape {
    bool slack;
    bool work;
};

template <class Lock>
void contended_mutex(benchmark::State& state, mutex_shape shape) {
    in_gosem(state, [&] {
        Lock mu;
        run_parallel(
            state,
            [&](parallel_iterations& it) {
                while (it.next()) {
                    mu.lock();
                    mu.unlock();
                    if (shape.work) discarded_work(100);
                }
            },
            shape.slack ? 10 : 1);
    });
}

template <class Lock>
void Mutex(benchmark::State& state) { contended_mutex<Lock>(state, {false, false}); }
template <class Lock>
void MutexSlack(benchmark::State& state) { contended_mutex<Lock>(state, {true, false}); }
template <class Lock>
void MutexWork(benchmark::State& state) { contended_mutex<Lock>(state, {false, true}); }

void RWMutexUncontended(benchmark::State& state) {
    in_gosem(state, [&] {
        run_parallel(state, [&](parallel_iterations& it) {
            padded<gosem::rw_mutex> rw;
            while (it.next()) {
                rw.lock_shared();
                rw.lock_shared();
                rw.unlock_shared();
                rw.unlock_shared();
                rw.lock();
                rw.unlock();
            }
        });
    });
}

// Every `write_ratio`-th op of a worker takes the write lock, the others the read lock with
// `work` rounds of local work inside.
template <class Lock>
void contended_rw_mutex(benchmark::State& state, int work, int write_ratio) {
    in_gosem(state, [&] {
        Lock rw;
        run_parallel(state, [&](parallel_iterations& it) {
            std::int64_t foo = 0;
            while (it.next()) {
                if (++foo % write_ratio == 0) {
                    rw.lock();
                    rw.unlock();
                } else {
                    rw.lock_shared();
                    local_work(foo, work);
                    rw.unlock_shared();
                }
            }
            benchmark::DoNotOptimize(foo);
        });
    });
}

template <class Lock>
void RWMutexWrite100(benchmark::State& state) { contended_rw_mutex<Lock>(state, 0, 100); }
template <class Lock>
void RWMutexWrite10(benchmark::State& state) { contended_rw_mutex<Lock>(state, 0, 10); }
template <class Lock>
void RWMutexWorkWrite100(benchmark::State& state) { contended_rw_mutex<Lock>(state, 100, 100); }
template <class Lock>
void RWMutexWorkWrite10(benchmark::State& state) { contended_rw_mutex<Lock>(state, 100, 10); }

void WaitGroupUncontended(benchmark::State& state) {
    in_gosem(state, [&] {
        run_parallel(state, [&](parallel_iterations& it) {
            padded<gosem::wait_group> wg;
            while (it.next()) {
                wg.add(1);
                wg.done();
                wg.wait();
            }
        });
    });
}

void WaitGroupAddDone(benchmark::State& state) {
    in_gosem(state, [&] {
        gosem::wait_group wg;
        run_parallel(state, [&](parallel_iterations& it) {
            while (it.next()) {
                wg.add(1);
                wg.done();
            }
        });
    });
}

// Waiting on a wait group whose counter is zero: the cost of finding out.
void WaitGroupWait(benchmark::State& state) {
    in_gosem(state, [&] {
        gosem::wait_group wg;
        run_parallel(state, [&](parallel_iterations& it) {
            while (it.next()) wg.wait();
        });
    });
}

[[maybe_unused]] const bool registered = [] {
    add("MutexUncontended", MutexUncontended<gosem::mutex>);
    add("MutexUncontended/std", MutexUncontended<std::mutex>);
    add("Mutex", Mutex<gosem::mutex>);
    add("Mutex/std", Mutex<std::mutex>);
    add("MutexSlack", MutexSlack<gosem::mutex>);
    add("MutexSlack/std", MutexSlack<std::mutex>);
    add("MutexWork", MutexWork<gosem::mutex>);
    add("MutexWork/std", MutexWork<std::mutex>);
    add("RWMutexUncontended", RWMutexUncontended);
    add("RWMutexWrite100", RWMutexWrite100<gosem::rw_mutex>);
    add("RWMutexWrite100/std", RWMutexWrite100<std::shared_mutex>);
    add("RWMutexWrite10", RWMutexWrite10<gosem::rw_mutex>);
    add("RWMutexWrite10/std", RWMutexWrite10<std::shared_mutex>);
    add("RWMutexWorkWrite100", RWMutexWorkWrite100<gosem::rw_mutex>);
    add("RWMutexWorkWrite100/std", RWMutexWorkWrite100<std::shared_mutex>);
    add("RWMutexWorkWrite10", RWMutexWorkWrite10<gosem::rw_mutex>);
    add("RWMutexWorkWrite10/std", RWMutexWorkWrite10<std::shared_mutex>);
    add("WaitGroupUncontended", WaitGroupUncontended);
    add("WaitGroupAddDone", WaitGroupAddDone);
    add("WaitGroupWait", WaitGroupWait);
    return true;
}();

}  // namespace
}  // namespace gosem_bench
