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
        for (int spins = 0;; ++spins) {
            if (!locked_.exchange(true, std::memory_order_acquire)) return;
            while (locked_.load(std::memory_order_relaxed)) {
                if (spins++ < 64) cpu_relax();
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
    std::atomic<bool> locked_{false};
};

}  // namespace gosem::detail
