// gosem/detail/runtime_lock.hpp: the short lock that guards channels, wait queues and timer heaps
// (Go's runtime lock, runtime/lock_futex.go): it spins, then sleeps on a futex.
//
// Critical sections under it are a few dozen instructions and never park a goroutine. A waiter
// spins briefly, since the holder is usually running and about to release; then it yields its
// thread once; then it sleeps in the kernel until an unlock wakes it. Sleeping matters when two
// threads contend in earnest: a waiter that keeps spinning keeps pulling the lock's cache line
// (and the data it guards) away from the holder, while a sleeping one lets the holder run its
// next operations on a line that stays in its own cache.
#pragma once

#include <atomic>
#include <cstdint>
#include <thread>

namespace gosem::detail {

inline void cpu_relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    asm volatile("yield");
#endif
}

// Invariant (state_): unlocked; locked with no thread asleep on it; or sleeping: locked, and
// threads may be asleep on it, so the unlock must wake one. A thread that takes the lock after
// sleeping (or after overwriting `sleeping` with `locked`) stores `sleeping` back, since others may
// still sleep: a spurious wake costs a system call, a lost one a hang.
class runtime_lock {
public:
    void lock() noexcept {
        std::uint32_t v = state_.exchange(locked, std::memory_order_acquire);
        if (v != unlocked) lock_slow(v);
    }
    bool try_lock() noexcept {
        std::uint32_t v = unlocked;
        return state_.load(std::memory_order_relaxed) == unlocked &&
               state_.compare_exchange_strong(v, locked, std::memory_order_acquire);
    }
    void unlock() noexcept {
        if (state_.exchange(unlocked, std::memory_order_release) == sleeping) state_.notify_one();
    }

private:
    static constexpr std::uint32_t unlocked = 0, locked = 1, sleeping = 2;
    static constexpr int spin_rounds = 4;       // Go's active_spin
    static constexpr int pauses_per_round = 30;  // Go's active_spin_cnt

    // `wait` is what to store when taking the lock: the state lock() overwrote, or `sleeping`
    // once this thread has slept.
    [[gnu::noinline]] void lock_slow(std::uint32_t wait) noexcept {
        auto take_if_free = [&] {
            for (std::uint32_t v = state_.load(std::memory_order_relaxed); v == unlocked;) {
                if (state_.compare_exchange_weak(v, wait, std::memory_order_acquire)) return true;
            }
            return false;
        };
        for (;;) {
            for (int round = 0; round < spin_rounds; ++round) {
                if (take_if_free()) return;
                for (int i = 0; i < pauses_per_round; ++i) cpu_relax();
            }
            if (take_if_free()) return;
            std::this_thread::yield();
            if (state_.exchange(sleeping, std::memory_order_acquire) == unlocked) return;
            wait = sleeping;
            state_.wait(sleeping, std::memory_order_relaxed);
        }
    }
    std::atomic<std::uint32_t> state_{unlocked};
};

// The unlock that park runs once the parking goroutine is off its stack (park's `unlock`).
inline void unlock_runtime_lock(void* lock) { static_cast<runtime_lock*>(lock)->unlock(); }

}  // namespace gosem::detail
