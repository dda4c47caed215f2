// Slow paths of gosem's sync types, following the designs of Go's sync package.
#include <mutex>

#include "gosem/detail/sched.hpp"
#include "gosem/sync.hpp"

namespace gosem {

namespace {

// A waiter that has waited longer than this puts the mutex into starvation mode.
constexpr std::int64_t starvation_threshold_ns = 1'000'000;

// One round of spinning, as Go's: 30 pauses (detail::mutex_can_spin decides whether to).
void spin_round() {
    for (int i = 0; i < 30; ++i) detail::cpu_relax();
}

}  // namespace

bool mutex::try_lock() noexcept {
    std::int32_t old = state_.load(std::memory_order_relaxed);
    if (old & (locked_bit | starving_bit)) return false;
    return state_.compare_exchange_strong(old, old | locked_bit, std::memory_order_acquire,
                                          std::memory_order_relaxed);
}

void mutex::lock_slow(wait_reason reason, gosem::source_location where) {
    std::int64_t wait_start = 0;  // when this goroutine first parked; 0 before that
    bool starving = false;        // it has waited longer than the threshold
    bool awoke = false;           // it holds the woken bit (it was woken, or claimed it spinning)
    int round = 0;
    std::int32_t old = state_.load(std::memory_order_relaxed);
    for (;;) {
        // While the mutex is held in normal mode, spin a little: the holder may release it soon.
        // Claiming the woken bit meanwhile tells unlock not to wake a parked waiter we would beat.
        if ((old & (locked_bit | starving_bit)) == locked_bit && detail::mutex_can_spin(round)) {
            if (!awoke && !(old & woken_bit) && (old >> waiter_shift) != 0 &&
                state_.compare_exchange_weak(old, old | woken_bit, std::memory_order_relaxed)) {
                awoke = true;
            }
            spin_round();
            ++round;
            old = state_.load(std::memory_order_relaxed);
            continue;
        }
        std::int32_t desired = old;
        // A starving mutex belongs to the waiters in line: newcomers queue, never take it.
        if (!(old & starving_bit)) desired |= locked_bit;
        if (old & (locked_bit | starving_bit)) desired += 1 << waiter_shift;
        // Only a held mutex can starve; if it was just released, unlock would find no one
        // to hand it to.
        if (starving && (old & locked_bit)) desired |= starving_bit;
        if (awoke) {
            if (!(desired & woken_bit)) detail::fatal("sync: inconsistent mutex state");
            desired &= ~woken_bit;
        }
        if (!state_.compare_exchange_weak(old, desired, std::memory_order_acquire,
                                          std::memory_order_relaxed)) {
            continue;  // old now holds the current state
        }
        if (!(old & (locked_bit | starving_bit))) return;  // took it
        // A goroutine that has waited before goes to the front of the line.
        bool waited_before = wait_start != 0;
        if (!waited_before) wait_start = detail::nanotime();
        sema_.acquire(waited_before, reason, where);
        starving = starving || detail::nanotime() - wait_start > starvation_threshold_ns;
        old = state_.load(std::memory_order_relaxed);
        if (old & starving_bit) {
            // Handed over by unlock: locked and woken are clear and this goroutine is still
            // counted as a waiter. Take the lock, stop counting, and leave starvation mode if
            // no one else waits or this goroutine did not wait long.
            if ((old & (locked_bit | woken_bit)) || (old >> waiter_shift) == 0)
                detail::fatal("sync: inconsistent mutex state");
            std::int32_t delta = locked_bit - (1 << waiter_shift);
            if (!starving || (old >> waiter_shift) == 1) delta -= starving_bit;
            state_.fetch_add(delta, std::memory_order_acquire);
            return;
        }
        // Normal mode: woken to compete with newcomers, as the holder of the woken bit.
        awoke = true;
        round = 0;
    }
}

void mutex::unlock_slow(std::int32_t after) {
    if (!((after + locked_bit) & locked_bit)) detail::fatal("sync: unlock of unlocked mutex");
    if (after & starving_bit) {
        // Hand the mutex to the first waiter and let it run now; newcomers cannot take it.
        sema_.release(true);
        return;
    }
    std::int32_t old = after;
    for (;;) {
        // Nothing to do if no one waits, or someone already took the lock, a waiter is already
        // awake, or the mutex turned starving (its next unlock hands it over).
        if ((old >> waiter_shift) == 0 || (old & (locked_bit | woken_bit | starving_bit))) return;
        if (state_.compare_exchange_weak(old, (old - (1 << waiter_shift)) | woken_bit,
                                         std::memory_order_relaxed)) {
            sema_.release(false);
            return;
        }
    }
}

void rw_mutex::wait_for_readers(std::int32_t r, gosem::source_location where) {
    if (reader_wait_.fetch_add(r) + r != 0)
        writer_sem_.acquire(false, wait_reason::rwmutex_lock, where);
}

bool rw_mutex::try_lock() {
    if (!writer_.try_lock()) return false;
    std::int32_t no_readers = 0;
    if (!reader_count_.compare_exchange_strong(no_readers, -max_readers)) {
        writer_.unlock();
        return false;
    }
    return true;
}

void rw_mutex::release_readers(std::int32_t r) {
    if (r >= max_readers) detail::fatal("sync: Unlock of unlocked RWMutex");
    for (std::int32_t i = 0; i < r; ++i) reader_sem_.release(false);
}

bool rw_mutex::try_lock_shared() noexcept {
    std::int32_t c = reader_count_.load(std::memory_order_relaxed);
    while (c >= 0) {
        if (reader_count_.compare_exchange_weak(c, c + 1, std::memory_order_acquire,
                                                std::memory_order_relaxed)) {
            return true;
        }
    }
    return false;
}

void rw_mutex::unlock_shared_slow(std::int32_t r) {
    // r + 1 is the count before this unlock: 0 (no reader) or -max_readers (a writer, no reader).
    if (r + 1 == 0 || r + 1 == -max_readers) detail::fatal("sync: RUnlock of unlocked RWMutex");
    // A writer is pending; the last reader it waits for lets it in.
    if (reader_wait_.fetch_sub(1) - 1 == 0) writer_sem_.release(false);
}

void wait_group::add(int delta) {
    // The counter is the high half: adding delta << 32 (two's complement) adds delta to it.
    const auto shifted = static_cast<std::uint64_t>(static_cast<std::int64_t>(delta)) << 32;
    const std::uint64_t state = state_.fetch_add(shifted) + shifted;
    const auto counter = static_cast<std::int32_t>(state >> 32);
    auto waiters = static_cast<std::uint32_t>(state);
    if (counter < 0) throw panic("sync: negative WaitGroup counter");
    if (waiters != 0 && delta > 0 && counter == delta)
        throw panic("sync: WaitGroup misuse: Add called concurrently with Wait");
    if (counter > 0 || waiters == 0) return;
    // The counter reached zero with goroutines waiting. Nothing may add or wait now (that would
    // be the misuse checked here), so the state can be reset with a plain store.
    if (state_.load() != state)
        throw panic("sync: WaitGroup misuse: Add called concurrently with Wait");
    state_.store(0);
    for (; waiters != 0; --waiters) sema_.release(false);
}

void wait_group::wait(gosem::source_location where) {
    std::uint64_t state = state_.load();
    for (;;) {
        if ((state >> 32) == 0) return;
        if (state_.compare_exchange_weak(state, state + 1)) {  // one more waiter
            sema_.acquire(false, wait_reason::waitgroup_wait, where);
            if (state_.load() != 0)
                throw panic("sync: WaitGroup is reused before previous Wait has returned");
            return;
        }
    }
}

void once::call_slow(void (*invoke)(void* fn), void* fn, gosem::source_location where) {
    m_.lock(where);
    std::lock_guard hold(m_, std::adopt_lock);
    if (done_.load(std::memory_order_relaxed) != 0) return;
    // Marked done however f ends, before the mutex is released.
    struct mark_done {
        std::atomic<std::uint32_t>& done;
        ~mark_done() { done.store(1, std::memory_order_release); }
    } mark{done_};
    invoke(fn);
}

void cond::wait(gosem::source_location where) {
    // The ticket is taken while the lock is still held, so a signal sent after the caller
    // checked its condition and before it parks still wakes it.
    std::uint32_t ticket = notify_.add();
    unlock_fn_(lock_obj_);
    try {
        notify_.wait(ticket, where);
    } catch (...) {
        // Unwound while waiting (the end of a run): hold the lock again, as the caller's guard
        // expects, before the exception goes on (std::condition_variable_any does the same).
        lock_fn_(lock_obj_, where);
        throw;
    }
    lock_fn_(lock_obj_, where);
}

}  // namespace gosem
