// timers.cpp: the scheduler's timers (Go's runtime/time.go): a heap per P.
//
// A timer is started on the heap of the P its starter runs on and stays on that heap for the
// rest of the run, so starting, moving and stopping it take only that P's lock, and Ps never
// contend on one global timer lock. Two kinds of thread fire due timers: an M looking for work
// fires its own P's (the goroutines they ready then run on that P, with no thread hand-off), and
// the monitor, which sleeps until the earliest deadline over all Ps, fires any P's (so a timer is
// on time even while every M runs a goroutine that does not yield, or no M is awake).
//
// Deadlock: s.live_timers counts every timer that is pending or whose callback is running; it
// drops only after a callback has returned, that is after the goroutine the callback readied is
// on a run queue. So the deadlock check, which reads it under sched.lock, never misses a wakeup
// that a timer is about to cause.
#include <algorithm>
#include <thread>

#include "runtime_internal.hpp"

namespace gosem::detail {

namespace {

// ---- the 4-ary heap (under timer_heap::lock) ----

constexpr std::size_t arity = 4;
using entry = timer_heap::entry;

void place(std::vector<entry>& h, std::size_t i, entry e) {
    h[i] = e;
    e.t->heap_index = static_cast<std::int32_t>(i);
}

void sift_up(std::vector<entry>& h, std::size_t i) {
    entry e = h[i];
    while (i > 0) {
        std::size_t parent = (i - 1) / arity;
        if (h[parent].when <= e.when) break;
        place(h, i, h[parent]);
        i = parent;
    }
    place(h, i, e);
}

void sift_down(std::vector<entry>& h, std::size_t i) {
    entry e = h[i];
    for (;;) {
        std::size_t first = arity * i + 1;
        if (first >= h.size()) break;
        std::size_t least = first;
        for (std::size_t c = first + 1; c < std::min(first + arity, h.size()); ++c)
            if (h[c].when < h[least].when) least = c;
        if (e.when <= h[least].when) break;
        place(h, i, h[least]);
        i = least;
    }
    place(h, i, e);
}

void heap_remove(timer_heap& th, timer* t) {
    auto& h = th.heap;
    std::size_t i = static_cast<std::size_t>(t->heap_index);
    entry last = h.back();
    h.pop_back();
    t->heap_index = -1;
    if (last.t == t) return;
    place(h, i, last);
    sift_down(h, i);
    sift_up(h, static_cast<std::size_t>(last.t->heap_index));
}

void note_earliest(timer_heap& th) {
    std::int64_t earliest = th.heap.empty() ? INT64_MAX : th.heap[0].when;
    if (th.earliest.load(std::memory_order_relaxed) != earliest)
        th.earliest.store(earliest, std::memory_order_seq_cst);
}

// ---- homes ----

constexpr std::uint64_t home_word(std::uint32_t run_id, int p_index) {
    return (static_cast<std::uint64_t>(run_id) << 32) | static_cast<std::uint32_t>(p_index + 1);
}

// The P whose heap t lives on in this run, or null if it has not been started in this run.
P* home_p(const sched_state& s, const timer* t) {
    std::uint64_t word = t->home.load(std::memory_order_acquire);
    if (word >> 32 != s.run_id || (word & 0xffffffffu) == 0) return nullptr;
    return s.allp[(word & 0xffffffffu) - 1];
}

// Gives t a home on first start: the starter's P, or any P for a thread without one.
P* settle_home(sched_state& s, timer* t) {
    if (P* home = home_p(s, t)) return home;
    M* m = this_m();
    P* p = m ? m->p : nullptr;
    int index = p ? p->id
                  : static_cast<int>(fastrand_below(static_cast<std::uint32_t>(s.nprocs.load())));
    std::uint64_t seen = t->home.load(std::memory_order_relaxed);
    // A concurrent first start may win; then t lives where that one put it.
    t->home.compare_exchange_strong(seen, home_word(s.run_id, index), std::memory_order_acq_rel);
    return home_p(s, t);
}

// A new earliest deadline on p's heap: the monitor must know of it if no M will look at p's
// timers, that is if p is idle (an M that puts its P idle tells the monitor of its timers
// itself, see find_runnable). An M that holds p fires them when it next schedules, and the
// monitor's own rounds cover one that does not for a while. The monitor sets monitor_wake_at
// to INT64_MAX before it reads the heaps' earliest deadlines, so (all of it seq_cst) either it
// sees this deadline or this load sees its INT64_MAX or a later value.
void wake_monitor_for(sched_state& s, const P* p, std::int64_t when) {
    if (when >= s.monitor_wake_at.load(std::memory_order_seq_cst)) return;
    pstatus st = status_of(p->state.load(std::memory_order_seq_cst));
    if (st != pstatus::idle && st != pstatus::retired) return;
    std::lock_guard lk(s.lock);
    s.monitor_cv.notify_one();
}

}  // namespace

bool timer_start(timer* t, std::int64_t when) {
    sched_state& s = *current_sched();
    P* home = settle_home(s, t);
    timer_heap& th = home->timers;
    th.lock.lock();
    bool was_pending = t->heap_index >= 0;
    t->when = when;
    if (!was_pending) {
        s.live_timers.fetch_add(1, std::memory_order_seq_cst);
        th.heap.push_back({when, t});
        sift_up(th.heap, th.heap.size() - 1);
    } else if (std::size_t i = static_cast<std::size_t>(t->heap_index); when < th.heap[i].when) {
        th.heap[i].when = when;
        sift_up(th.heap, i);
    }  // else later than its key: it keeps its place until it comes to the top
    bool first = th.heap[0].t == t;
    note_earliest(th);
    th.lock.unlock();
    if (first) wake_monitor_for(s, home, when);
    return was_pending;
}

bool timer_stop(timer* t) {
    sched_state& s = *current_sched();
    P* home = home_p(s, t);
    if (!home) return false;  // never started in this run
    timer_heap* th = &home->timers;
    th->lock.lock();
    if (t->heap_index >= 0) {
        heap_remove(*th, t);
        note_earliest(*th);
        th->lock.unlock();
        s.live_timers.fetch_sub(1, std::memory_order_seq_cst);
        return true;
    }
    // Its callback may be running: wait until it has returned (it is short and never blocks).
    while (th->running == t) {
        th->lock.unlock();
        std::this_thread::yield();
        th->lock.lock();
    }
    th->lock.unlock();
    return false;
}

int run_due_timers(sched_state& s, P* p, std::int64_t now, std::uint32_t max_fires) {
    timer_heap& th = p->timers;
    std::uint32_t fired = 0;
    th.lock.lock();
    if (th.running) {  // another thread is running this heap's timers: it will run these too
        th.lock.unlock();
        return 0;
    }
    while (fired < max_fires && !th.heap.empty() && th.heap[0].when <= now) {
        timer* t = th.heap[0].t;
        if (t->when > th.heap[0].when) {  // moved later since it was keyed: key it anew
            th.heap[0].when = t->when;
            sift_down(th.heap, 0);
            continue;
        }
        heap_remove(th, t);
        th.running = t;
        note_earliest(th);
        th.lock.unlock();
        t->fire(t);  // may restart t, or destroy it
        th.lock.lock();
        th.running = nullptr;
        s.live_timers.fetch_sub(1, std::memory_order_seq_cst);
        ++fired;
    }
    note_earliest(th);
    th.lock.unlock();
    return static_cast<int>(fired);
}

std::int64_t timers_earliest(const sched_state& s, std::size_t first) {
    std::int64_t earliest = INT64_MAX;
    for (std::size_t i = first; i < s.allp.size(); ++i)
        earliest = std::min(earliest, s.allp[i]->timers.earliest.load(std::memory_order_seq_cst));
    return earliest;
}

void discard_timers(sched_state& s) {
    for (P* p : s.allp) {
        for (const entry& e : std::exchange(p->timers.heap, {})) {
            e.t->heap_index = -1;
            s.live_timers.fetch_sub(1, std::memory_order_relaxed);
            if (e.t->discard) e.t->discard(e.t);
        }
        p->timers.earliest.store(INT64_MAX, std::memory_order_relaxed);
    }
}

}  // namespace gosem::detail
