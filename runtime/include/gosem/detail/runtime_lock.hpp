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

// Which thread is running, as a number no other thread of the process has had (0: not yet
// numbered). Threads are numbered on first use and numbers are never reused, so a lock biased to
// a thread that has exited stays biased to nobody alive. Numbers are 32 bits, to keep a channel's
// lock and counters on one cache line; the 4,294,967,295th thread and every later one get
// `unbiased_thread`, to which no lock is ever biased.
//
// Out of line on purpose, like the scheduler's this_m: a goroutine may park and resume on another
// thread within one function, and a compiler that computed a thread_local's address once in that
// function (as GCC does in position-independent code) would go on reading the first thread's
// number, and could take a lock biased to that thread while it is held there.
inline constexpr std::uint32_t unbiased_thread = UINT32_MAX;
[[gnu::noinline]] std::uint32_t this_thread_token() noexcept;

// Biasing. A channel whose goroutines share a P is locked again and again by one thread, and its
// atomic exchange is then most of the cost of a channel operation. So once one thread has taken
// the lock `bias_after` times in a row, the lock is biased to it: that thread takes it by storing
// to `owner_busy_` and reading `bias_` again, with no locked instruction, and releases it with a
// store. Any other thread first takes `state_` as usual, then revokes the bias: it clears `bias_`,
// runs membarrier (the fence the owner left out, as for the unlock) and waits for `owner_busy_`
// to be 0. Either the owner's read of `bias_` comes after that fence and sees it cleared, or its
// store to `owner_busy_` comes before it and the revoker sees it. A revocation costs a membarrier,
// an interrupt to every running thread of the process (15-20 us here with the other core busy),
// and a biased take saves some 10-20 ns: a bias pays for its revocation only after about a
// thousand takes. Hence the first run of 1,024, and each revocation doubles the run it takes to
// bias the lock again, up to 1,024 << 10.
// A lock is only ever biased to the first thread it was biased to (`first_owner_`): a thread that
// read `bias_` just before a revocation and was then descheduled still stores to `owner_busy_`
// when it resumes, and had the lock meanwhile been biased to another thread, that store would
// overwrite the new owner's flag while it held the lock (TSan caught two holders). With one
// owner for good, every store to `owner_busy_` comes from one thread, in its program order.
//
// Invariants: state_ is `locked` exactly while a thread holds the lock through it. A thread
// counted in sleepers_of(this) may sleep on state_ until it takes the lock; any unlock that
// begins after it was counted (and fenced) sees the count and wakes one, so a sleeper cannot be
// missed. `bias_` is 0 or `first_owner_`; both change only under `state_`, `first_owner_` once,
// and neither is set where membarrier is missing. `owner_busy_` is written only by the thread
// `first_owner_` names: 1 from its store in lock_biased until its unlock or failed attempt. The
// lock is held by the biased path exactly while `held_biased_`; that and the run count are read
// and written only by the lock's holder.
// A lock is always released by the thread that took it (park's unlock runs on the parking M).
class runtime_lock {
public:
    void lock() noexcept {
        const std::uint32_t me = this_thread_token();
        if (bias_.load(std::memory_order_relaxed) == me && lock_biased(me)) return;
        if (state_.exchange(locked, std::memory_order_acquire) != unlocked) lock_slow();
        if (bias_.load(std::memory_order_relaxed) != 0) revoke_bias();
        if (run_holder_ == me) {
            ++run_length_;
        } else {
            run_holder_ = me;
            run_length_ = 1;
        }
    }
    void unlock() noexcept {
        if (held_biased_) {
            held_biased_ = false;
            owner_busy_.store(0, std::memory_order_release);
            return;
        }
        std::atomic<std::uint32_t>& sleepers = sleepers_of(this);
        if (asymmetric_unlock.load(std::memory_order_relaxed)) {
            if (run_length_ >= (bias_after << revocations_) && may_bias_to(run_holder_))
                bias_.store(first_owner_ = run_holder_, std::memory_order_relaxed);
            state_.store(unlocked, std::memory_order_release);
            std::atomic_signal_fence(std::memory_order_seq_cst);
        } else {
            state_.exchange(unlocked, std::memory_order_seq_cst);
        }
        // From here on, *this may be gone.
        if (sleepers.load(std::memory_order_seq_cst) != 0) wake_lock_sleeper(this);
    }
    // For tests: whether the calling thread would take the lock without a locked instruction.
    bool biased_to_this_thread() const noexcept {
        return bias_.load(std::memory_order_relaxed) == this_thread_token();
    }

    // The run of takes by one thread that biases a lock never revoked (see Biasing above).
    static constexpr std::uint32_t bias_after = 1024;

private:
    static constexpr std::uint32_t unlocked = 0, locked = 1;
    static constexpr std::uint8_t max_revocations = 10;

    bool may_bias_to(std::uint32_t thread) const noexcept {
        return thread != unbiased_thread && (first_owner_ == 0 || first_owner_ == thread);
    }
    bool lock_biased(std::uint32_t me) noexcept {
        owner_busy_.store(1, std::memory_order_relaxed);
        // The other half of this fence is revoke_bias's membarrier.
        std::atomic_signal_fence(std::memory_order_seq_cst);
        if (bias_.load(std::memory_order_acquire) == me) {
            held_biased_ = true;
            return true;
        }
        owner_busy_.store(0, std::memory_order_release);
        return false;
    }
    [[gnu::noinline]] void lock_slow() noexcept;
    [[gnu::noinline]] void revoke_bias() noexcept;

    std::atomic<std::uint32_t> state_{unlocked};
    std::atomic<std::uint8_t> owner_busy_{0};
    bool held_biased_ = false;
    std::uint8_t revocations_ = 0;  // up to max_revocations
    std::atomic<std::uint32_t> bias_{0};
    std::uint32_t run_holder_ = 0;  // the thread that took the lock last through state_
    std::uint32_t run_length_ = 0;  // how many times in a row it did
    std::uint32_t first_owner_ = 0; // the only thread the lock may be biased to, once set
};

// The unlock that park runs once the parking goroutine is off its stack (park's `unlock`).
inline void unlock_runtime_lock(void* lock) { static_cast<runtime_lock*>(lock)->unlock(); }

}  // namespace gosem::detail
