// What the machine charges for the two things a scheduler does most besides the work itself,
// measured in tight loops so that the driver can print them next to its table: an atomic
// exchange on a line this core holds (every lock and unlock), and a cache line's round trip
// between two cores (every hand-off between threads). They differ several-fold between the
// hosts a VM lands on, and so do the ratios of the systems that pay them in different amounts.
// Prints `atomic_exchange_ns=X core_round_trip_ns=Y` (Y is -1 on a single core).
#include <pthread.h>
#include <sched.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

namespace {

using clock_type = std::chrono::steady_clock;

double ns_per(clock_type::duration d, long n) {
    return std::chrono::duration<double, std::nano>(d).count() / static_cast<double>(n);
}

bool pin_to(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return pthread_setaffinity_np(pthread_self(), sizeof set, &set) == 0;
}

// The fastest of a few rounds: the cost itself, not the load of the moment.
template <class F>
double fastest(F round) {
    double best = 1e300;
    for (int i = 0; i < 5; ++i) best = std::min(best, round());
    return best;
}

double atomic_exchange_ns() {
    constexpr long n = 10'000'000;
    alignas(64) static std::atomic<int> word{0};
    return fastest([] {
        int sum = 0;
        auto start = clock_type::now();
        for (long i = 0; i < n; ++i) sum += word.exchange(static_cast<int>(i), std::memory_order_acq_rel);
        auto spent = clock_type::now() - start;
        if (sum == 42) std::puts("");  // keeps the loop
        return ns_per(spent, n);
    });
}

// Two threads on the first two CPUs this process may use pass a token through one cache line.
double core_round_trip_ns() {
    cpu_set_t allowed;
    if (sched_getaffinity(0, sizeof allowed, &allowed) != 0) return -1;
    std::vector<int> cpus;
    for (int c = 0; c < CPU_SETSIZE && cpus.size() < 2; ++c)
        if (CPU_ISSET(c, &allowed)) cpus.push_back(c);
    if (cpus.size() < 2) return -1;
    constexpr long n = 200'000;
    alignas(64) static std::atomic<long> token{0};
    return fastest([&] {
        token.store(0);
        std::thread other([&] {
            pin_to(cpus[1]);
            for (long i = 0; i < n; ++i) {
                while (token.load(std::memory_order_acquire) != 2 * i + 1) {
                }
                token.store(2 * i + 2, std::memory_order_release);
            }
        });
        pin_to(cpus[0]);
        auto start = clock_type::now();
        for (long i = 0; i < n; ++i) {
            token.store(2 * i + 1, std::memory_order_release);
            while (token.load(std::memory_order_acquire) != 2 * i + 2) {
            }
        }
        auto spent = clock_type::now() - start;
        other.join();
        return ns_per(spent, n);
    });
}

}  // namespace

int main() {
    std::printf("atomic_exchange_ns=%.1f core_round_trip_ns=%.0f\n", atomic_exchange_ns(),
                core_round_trip_ns());
}
