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

// Which biased locks a thread holds or is entering: one slot per live thread, written only by
// that thread, read by threads revoking a bias (runtime_lock::revoke_bias). A slot has room for
// `capacity` locks at once (a select holds all of its channels' locks); a thread that holds that
// many takes further locks the unbiased way.
// The slot also counts the thread's handovers: takes of a lock that another thread took last.
// Each one most likely moved the lock's cache line (and the data it guards) between cores; the
// scheduler reads the count to tell goroutines it spread over two cores that keep sharing
// channels (scheduler.cpp, "Calm Ps").
struct alignas(64) bias_slot {
    static constexpr int capacity = 4;
    std::atomic<const void*> inside[capacity] = {};
    std::atomic<std::uint32_t> handovers{0};  // written by the slot's thread only
};
// Slots are numbered 1 to bias_slot_count - 1. A thread claims one when it first takes a lock and
// hands it back when it exits; a later thread may get it, and with it the bias of every lock
// biased to the thread before (which held none of them when it exited). When all are in use a
// thread gets `no_bias_slot`, and no lock is ever biased to it.
inline constexpr std::uint32_t bias_slot_count = 4096;
inline constexpr std::uint32_t no_bias_slot = UINT32_MAX;
extern bias_slot bias_slots[bias_slot_count];
// The calling thread's slot number. Out of line on purpose, like the scheduler's this_m: a
// goroutine may park and resume on another thread within one function, and a compiler that
// computed a thread_local's address once in that function (as GCC does in position-independent
// code) would go on reading the first thread's slot, and could take a lock biased to that thread
// while it is held there.
[[gnu::noinline]] std::uint32_t this_thread_slot() noexcept;
// The calling thread's handovers so far (0 for a thread without a slot); only differences mean
// anything, since a slot passes from an exited thread to a new one.
std::uint32_t this_thread_handovers() noexcept;

// Biasing. A channel whose goroutines share a P is locked again and again by one thread, and its
// atomic exchange is then most of the cost of a channel operation. So once one thread has taken
// the lock `bias_after` times in a row, the lock is biased to it (`bias_` names its slot): that
// thread takes it by writing the lock's address into a free entry of its slot and reading `bias_`
// again, with no locked instruction, and releases it by clearing the entry. Any other thread first
// takes `state_` as usual, then revokes the bias: it clears `bias_`, runs membarrier (the fence
// the owner left out, as for the unlock) and waits until no entry of the owner's slot holds the
// lock. Either the owner's read of `bias_` comes after that fence and sees it cleared, or its
// entry came before it and the revoker sees it. A revocation costs a membarrier, an interrupt to
// every running thread of the process (15-20 us here with the other core busy), and a biased take
// saves some 10-20 ns: a bias pays for its revocation only after about a thousand takes. Hence the
// first run of 1,024, and each revocation doubles the run it takes to bias the lock again, up to
// 1,024 << 10. The flag the owner writes lives in its own slot, not in the lock, so that a thread
// that read `bias_` and was descheduled before it wrote its entry cannot touch the flag of a
// thread the lock has since been biased to: each slot has one writer.
//
// Invariants: state_ is `locked` exactly while a thread holds the lock through it. A thread
// counted in sleepers_of(this) may sleep on state_ until it takes the lock; any unlock that
// begins after it was counted (and fenced) sees the count and wakes one, so a sleeper cannot be
// missed. `bias_` is 0 or a slot number; it changes only under `state_`, and is never set where
// membarrier is missing. An entry of slot S holds this lock from S's thread's store in lock_biased
// until its unlock or failed attempt. The lock is held by the biased path exactly while
// `held_entry_` is not 0; that, `held_slot_` and the run count are read and written only by the
// lock's holder.
// A lock is always released by the thread that took it (park's unlock runs on the parking M).
class runtime_lock {
public:
    void lock() noexcept {
        const std::uint32_t me = this_thread_slot();
        if (bias_.load(std::memory_order_relaxed) == me && lock_biased(me)) return;
        if (state_.exchange(locked, std::memory_order_acquire) != unlocked) lock_slow();
        if (bias_.load(std::memory_order_relaxed) != 0) revoke_bias();
        if (run_holder_ == me) {
            ++run_length_;
        } else {
            if (run_holder_ != 0 && me != no_bias_slot) {
                std::atomic<std::uint32_t>& n = bias_slots[me].handovers;
                n.store(n.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
            }
            run_holder_ = me;
            run_length_ = 1;
        }
    }
    void unlock() noexcept {
        if (held_entry_ != 0) {
            std::atomic<const void*>& entry = bias_slots[held_slot_].inside[held_entry_ - 1];
            held_entry_ = 0;
            entry.store(nullptr, std::memory_order_release);
            return;
        }
        std::atomic<std::uint32_t>& sleepers = sleepers_of(this);
        if (asymmetric_unlock.load(std::memory_order_relaxed)) {
            if (run_length_ >= (bias_after << revocations_) && run_holder_ != no_bias_slot)
                bias_.store(run_holder_, std::memory_order_relaxed);
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
        return bias_.load(std::memory_order_relaxed) == this_thread_slot();
    }

    // The run of takes by one thread that biases a lock never revoked (see Biasing above).
    static constexpr std::uint32_t bias_after = 1024;

private:
    static constexpr std::uint32_t unlocked = 0, locked = 1;
    static constexpr std::uint8_t max_revocations = 10;

    bool lock_biased(std::uint32_t me) noexcept {
        bias_slot& slot = bias_slots[me];
        int k = 0;
        while (slot.inside[k].load(std::memory_order_relaxed) != nullptr) {
            if (++k == bias_slot::capacity) return false;
        }
        slot.inside[k].store(this, std::memory_order_relaxed);
        // The other half of this fence is revoke_bias's membarrier.
        std::atomic_signal_fence(std::memory_order_seq_cst);
        if (bias_.load(std::memory_order_acquire) == me) {
            held_slot_ = me;
            held_entry_ = static_cast<std::uint8_t>(k + 1);
            return true;
        }
        slot.inside[k].store(nullptr, std::memory_order_release);
        return false;
    }
    [[gnu::noinline]] void lock_slow() noexcept;
    [[gnu::noinline]] void revoke_bias() noexcept;

    std::atomic<std::uint32_t> state_{unlocked};
    std::atomic<std::uint32_t> bias_{0};
    std::uint32_t run_holder_ = 0;  // the slot of the thread that took the lock last through state_
    std::uint32_t run_length_ = 0;  // how many times in a row it did
    std::uint32_t held_slot_ = 0;   // while held_entry_: the holder's slot
    std::uint8_t held_entry_ = 0;   // 1 + the entry of held_slot_ naming this lock; 0: not biased
    std::uint8_t revocations_ = 0;  // up to max_revocations
};

// The unlock that park runs once the parking goroutine is off its stack (park's `unlock`).
inline void unlock_runtime_lock(void* lock) { static_cast<runtime_lock*>(lock)->unlock(); }

}  // namespace gosem::detail
