// runtime_lock: the lock under channels, semaphores and timer heaps, with both of its unlocks
// (the store paired with membarrier, and the exchange used where membarrier is missing) and its
// bias to a thread that takes it again and again.
// More threads than cores, and critical sections long enough that waiters run out of spins,
// put waiters to sleep: a wake the unlock misses leaves one asleep for good (the child times
// out), and two holders at once show as a broken count or an overlap.
#include <doctest/doctest.h>

#include <gosem/detail/runtime_lock.hpp>

#include <atomic>
#include <barrier>
#include <memory>
#include <thread>
#include <vector>

#include "test_support.hpp"

using gosem_test::run_in_child;

namespace {

// 0 when every increment was made alone; otherwise a code saying what went wrong.
int contend(bool asymmetric) {
    if (asymmetric) {
        gosem::detail::enable_asymmetric_unlock();
        if (!gosem::detail::asymmetric_unlock.load()) return 3;  // membarrier missing here
    } else {
        gosem::detail::asymmetric_unlock.store(false);
    }
    constexpr int threads = 6, rounds = 20000;
    gosem::detail::runtime_lock lock;
    long counter = 0;
    std::atomic<int> inside{0};
    std::atomic<bool> overlap{false};
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&] {
            for (int i = 0; i < rounds; ++i) {
                lock.lock();
                if (inside.fetch_add(1, std::memory_order_relaxed) != 0) overlap = true;
                ++counter;
                for (int k = 0; k < 100; ++k) gosem::detail::cpu_relax();
                inside.fetch_sub(1, std::memory_order_relaxed);
                lock.unlock();
            }
        });
    }
    for (std::thread& t : pool) t.join();
    if (overlap) return 1;
    return counter == long{threads} * rounds ? 0 : 2;
}

// 0 when a lock became biased to a thread that took it again and again, lost the bias when
// another thread took it, and became biased again only after a run twice as long; otherwise the
// step that failed.
int bias_and_revoke() {
    gosem::detail::enable_asymmetric_unlock();
    if (!gosem::detail::asymmetric_unlock.load()) return 3;
    using gosem::detail::runtime_lock;
    runtime_lock lock;
    auto take = [&lock](std::uint32_t times) {
        for (std::uint32_t i = 0; i < times; ++i) {
            lock.lock();
            lock.unlock();
        }
    };
    take(1);
    if (lock.biased_to_this_thread()) return 10;  // biased at once
    take(runtime_lock::bias_after);
    if (!lock.biased_to_this_thread()) return 11;  // never biased
    bool intruder_biased = true;
    std::thread([&] {
        take(1);
        intruder_biased = lock.biased_to_this_thread();
    }).join();
    if (intruder_biased) return 12;            // the bias passed to the intruder at once
    if (lock.biased_to_this_thread()) return 13;  // the intruder's take left the bias in place
    take(runtime_lock::bias_after);
    if (lock.biased_to_this_thread()) return 15;  // biased again after no longer a run
    take(runtime_lock::bias_after);
    return lock.biased_to_this_thread() ? 0 : 14;  // not biased again
}

// A fresh lock and the count it guards, for the bias tests: take() counts once under the lock,
// holding it for `pauses` pauses, and flags an overlap if another thread is inside too.
struct guarded_count {
    gosem::detail::runtime_lock lock;
    long counter = 0;
    std::atomic<int> inside{0};

    void take(int pauses, std::atomic<bool>& overlap) {
        lock.lock();
        if (inside.fetch_add(1, std::memory_order_relaxed) != 0) overlap = true;
        ++counter;
        for (int k = 0; k < pauses; ++k) gosem::detail::cpu_relax();
        inside.fetch_sub(1, std::memory_order_relaxed);
        lock.unlock();
    }
};

void wait_for(const std::atomic<bool>& flag) {
    while (!flag.load(std::memory_order_acquire)) gosem::detail::cpu_relax();
}

// 0 when every increment was made alone while one thread takes each of many fresh locks a few
// hundred times past the run that biases it, and another, once the owner holds the bias, takes it
// now and then (so that it revokes the bias, often while the owner is inside or entering); 1 on
// an overlap, 2 on a lost increment, 4 when the owner never held a bias.
int revoke_while_owner_runs() {
    gosem::detail::enable_asymmetric_unlock();
    if (!gosem::detail::asymmetric_unlock.load()) return 3;
    constexpr int phases = 200, intruder_takes = 8;
    constexpr int owner_takes = gosem::detail::runtime_lock::bias_after + 400;
    struct phase_state : guarded_count {
        std::atomic<bool> owner_biased{false};  // or the owner is done with this phase
    };
    std::unique_ptr<phase_state> phase;
    std::atomic<bool> overlap{false};
    long owner_biased = 0;
    bool lost = false;
    std::barrier sync(2, [&]() noexcept {
        if (phase && phase->counter != owner_takes + intruder_takes) lost = true;
        phase = std::make_unique<phase_state>();
    });
    std::thread intruder([&] {
        for (int p = 0; p < phases; ++p) {
            sync.arrive_and_wait();
            wait_for(phase->owner_biased);
            for (int i = 0; i < intruder_takes; ++i) {
                for (int k = 0; k < 200; ++k) gosem::detail::cpu_relax();
                phase->take(10, overlap);
            }
        }
        sync.arrive_and_wait();
    });
    for (int p = 0; p < phases; ++p) {
        sync.arrive_and_wait();
        int biased_takes = 0;
        for (int i = 0; i < owner_takes; ++i) {
            if (phase->lock.biased_to_this_thread()) {
                ++owner_biased;
                phase->owner_biased.store(true, std::memory_order_release);
                ++biased_takes;
            }
            // The first takes under the bias hold the lock for longer than a membarrier takes,
            // so that the intruder's revocation often ends while the owner is still inside.
            phase->take(biased_takes > 0 && biased_takes <= 4 ? 2000 : 10, overlap);
        }
        phase->owner_biased.store(true, std::memory_order_release);
    }
    sync.arrive_and_wait();
    intruder.join();
    if (overlap) return 1;
    if (lost) return 2;
    return owner_biased > 0 ? 0 : 4;
}

// 0 when, on each of many fresh locks, a bias passes from one thread to another and back and
// every increment is made alone: thread A takes the lock until it is biased to A; B then takes it
// (revoking A's bias) until it is biased to B, holding it long on its first biased takes while A
// takes it now and then (revoking B's bias while B is inside). 1 on an overlap, 2 on a lost
// increment, 4 when the lock was never biased to B, the second thread.
int bias_moves_between_threads() {
    gosem::detail::enable_asymmetric_unlock();
    if (!gosem::detail::asymmetric_unlock.load()) return 3;
    using gosem::detail::runtime_lock;
    constexpr int phases = 100, a_takes = runtime_lock::bias_after + 50, a_intrusions = 8;
    constexpr int b_takes = 2 * runtime_lock::bias_after + a_takes + 400;
    struct phase_state : guarded_count {
        std::atomic<bool> a_biased{false}, b_biased{false};  // or the thread is done with the phase
    };
    std::unique_ptr<phase_state> phase;
    std::atomic<bool> overlap{false};
    long b_biased_takes = 0;
    bool lost = false;
    std::barrier sync(2, [&]() noexcept {
        if (phase && phase->counter != a_takes + a_intrusions + b_takes) lost = true;
        phase = std::make_unique<phase_state>();
    });
    std::thread a([&] {
        for (int p = 0; p < phases; ++p) {
            sync.arrive_and_wait();
            phase_state& s = *phase;
            for (int i = 0; i < a_takes; ++i) {
                if (s.lock.biased_to_this_thread()) s.a_biased.store(true, std::memory_order_release);
                s.take(0, overlap);
            }
            s.a_biased.store(true, std::memory_order_release);
            wait_for(s.b_biased);
            for (int i = 0; i < a_intrusions; ++i) {
                for (int k = 0; k < 200; ++k) gosem::detail::cpu_relax();
                s.take(10, overlap);
            }
        }
        sync.arrive_and_wait();
    });
    for (int p = 0; p < phases; ++p) {
        sync.arrive_and_wait();
        phase_state& s = *phase;
        wait_for(s.a_biased);
        int biased_takes = 0;
        for (int i = 0; i < b_takes; ++i) {
            if (s.lock.biased_to_this_thread()) {
                s.b_biased.store(true, std::memory_order_release);
                ++biased_takes;
            }
            // As in revoke_while_owner_runs: A's revocation often ends while B is inside.
            s.take(biased_takes > 0 && biased_takes <= 4 ? 2000 : 0, overlap);
        }
        s.b_biased.store(true, std::memory_order_release);
        b_biased_takes += biased_takes;
    }
    sync.arrive_and_wait();
    a.join();
    if (overlap) return 1;
    if (lost) return 2;
    return b_biased_takes > 0 ? 0 : 4;
}

}  // namespace

TEST_SUITE("runtime_lock") {
    TEST_CASE("runtime_lock excludes and wakes its sleepers when unlocking with a store") {
        auto outcome = run_in_child([] { return contend(true); });
        REQUIRE_FALSE(outcome.timed_out);
        REQUIRE_MESSAGE(outcome.exit_status != 3, "membarrier(2) is missing: every unlock here is an exchange");
        CHECK(outcome.exit_status == 0);
    }

    TEST_CASE("runtime_lock excludes and wakes its sleepers when unlocking with an exchange") {
        auto outcome = run_in_child([] { return contend(false); });
        REQUIRE_FALSE(outcome.timed_out);
        CHECK(outcome.exit_status == 0);
    }

    TEST_CASE("runtime_lock is biased to a thread that takes it again and again and revoked by another") {
        auto outcome = run_in_child([] { return bias_and_revoke(); });
        REQUIRE_FALSE(outcome.timed_out);
        REQUIRE_MESSAGE(outcome.exit_status != 3, "membarrier(2) is missing: no lock is ever biased");
        CHECK(outcome.exit_status == 0);
    }

    TEST_CASE("runtime_lock excludes when its bias is revoked while the owner takes it") {
        auto outcome = run_in_child([] { return revoke_while_owner_runs(); });
        REQUIRE_FALSE(outcome.timed_out);
        REQUIRE_MESSAGE(outcome.exit_status != 3, "membarrier(2) is missing: no lock is ever biased");
        CHECK(outcome.exit_status == 0);
    }

    TEST_CASE("runtime_lock's bias passes from one thread to another and excludes when revoked") {
        auto outcome = run_in_child([] { return bias_moves_between_threads(); });
        REQUIRE_FALSE(outcome.timed_out);
        REQUIRE_MESSAGE(outcome.exit_status != 3, "membarrier(2) is missing: no lock is ever biased");
        CHECK(outcome.exit_status == 0);
    }
}
