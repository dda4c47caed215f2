// runtime_lock: the lock under channels, semaphores and timer heaps, with both of its unlocks
// (the store paired with membarrier, and the exchange used where membarrier is missing).
// More threads than cores, and critical sections long enough that waiters run out of spins,
// put waiters to sleep: a wake the unlock misses leaves one asleep for good (the child times
// out), and two holders at once show as a broken count or an overlap.
#include <doctest/doctest.h>

#include <gosem/detail/runtime_lock.hpp>

#include <atomic>
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
}
