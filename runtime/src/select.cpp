// select.cpp: Go's select (runtime/select.go's selectgo) over type-erased cases.
//
// 1. Cases on nil channels drop out; the rest are polled in a random order (so among ready cases
//    each is equally likely) with every distinct channel locked, in address order (so two
//    selects on overlapping channels can never deadlock each other).
// 2. If none is ready and there is no default, the goroutine queues one waiter per case and
//    parks; the first waker to win the goroutine's select_done flag takes that case, and every
//    other waker skips its waiter.
// 3. Woken, it locks the channels again and unlinks the waiters that did not fire.
#include <algorithm>
#include <atomic>
#include <vector>

#include "chan_internal.hpp"
#include "gosem/detail/chan_core.hpp"
#include "gosem/detail/sched.hpp"
#include "runtime_internal.hpp"

namespace gosem::detail {

namespace {

// Distinct channels of a select, in lock order.
struct lock_set {
    chan_core** chans;
    int n;
    void lock() const {
        for (int i = 0; i < n; ++i) chans[i]->lock.lock();
    }
    void unlock() const {
        for (int i = n - 1; i >= 0; --i) chans[i]->lock.unlock();
    }
};

void unlock_set(void* set) { static_cast<lock_set*>(set)->unlock(); }

template <class T, int N>
struct small_array {
    T inline_[N];
    std::vector<T> heap_;
    T* data;
    explicit small_array(int n) : data(inline_) {
        if (n > N) {
            heap_.resize(static_cast<std::size_t>(n));
            data = heap_.data();
        }
    }
    T& operator[](int i) { return data[i]; }
};

}  // namespace

namespace {
[[gnu::noinline]] int select_general(select_case* cases, int n, bool block, bool* recv_ok,
                                     gosem::source_location where) {
    constexpr int inline_cases = 8;
    small_array<int, inline_cases> poll(n);
    small_array<chan_core*, inline_cases> chans(n);
    int live = 0;
    for (int i = 0; i < n; ++i)
        if (cases[i].chan) poll[live++] = i;

    if (live == 0) {
        if (!block) return -1;
        for (;;) park(n == 0 ? wait_reason::select_no_cases : wait_reason::select, nullptr, nullptr, where);
    }
    // Random poll order (Fisher-Yates), and distinct channels sorted by address.
    for (int i = live - 1; i > 0; --i) {
        int j = static_cast<int>(fastrand_below(static_cast<std::uint32_t>(i + 1)));
        std::swap(poll[i], poll[j]);
    }
    for (int i = 0; i < live; ++i) chans[i] = cases[poll[i]].chan;
    std::sort(chans.data, chans.data + live);
    int distinct = static_cast<int>(std::unique(chans.data, chans.data + live) - chans.data);
    lock_set locks{chans.data, distinct};

    locks.lock();
    for (int k = 0; k < live; ++k) {
        int i = poll[k];
        chan_core* c = cases[i].chan;
        void* elem = cases[i].elem;
        if (cases[i].is_send) {
            if (c->closed) {
                locks.unlock();
                throw panic("send on closed channel");
            }
            if (waiter* r = c->recvq.pop_ready()) {
                chan_send_direct(c, r, elem);
                locks.unlock();
                ready(r->g);
                return i;
            }
            if (c->count < c->cap) {
                chan_buffer_put(c, elem);
                locks.unlock();
                return i;
            }
        } else {
            if (waiter* s = c->sendq.pop_ready()) {
                chan_recv_direct(c, s, elem);
                locks.unlock();
                ready(s->g);
                *recv_ok = true;
                return i;
            }
            if (c->count > 0) {
                chan_buffer_take(c, elem);
                locks.unlock();
                *recv_ok = true;
                return i;
            }
            if (c->closed) {
                locks.unlock();
                if (elem) c->ops->construct_zero(elem);
                *recv_ok = false;
                return i;
            }
        }
    }
    if (!block) {
        locks.unlock();
        sched_point();
        return -1;
    }

    G* g = current_g();
    std::atomic_ref<std::uint32_t>(*select_done_flag(g)).store(0, std::memory_order_relaxed);
    small_array<waiter, inline_cases> waiters(n);
    for (int k = 0; k < live; ++k) {
        int i = poll[k];
        waiter& w = waiters[i];
        w.g = g;
        w.elem = cases[i].elem;
        w.chan = cases[i].chan;
        w.is_select = true;
        (cases[i].is_send ? w.chan->sendq : w.chan->recvq).push(&w);
    }
    park(wait_reason::select, unlock_set, &locks, where);

    locks.lock();
    int chosen = -1;
    for (int k = 0; k < live; ++k) {
        int i = poll[k];
        waiter& w = waiters[i];
        if (w.fired) chosen = i;
        else (cases[i].is_send ? w.chan->sendq : w.chan->recvq).remove(&w);
    }
    locks.unlock();
    waiter& won = waiters[chosen];
    if (cases[chosen].is_send) {
        if (!won.success) throw panic("send on closed channel");
    } else {
        *recv_ok = won.success;  // on close, the closer stored the zero value
    }
    return chosen;
}
}  // namespace

int select_run(select_case* cases, int n, bool block, bool* recv_ok, gosem::source_location where) {
    if (n == 1 && !block) return select_one_nonblocking(cases[0], recv_ok, where);
    return select_general(cases, n, block, recv_ok, where);
}

}  // namespace gosem::detail
