// runtime_lock.cpp: the lock's waits and wakes, and the choice of its unlock (runtime_lock.hpp).
#include "gosem/detail/runtime_lock.hpp"

#include <linux/futex.h>
#include <linux/membarrier.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <thread>

namespace gosem::detail {

std::atomic<bool> asymmetric_unlock{false};
sleeper_count lock_sleepers[1 << sleeper_bucket_bits];

bias_slot bias_slots[bias_slot_count];

namespace {

// Which slots are taken, a bit each. Slot 0 is never handed out: a `bias_` of 0 means no bias.
constexpr std::uint32_t slot_words = bias_slot_count / 64;
std::atomic<std::uint64_t> slots_taken[slot_words] = {1};

constinit thread_local std::uint32_t thread_slot = 0;  // 0: none claimed yet

// Hands the thread's slot back when it exits. The thread holds no lock by then, so every entry of
// its slot is clear; a lock still biased to the slot passes to the next thread that claims it.
struct slot_release {
    std::uint32_t slot = 0;
    ~slot_release() {
        // Locks taken by destructors that run after this one go the unbiased way.
        thread_slot = no_bias_slot;
        slots_taken[slot / 64].fetch_and(~(std::uint64_t{1} << (slot % 64)));
    }
};

[[gnu::noinline]] std::uint32_t claim_slot() noexcept {
    for (std::uint32_t w = 0; w < slot_words; ++w) {
        std::uint64_t taken = slots_taken[w].load(std::memory_order_relaxed);
        while (taken != ~std::uint64_t{0}) {
            const int bit = __builtin_ctzll(~taken);
            if (slots_taken[w].compare_exchange_weak(taken, taken | (std::uint64_t{1} << bit))) {
                static thread_local slot_release release;
                release.slot = w * 64 + static_cast<std::uint32_t>(bit);
                return thread_slot = release.slot;
            }
        }
    }
    return thread_slot = no_bias_slot;
}

}  // namespace

std::uint32_t this_thread_slot() noexcept {
    asm volatile("" ::: "memory");
    const std::uint32_t s = thread_slot;
    return s != 0 ? s : claim_slot();
}

std::uint32_t this_thread_handovers() noexcept {
    const std::uint32_t s = this_thread_slot();
    return s == no_bias_slot ? 0 : bias_slots[s].handovers.load(std::memory_order_relaxed);
}

void enable_asymmetric_unlock() noexcept {
    if (asymmetric_unlock.load(std::memory_order_relaxed)) return;
    long commands = syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);
    if (commands < 0 || !(commands & MEMBARRIER_CMD_PRIVATE_EXPEDITED)) return;
    if (syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0) != 0) return;
    asymmetric_unlock.store(true, std::memory_order_relaxed);
}

namespace {

// Go spins 4 rounds (active_spin) of 30 pauses (active_spin_cnt) before it sleeps. Here a
// sleep also costs a membarrier, which interrupts every other running thread of the process:
// 15-22 us on this 2-core VM with the other core busy, against 1 us alone. Spinning 4 times as
// long makes those sleeps rarer; contended channels at 2 threads ran 10-25% faster for it
// (SelectAsyncContended 74-79 -> 64-75 ns, ChanProdCons100 39-40 -> 31 ns, alternating runs).
constexpr int spin_rounds = 16;
constexpr int pauses_per_round = 30;

// The sleeper's half of the fence the unlock leaves out. Without membarrier there is nothing to
// add: the unlock is then an exchange, and the announcement and the check before sleeping are
// sequentially consistent, which orders them against it.
void fence_every_running_thread() noexcept {
    if (asymmetric_unlock.load(std::memory_order_relaxed))
        syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0);
}

void futex_wait(std::atomic<std::uint32_t>& word, std::uint32_t while_value) noexcept {
    syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, while_value, nullptr, nullptr, 0);
}

}  // namespace

void runtime_lock::lock_slow() noexcept {
    auto take_if_free = [this] {
        std::uint32_t v = unlocked;
        return state_.load(std::memory_order_relaxed) == unlocked &&
               state_.compare_exchange_strong(v, locked, std::memory_order_acquire);
    };
    std::atomic<std::uint32_t>& sleepers = sleepers_of(this);
    bool announced = false;
    for (;;) {
        for (int round = 0; round < spin_rounds; ++round) {
            if (take_if_free()) {
                if (announced) sleepers.fetch_sub(1, std::memory_order_relaxed);
                return;
            }
            for (int i = 0; i < pauses_per_round; ++i) cpu_relax();
        }
        if (!announced) {
            if (take_if_free()) return;
            std::this_thread::yield();
            // From here until this thread takes the lock, every unlock wakes a sleeper.
            sleepers.fetch_add(1, std::memory_order_seq_cst);
            fence_every_running_thread();
            announced = true;
        }
        // The check the futex repeats in the kernel: sleep only while the lock is still held,
        // so the unlock that frees it comes after the announcement and wakes somebody.
        if (state_.exchange(locked, std::memory_order_seq_cst) == unlocked) break;
        futex_wait(state_, locked);
    }
    sleepers.fetch_sub(1, std::memory_order_relaxed);
}

void runtime_lock::revoke_bias() noexcept {
    const bias_slot& owner = bias_slots[bias_.load(std::memory_order_relaxed)];
    bias_.store(0, std::memory_order_relaxed);
    fence_every_running_thread();
    // The owner holds the lock only for a short critical section, but its thread may be
    // descheduled inside one.
    for (const std::atomic<const void*>& entry : owner.inside) {
        for (int spins = 0; entry.load(std::memory_order_acquire) == this; ++spins) {
            if (spins < spin_rounds * pauses_per_round) {
                cpu_relax();
            } else {
                std::this_thread::yield();
            }
        }
    }
    run_length_ = 0;
    if (revocations_ < max_revocations) ++revocations_;
}

// A private futex is found by its address alone: the kernel does not read the word to wake.
void wake_lock_sleeper(const void* word) noexcept {
    syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr, 0);
}

}  // namespace gosem::detail
