// Go's timers (sleep, timer, after, after_func, ticker) on the scheduler's timers.
#include <limits>

#include "gosem/detail/sched.hpp"
#include "gosem/time.hpp"

namespace gosem {

namespace detail {

// The timer behind gosem::timer, after_func and ticker. References: one per handle, plus one
// that the scheduler holds for each period it has pending and that goes with that period's fire
// or successful stop; the last one deletes it (possibly from its own fire). Ticker handles are
// also counted in `handles`: the last one stops the ticker.
// Invariants (under mu): `armed` says the current period has neither fired nor been stopped;
// `deadline` is its nanotime() deadline. A fire that finds the timer not armed, or comes before
// `deadline`, belongs to a period that was stopped or replaced, and does nothing. Sends and
// re-arming happen under mu, so once stop() has returned no earlier period sends anything.
// Lock order: mu, then the scheduler's lock (timer_start). timer_stop, which waits for a running
// fire, is never called under mu: that fire may be waiting for mu.
struct timer_state {
    std::atomic<std::int32_t> refs{1};
    std::atomic<std::int32_t> handles{1};
    runtime_lock mu;
    timer t;
    bool armed = false;
    std::int64_t deadline = 0;
    std::int64_t period = 0;                 // ticker: nanoseconds between ticks; else 0
    const chan<time_point> ch;               // nil for after_func
    const std::function<void()> func;        // after_func's body, else empty
    const gosem::source_location created_at;  // after_func's call site

    timer_state(chan<time_point> c, std::function<void()> f, gosem::source_location where)
        : ch(std::move(c)), func(std::move(f)), created_at(where) {
        t.fire = on_fire;
        t.discard = on_discard;
        t.arg = this;
    }

    void retain() noexcept { refs.fetch_add(1, std::memory_order_relaxed); }
    void release() noexcept {
        if (refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
    }
    // Gives back a reference that cannot be the last (the caller holds another).
    void release_not_last() noexcept { refs.fetch_sub(1, std::memory_order_relaxed); }

    // Under mu: arms a new period ending at `when`, replacing a pending one; true if one was.
    // A period that was not pending gets its reference after the start, which is in time: its
    // fire takes mu before it can release anything.
    bool arm(std::int64_t when) {
        bool was_armed = armed;
        armed = true;
        deadline = when;
        if (!timer_start(&t, when)) retain();
        return was_armed;
    }
    // Not under mu: ends the current period; true if it was armed. The caller holds a reference.
    bool disarm() {
        mu.lock();
        bool was_armed = armed;
        armed = false;
        mu.unlock();
        // If the scheduler still had it, its reference comes back here; a fire already under
        // way keeps its reference and will find the timer disarmed.
        if (timer_stop(&t)) release_not_last();
        return was_armed;
    }

    static void on_fire(timer* fired);
    // The run ended with a period pending: the reference it held goes.
    static void on_discard(timer* t) { static_cast<timer_state*>(t->arg)->release(); }
};

namespace {

// Go's when(d): the nanotime() deadline d from now, saturating instead of overflowing.
std::int64_t deadline_after(duration d) {
    std::int64_t now = nanotime();
    if (d <= duration::zero()) return now;
    if (d.count() > std::numeric_limits<std::int64_t>::max() - now)
        return std::numeric_limits<std::int64_t>::max();
    return now + d.count();
}

void spawn_func(const std::function<void()>& f, gosem::source_location created_at) {
    auto closure = make_closure(f);
    using C = decltype(closure);
    spawn(closure_ops_of<C>, construct_closure<C>, &closure, created_at);
}

}  // namespace

// Runs on a runtime thread: never blocks. Holds the reference of the period that fired.
void timer_state::on_fire(timer* fired) {
    auto* s = static_cast<timer_state*>(fired->arg);
    s->mu.lock();
    std::int64_t now = nanotime();
    bool current = s->armed && now >= s->deadline;
    if (current) {
        if (s->period > 0) {
            // Next tick on the period's grid, skipping the ticks a late fire missed (as Go does).
            s->deadline += s->period * (1 + (now - s->deadline) / s->period);
            s->arm(s->deadline);
        } else {
            s->armed = false;
        }
        if (!s->ch.is_nil()) {
            time_point sent = std::chrono::steady_clock::now();
            chan_send(s->ch.core(), &sent, false, gosem::source_location::current());
        }
    }
    s->mu.unlock();
    if (current && s->func) spawn_func(s->func, s->created_at);
    s->release();
}

}  // namespace detail

void sleep(duration d, gosem::source_location where) {
    if (d <= duration::zero()) return;
    // The timer fires only once this goroutine is off its stack: its callback first waits for
    // `parked`, which park releases after the switch.
    struct sleeper {
        detail::timer t;
        detail::runtime_lock parked;
        detail::G* g;
    } s{};
    s.g = detail::current_g();
    s.t.arg = &s;
    s.t.fire = [](detail::timer* t) {
        auto* s = static_cast<sleeper*>(t->arg);
        detail::G* g = s->g;
        s->parked.lock();
        s->parked.unlock();
        detail::ready(g);  // from here the sleeper may return: s is gone
    };
    s.parked.lock();
    detail::timer_start(&s.t, detail::deadline_after(d));
    try {
        detail::park(wait_reason::sleep, detail::unlock_runtime_lock, &s.parked, where);
    } catch (...) {
        detail::timer_stop(&s.t);  // unwound before it fired (the end of a run): s is going
        throw;
    }
}

timer::timer(duration d) : state_(new detail::timer_state(make_chan<time_point>(1), {}, {})) {
    state_->mu.lock();
    state_->arm(detail::deadline_after(d));
    state_->mu.unlock();
}

timer::timer(const timer& o) noexcept : state_(o.state_) {
    if (state_) state_->retain();
}

timer::~timer() {
    if (state_) state_->release();
}

recv_chan<time_point> timer::c() const noexcept {
    return state_ ? recv_chan<time_point>(state_->ch) : recv_chan<time_point>();
}

bool timer::stop() {
    if (!state_) throw panic("time: Stop called on uninitialized Timer");
    return state_->disarm();
}

bool timer::reset(duration d) {
    if (!state_) throw panic("time: Reset called on uninitialized Timer");
    state_->mu.lock();
    bool was_armed = state_->arm(detail::deadline_after(d));
    state_->mu.unlock();
    return was_armed;
}

recv_chan<time_point> after(duration d) { return timer(d).c(); }

timer after_func(duration d, std::function<void()> f, gosem::source_location where) {
    timer t(new detail::timer_state(nullptr, std::move(f), where));
    t.state_->mu.lock();
    t.state_->arm(detail::deadline_after(d));
    t.state_->mu.unlock();
    return t;
}

ticker::ticker(duration d) {
    if (d <= duration::zero()) throw panic("non-positive interval for NewTicker");
    state_ = new detail::timer_state(make_chan<time_point>(1), {}, {});
    state_->mu.lock();
    state_->period = d.count();
    state_->arm(detail::deadline_after(d));
    state_->mu.unlock();
}

ticker::ticker(const ticker& o) noexcept : state_(o.state_) {
    if (state_) {
        state_->retain();
        state_->handles.fetch_add(1, std::memory_order_relaxed);
    }
}

ticker::~ticker() {
    if (!state_) return;
    if (state_->handles.fetch_sub(1, std::memory_order_acq_rel) == 1) stop();
    state_->release();
}

recv_chan<time_point> ticker::c() const noexcept {
    return state_ ? recv_chan<time_point>(state_->ch) : recv_chan<time_point>();
}

void ticker::stop() {
    if (state_) state_->disarm();  // a zero Ticker has nothing to stop, as in Go
}

void ticker::reset(duration d) {
    if (d <= duration::zero()) throw panic("non-positive interval for Ticker.Reset");
    if (!state_) throw panic("time: Reset called on uninitialized Ticker");
    state_->mu.lock();
    state_->period = d.count();
    state_->arm(detail::deadline_after(d));
    state_->mu.unlock();
}

}  // namespace gosem
