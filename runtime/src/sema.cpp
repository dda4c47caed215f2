// The parking semaphore and the notify list under gosem's sync types (Go's runtime/sema.go).
#include <exception>

#include "gosem/detail/sched.hpp"
#include "gosem/sync.hpp"

namespace gosem::detail {

// One parked goroutine, living on its own stack for the length of its wait. `queued` is true
// while it is in a list; whoever takes it out clears it, under the list's lock.
struct sema_waiter {
    G* g = nullptr;
    sema_waiter* prev = nullptr;
    sema_waiter* next = nullptr;
    std::uint32_t ticket = 0;  // notify_list: the ticket this waiter waits for
    bool handed = false;       // sema: the releaser took the permit on this waiter's behalf
    bool queued = false;
};

namespace {

void push_back(sema_list& l, sema_waiter* w) noexcept {
    w->prev = l.tail;
    w->next = nullptr;
    (l.tail ? l.tail->next : l.head) = w;
    l.tail = w;
    w->queued = true;
}

void push_front(sema_list& l, sema_waiter* w) noexcept {
    w->prev = nullptr;
    w->next = l.head;
    (l.head ? l.head->prev : l.tail) = w;
    l.head = w;
    w->queued = true;
}

void unlink(sema_list& l, sema_waiter* w) noexcept {
    (w->prev ? w->prev->next : l.head) = w->next;
    (w->next ? w->next->prev : l.tail) = w->prev;
    w->prev = w->next = nullptr;
    w->queued = false;
}

void unlock_runtime_lock(void* lock) { static_cast<runtime_lock*>(lock)->unlock(); }

// Parks the caller, already queued in `l` with `lock` held; park releases the lock once the
// goroutine is off its stack. If the park ends by an exception (the runtime unwinding goroutines
// that are still parked when a run ends) the waiter leaves the list before its stack does, so
// that no list is left pointing into a dead stack; `on_unqueue` then undoes its bookkeeping.
template <class OnUnqueue>
void park_queued(runtime_lock& lock, sema_list& l, sema_waiter& w, wait_reason reason,
                 gosem::source_location where, OnUnqueue on_unqueue) {
    try {
        park(reason, unlock_runtime_lock, &lock, where);
    } catch (...) {
        lock.lock();
        if (w.queued) {
            unlink(l, &w);
            on_unqueue();
        }
        lock.unlock();
        throw;
    }
}

// Ticket order with wrap-around (tickets are 32-bit counters).
bool ticket_before(std::uint32_t a, std::uint32_t b) noexcept {
    return static_cast<std::int32_t>(a - b) < 0;
}

}  // namespace

// The permit count and nwait_ use sequentially consistent operations throughout: release writes
// count_ then reads nwait_, acquire writes nwait_ then reads count_ (a Dekker pair), and only
// total order guarantees that one of the two sees the other.
bool sema::try_take() noexcept {
    std::uint32_t v = count_.load();
    while (v > 0) {
        if (count_.compare_exchange_weak(v, v - 1)) return true;
    }
    return false;
}

void sema::acquire(bool lifo, wait_reason reason, gosem::source_location where) {
    if (try_take()) return;
    sema_waiter w;
    w.g = current_g();
    for (;;) {
        lock_.lock();
        nwait_.fetch_add(1);
        if (try_take()) {
            nwait_.fetch_sub(1);
            lock_.unlock();
            return;
        }
        if (lifo) push_front(waiters_, &w);
        else push_back(waiters_, &w);
        park_queued(lock_, waiters_, w, reason, where, [this] { nwait_.fetch_sub(1); });
        if (w.handed || try_take()) return;
        // Woken, but a goroutine that did not wait took the permit first. This one was at the
        // head of the line, so it goes back to the head rather than behind later arrivals.
        lifo = true;
    }
}

void sema::release(bool handoff) {
    count_.fetch_add(1);
    if (nwait_.load() == 0) return;
    lock_.lock();
    sema_waiter* w = waiters_.head;
    if (w == nullptr) {  // a concurrent acquire took the permit and left
        lock_.unlock();
        return;
    }
    unlink(waiters_, w);
    nwait_.fetch_sub(1);
    lock_.unlock();
    // The waiter is ours alone now; once readied it may return and its stack frame be gone.
    bool handed = handoff && try_take();
    w->handed = handed;
    ready(w->g);
    if (handed && current_g() != nullptr) yield();
}

void notify_list::wait(std::uint32_t ticket, gosem::source_location where) {
    lock_.lock();
    if (ticket_before(ticket, notify_.load())) {  // already signalled
        lock_.unlock();
        return;
    }
    sema_waiter w;
    w.g = current_g();
    w.ticket = ticket;
    push_back(waiters_, &w);
    park_queued(lock_, waiters_, w, wait_reason::cond_wait, where, [] {});
}

void notify_list::notify_one() {
    if (wait_.load() == notify_.load()) return;  // no ticket outstanding: nothing to wake
    lock_.lock();
    std::uint32_t t = notify_.load();
    if (t == wait_.load()) {
        lock_.unlock();
        return;
    }
    notify_.store(t + 1);
    // The holder of ticket t may not have parked yet; then it will see its ticket signalled
    // when it does and not park at all.
    sema_waiter* w = waiters_.head;
    while (w != nullptr && w->ticket != t) w = w->next;
    if (w != nullptr) unlink(waiters_, w);
    lock_.unlock();
    if (w != nullptr) ready(w->g);
}

void notify_list::notify_all() {
    if (wait_.load() == notify_.load()) return;
    lock_.lock();
    sema_waiter* w = waiters_.head;
    for (sema_waiter* p = w; p != nullptr; p = p->next) p->queued = false;
    waiters_ = {};
    notify_.store(wait_.load());
    lock_.unlock();
    while (w != nullptr) {
        sema_waiter* next = w->next;  // read before ready: w's frame may end once it runs
        ready(w->g);
        w = next;
    }
}

}  // namespace gosem::detail
