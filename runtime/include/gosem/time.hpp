// gosem/time.hpp: Go's time package timers: sleep, after, timer, after_func, ticker.
//
//   using namespace std::chrono_literals;
//   gosem::sleep(10ms);                                     // time.Sleep(10 * time.Millisecond)
//   gosem::select(gosem::recv_case(results, [&](int r) { ... }),
//                 gosem::recv_case(gosem::after(1s), [&] { ... }));    // case <-time.After(1s):
//   gosem::timer t(50ms);                                   // t := time.NewTimer(50 * ms)
//   if (!t.stop()) t.c().recv();                            // if !t.Stop() { <-t.C }
//   gosem::ticker tick(100ms);                              // for range tick.C { ... }
//
// Every timer is kept by the scheduler (no thread per timer). Channels carry the
// std::chrono::steady_clock time at which the timer fired (Go's Time). A pending timer keeps
// the deadlock detector quiet (RT-05): while one may still fire, goroutines waiting on it are
// not stuck. Durations are std::chrono::nanoseconds (Go's Duration); a duration <= 0 means now.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <utility>

#include "gosem/chan.hpp"
#include "gosem/source_location.hpp"

namespace gosem {

using time_point = std::chrono::steady_clock::time_point;
using duration = std::chrono::nanoseconds;

// time.Sleep: parks the goroutine (wait reason `sleep`) for at least d; returns at once if
// d <= 0.
void sleep(duration d, gosem::source_location where = gosem::source_location::current());

namespace detail {
struct timer_state;
}

// time.Timer: fires once, sending the time on c() (buffered, capacity 1; a value nobody
// receives stays there). A handle: copies refer to the same timer, and a default-constructed
// timer is nil (stop and reset throw gosem::panic as Go's methods do on an uninitialized Timer).
// Dropping every handle does not stop a pending timer: it still fires, as in Go.
class timer {
public:
    timer() noexcept = default;
    // time.NewTimer(d).
    explicit timer(duration d);
    timer(const timer& o) noexcept;
    timer(timer&& o) noexcept : state_(std::exchange(o.state_, nullptr)) {}
    timer& operator=(timer o) noexcept {
        std::swap(state_, o.state_);
        return *this;
    }
    ~timer();

    // Go's t.C: the channel the timer sends on; nil for a timer from after_func.
    recv_chan<time_point> c() const noexcept;
    // Stops the timer. True if the call stopped it; false if it had already fired or been
    // stopped. Does not drain c(): after a false return, a value may be waiting there.
    bool stop();
    // Restarts the timer to fire d from now. True if it was pending (had not fired nor been
    // stopped). As in Go, reset a timer only after stopping it and draining c(), or after
    // receiving its value: otherwise the old value may be read as if sent by the new period.
    bool reset(duration d);

private:
    friend timer after_func(duration d, std::function<void()> f, gosem::source_location where);
    explicit timer(detail::timer_state* s) noexcept : state_(s) {}
    detail::timer_state* state_ = nullptr;  // one counted reference, or null
};

// time.After(d): the channel of a new timer nobody can stop.
recv_chan<time_point> after(duration d);

// time.AfterFunc: when d has passed, runs f in a goroutine of its own. The returned timer's
// stop() cancels that if it has not happened yet; reset() arms it again (f runs once more).
// Its c() is nil. The goroutine is reported as created at the call of after_func.
timer after_func(duration d, std::function<void()> f,
                 gosem::source_location where = gosem::source_location::current());

// time.Ticker: sends the time on c() every period; a slow receiver misses ticks rather than
// queueing them (c() holds one). Unlike a timer, a ticker that every handle has dropped is
// stopped: nothing could receive from it, and a running ticker would hide every deadlock.
class ticker {
public:
    ticker() noexcept = default;
    // time.NewTicker(d); d <= 0 throws gosem::panic("non-positive interval for NewTicker").
    explicit ticker(duration d);
    ticker(const ticker& o) noexcept;
    ticker(ticker&& o) noexcept : state_(std::exchange(o.state_, nullptr)) {}
    ticker& operator=(ticker o) noexcept {
        std::swap(state_, o.state_);
        return *this;
    }
    ~ticker();

    recv_chan<time_point> c() const noexcept;
    // Stops the ticks; c() is not closed (a receiver would take that for a tick).
    void stop();
    // Stops and restarts with period d (first tick d from now); d <= 0 throws
    // gosem::panic("non-positive interval for Ticker.Reset").
    void reset(duration d);

private:
    detail::timer_state* state_ = nullptr;
};

}  // namespace gosem
