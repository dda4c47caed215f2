// gosem/detail/spinlock.hpp: the short lock that guards channels and wait queues.
//
// Critical sections under it are a few dozen instructions and never park, so spinning beats
// a futex; after a bounded spin it yields the OS thread, so a preempted holder cannot starve us.
#pragma once

#include <atomic>
#include <thread>

namespace gosem::detail {

inline void cpu_relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    asm volatile("yield");
#endif
}

class spinlock {
public:
    void lock() noexcept {
        for (;;) {
            if (!locked_.exchange(true, std::memory_order_acquire)) return;
            // Wait for a release by reading only (no cache-line ping-pong); a holder that stays
            // longer than the spin was probably preempted, so give it our CPU.
            for (int spins = 0; locked_.load(std::memory_order_relaxed); ++spins) {
                if (spins < spin_limit) cpu_relax();
                else std::this_thread::yield();
            }
        }
    }
    bool try_lock() noexcept {
        return !locked_.load(std::memory_order_relaxed) &&
               !locked_.exchange(true, std::memory_order_acquire);
    }
    void unlock() noexcept { locked_.store(false, std::memory_order_release); }

private:
    static constexpr int spin_limit = 200;
    std::atomic<bool> locked_{false};
};

}  // namespace gosem::detail
