// What the machine charges for the two things a scheduler does most besides the work itself,
// measured in tight loops so that the driver can print them next to its table: an atomic
// exchange on a line this core holds (every lock and unlock), and a cache line's round trip
// between two cores (every hand-off between threads). They differ several-fold between the
// hosts a VM lands on, and so do the ratios of the systems that pay them in different amounts.
// And how fast each CPU runs plain arithmetic, relative to the fastest: a VM's virtual CPUs need
// not be equal (on the 2-core VM these baselines were first measured on, one ran the worker
// pool's Collatz loop 15-20% slower than the other), and then a program that runs on one core
// takes a time that depends on which CPU the kernel gave it.
// Prints `atomic_exchange_ns=X core_round_trip_ns=Y cpu_speed=S0,S1,...` (Y is -1 on a single
// core; S is each CPU's speed, in the order of the CPUs this process may use).
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

// The CPUs this process may use, read before anything here pins a thread.
std::vector<int> allowed_cpus() {
    cpu_set_t allowed;
    std::vector<int> cpus;
    if (sched_getaffinity(0, sizeof allowed, &allowed) != 0) return cpus;
    for (int c = 0; c < CPU_SETSIZE; ++c)
        if (CPU_ISSET(c, &allowed)) cpus.push_back(c);
    return cpus;
}

// Two threads on the first two CPUs this process may use pass a token through one cache line.
double core_round_trip_ns(const std::vector<int>& cpus) {
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

// A chain of dependent integer steps (a Collatz walk, the worker pool's kernel) pinned to each CPU
// in turn, round after round, so that a change in the host's load meets every CPU alike; each
// CPU's time is its median round. Returns each CPU's speed: the fastest CPU's time over its own.
std::vector<double> cpu_speeds(const std::vector<int>& cpus) {
    auto walk = [] {
        long steps = 0;
        for (long start = 1; start <= 100'000; ++start) {
            for (long x = start; x != 1; ++steps) x = x % 2 == 0 ? x / 2 : 3 * x + 1;
        }
        return steps;
    };
    constexpr int rounds = 5;
    std::vector<std::vector<double>> times(cpus.size());
    volatile long sink = 0;
    for (int r = 0; r < rounds; ++r) {
        for (std::size_t i = 0; i < cpus.size(); ++i) {
            pin_to(cpus[i]);
            auto start = clock_type::now();
            sink = sink + walk();
            times[i].push_back(std::chrono::duration<double>(clock_type::now() - start).count());
        }
    }
    std::vector<double> medians;
    for (auto& t : times) {
        std::sort(t.begin(), t.end());
        medians.push_back(t[rounds / 2]);
    }
    const double fastest_time = *std::min_element(medians.begin(), medians.end());
    std::vector<double> speeds;
    for (double m : medians) speeds.push_back(fastest_time / m);
    return speeds;
}

}  // namespace

int main() {
    const std::vector<int> cpus = allowed_cpus();
    std::printf("atomic_exchange_ns=%.1f core_round_trip_ns=%.0f cpu_speed=", atomic_exchange_ns(),
                core_round_trip_ns(cpus));
    const std::vector<double> speeds = cpu_speeds(cpus);
    for (std::size_t i = 0; i < speeds.size(); ++i) std::printf("%s%.2f", i ? "," : "", speeds[i]);
    std::printf("\n");
}
