// gosem/detail/runtime_lock.hpp: the short lock that guards channels, wait queues and timer heaps
// (Go's runtime lock, runtime/lock_futex.go): it spins, then sleeps on a futex.
//
// Critical sections under it are a few dozen instructions and never park a goroutine. A waiter
// spins briefly, since the holder is usually running and about to release; then it yields its
// thread once; then it sleeps in the kernel until an unlock wakes it. Sleeping matters when two
// threads contend in earnest: a waiter that keeps spinning keeps pulling the lock's cache line
// (and the data it guards) away from the holder, while a sleeping one lets the holder run its
// next operations on a line that stays in its own cache.
//
// Unlike Go's, the unlock is a plain store. An unlock must learn whether a thread sleeps on the
// lock, and reading that after the store needs the store to be visible first: a full fence, which
// on x86 costs what an atomic exchange does (Go's unlock is one), and a channel operation that
// pays it twice instead of once runs markedly slower. So the fence is moved to the side that can
// afford it: a thread about to sleep announces itself and then runs membarrier(2), which puts a
// full fence on every thread of the process that is running at that moment. Against that, the
// unlock needs only to keep the compiler from reordering its store and its read (the asymmetric
// Dekker pattern of liburcu and folly). Where the kernel refuses membarrier (older than 4.14, or
// filtered out by a sandbox) the unlock is an exchange, as in Go.
#pragma once

#include <atomic>
#include <cstdint>

namespace gosem::detail {

inline void cpu_relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    asm volatile("yield");
#endif
}

// True once membarrier is registered for this process (enable_asymmetric_unlock): from then on
// unlocks store and sleepers run the heavy fence. Set before the runtime starts any thread, since
// an unlock that stores must never meet a sleeper that did not fence.
extern std::atomic<bool> asymmetric_unlock;
void enable_asymmetric_unlock() noexcept;

// How many threads have announced that they may sleep on some lock, by a hash of the lock's
// address. The count lives outside the lock because an unlock must not touch the lock once it
// has released it: the next holder may free the object the lock is part of (the last reference
// to a channel dropped by a goroutine that this very unlock lets run). Locks that share a bucket
// only cost each other a futex wake that finds nobody.
struct alignas(64) sleeper_count {
    std::atomic<std::uint32_t> n{0};
};
inline constexpr int sleeper_bucket_bits = 6;
extern sleeper_count lock_sleepers[1 << sleeper_bucket_bits];
inline std::atomic<std::uint32_t>& sleepers_of(const void* lock) noexcept {
    const auto a = reinterpret_cast<std::uintptr_t>(lock);
    return lock_sleepers[(a * 0x9E3779B97F4A7C15u) >> (64 - sleeper_bucket_bits)].n;
}
// Wakes one thread asleep on the lock word at this address; safe after the word is freed.
void wake_lock_sleeper(const void* word) noexcept;

// Invariants: state_ is `locked` exactly while a thread holds the lock. A thread counted in
// sleepers_of(this) may sleep on state_ until it takes the lock; any unlock that begins after it
// was counted (and fenced) sees the count and wakes one, so a sleeper cannot be missed.
class runtime_lock {
public:
    void lock() noexcept {
        if (state_.exchange(locked, std::memory_order_acquire) != unlocked) lock_slow();
    }
    void unlock() noexcept {
        std::atomic<std::uint32_t>& sleepers = sleepers_of(this);
        if (asymmetric_unlock.load(std::memory_order_relaxed)) {
            state_.store(unlocked, std::memory_order_release);
            std::atomic_signal_fence(std::memory_order_seq_cst);
        } else {
            state_.exchange(unlocked, std::memory_order_seq_cst);
        }
        // From here on, *this may be gone.
        if (sleepers.load(std::memory_order_seq_cst) != 0) wake_lock_sleeper(this);
    }

private:
    static constexpr std::uint32_t unlocked = 0, locked = 1;
    [[gnu::noinline]] void lock_slow() noexcept;

    std::atomic<std::uint32_t> state_{unlocked};
};

// The unlock that park runs once the parking goroutine is off its stack (park's `unlock`).
inline void unlock_runtime_lock(void* lock) { static_cast<runtime_lock*>(lock)->unlock(); }

}  // namespace gosem::detail
