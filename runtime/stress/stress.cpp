#include "stress.hpp"

#include <cstdlib>
#include <cstring>

#if defined(__SANITIZE_THREAD__)
#define STRESS_UNDER_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define STRESS_UNDER_TSAN 1
#endif
#endif

namespace stress {

namespace {
#ifdef STRESS_UNDER_TSAN
constexpr bool under_tsan = true;
#else
constexpr bool under_tsan = false;
#endif

std::atomic<bool> quick_mode{[] {
    const char* env = std::getenv("GOSEM_STRESS_QUICK");
    return env && *env && std::strcmp(env, "0") != 0;
}()};

std::atomic<int> rounds_wanted{[] {
    const char* env = std::getenv("GOSEM_STRESS_ROUNDS");
    return env && *env ? std::atoi(env) : 0;
}()};
}  // namespace

bool quick() noexcept { return quick_mode.load(std::memory_order_relaxed); }
void set_quick(bool on) noexcept { quick_mode.store(on, std::memory_order_relaxed); }

int rounds() noexcept {
    int wanted = rounds_wanted.load(std::memory_order_relaxed);
    return wanted > 0 ? wanted : quick() ? 1 : 10;
}
void set_rounds(int n) noexcept { rounds_wanted.store(n, std::memory_order_relaxed); }

int size(int full, int small) noexcept { return quick() ? small : full; }

int live_goroutines(int wanted) noexcept {
    constexpr int tsan_limit = 500;
    return under_tsan && wanted > tsan_limit ? tsan_limit : wanted;
}

std::vector<int> first_primes(int count) {
    std::vector<int> primes;
    for (int n = 2; static_cast<int>(primes.size()) < count; ++n) {
        bool prime = true;
        for (int p : primes) {
            if (p * p > n) break;
            if (n % p == 0) {
                prime = false;
                break;
            }
        }
        if (prime) primes.push_back(n);
    }
    return primes;
}

bool is_parked(std::int64_t id) {
    for (const auto& g : gosem::goroutines()) {
        if (g.id == id) return g.state == gosem::goroutine_state::waiting;
    }
    return false;
}

bool probe::await_parked_or_passed() const {
    for (;;) {
        if (passed.load()) return true;
        std::int64_t g = id.load();
        if (g != 0 && is_parked(g)) return passed.load();
        gosem::yield();
    }
}

}  // namespace stress
