// gosem/detail/sched.hpp: the scheduler's contract with the blocking primitives built on it
// (channels, select, sync, timers). Not part of the public interface.
//
// The parking protocol (Go's gopark/goready):
//   1. The blocking goroutine takes the lock of the structure it waits on, records itself in that
//      structure's wait queue, and calls park(reason, unlock, arg, where).
//   2. park switches to the scheduler; only once the goroutine is off its stack does the
//      scheduler call unlock(arg), which releases that lock. From then on a waker may find it.
//   3. A waker removes it from the wait queue under the same lock and calls ready(g): the
//      goroutine becomes runnable (on the waker's P, next in line) and park returns in it.
// A parked goroutine with no one left to ready it is what the deadlock detector looks for: while
// every goroutine is parked, no blocking call is in progress and no timer is pending, nothing can
// ever run again.
#pragma once

#include <atomic>
#include <cstdint>
#include "gosem/source_location.hpp"

#include "gosem/runtime.hpp"

namespace gosem::detail {

struct G;

// The running goroutine, or nullptr on a thread that is not running one.
G* current_g() noexcept;

void park(wait_reason reason, void (*unlock)(void* arg), void* arg, gosem::source_location where);
void ready(G* g) noexcept;

// Whether a goroutine that found a Mutex locked may spin round `round` instead of parking (Go's
// sync_runtime_canSpin): a few rounds at most, on a multicore machine, only while some other P
// runs goroutines (the holder may be on one) and nothing waits on the spinner's own P.
bool mutex_can_spin(int round) noexcept;

// How many times a P of the current run has become calm: it stole goroutines from a running P
// that then kept taking locks the other Ps took last (scheduler.cpp, "Calm Ps"). For tests.
std::uint64_t calm_periods() noexcept;

// A scheduling point after an operation that did not block: under a seeded schedule it may
// yield, so that seeds explore the interleavings around it; otherwise it does nothing.
extern std::atomic<bool> seeded_schedule;
void seeded_sched_point();
inline void sched_point() {
    if (seeded_schedule.load(std::memory_order_relaxed)) seeded_sched_point();
}

// Go's fatal error: prints `fatal error: MSG` and exits with status 2; no unwinding, no recover.
[[noreturn]] void fatal(const char* message);

// Set by a waker for a select (Go's g.selectDone): the first waker to swap it from 0 wins.
std::uint32_t* select_done_flag(G* g) noexcept;

// Monotonic nanoseconds, the clock of every timer.
std::int64_t nanotime() noexcept;

// A timer kept by the scheduler, on the heap of the P where it was first started (it stays
// there for the run). While any is pending or firing, no deadlock is reported (RT-05).
// `fire` runs on a runtime thread (an M looking for work, or the monitor), not in a goroutine:
// it must not block; it may call ready(), spawn, non-blocking channel operations and
// timer_start (on itself too, for a ticker).
struct timer {
    std::int64_t when = 0;            // nanotime() deadline
    void (*fire)(timer* self) = nullptr;
    void* arg = nullptr;
    // Called instead of fire() for a timer still pending when its run ends (after every
    // goroutine has been unwound), so that its owner can free what the timer kept; may be null.
    void (*discard)(timer* self) = nullptr;
    // Owned by the scheduler: the heap it lives on (the run's id and the P's index in one word,
    // 0 before its first start in this run) and its place there (-1 when not pending).
    std::atomic<std::uint64_t> home{0};
    std::int32_t heap_index = -1;
};
// Starts (or moves) a timer to fire at `when`; returns whether it was pending before.
bool timer_start(timer* t, std::int64_t when);
// Stops a timer; returns true if it was pending (so it will not fire). If its callback is running
// it waits for it to return, so that afterwards the timer may be destroyed: never call it while
// holding a lock that the callback takes, nor from the callback itself. The scheduler never
// touches a timer after its callback returns, so a callback may destroy its own timer.
bool timer_stop(timer* t);

}  // namespace gosem::detail
