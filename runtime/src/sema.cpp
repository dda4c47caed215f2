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

bool sema::try_take() noexcept {
    std::uint64_t v = state_.load();
    while (static_cast<std::uint32_t>(v) > 0) {
        if (state_.compare_exchange_weak(v, v - 1)) return true;
    }
    return false;
}

void sema::acquire(bool lifo, wait_reason reason, gosem::source_location where) {
    if (try_take()) return;
    sema_waiter w;
    w.g = current_g();
    lock_.lock();
    // Take a permit that has come meanwhile, or register: one CAS decides which.
    for (std::uint64_t v = state_.load();;) {
        bool take = static_cast<std::uint32_t>(v) > 0;
        if (state_.compare_exchange_weak(v, take ? v - 1 : v + one_waiter)) {
            if (!take) break;
            lock_.unlock();
            return;
        }
    }
    if (lifo) push_front(waiters_, &w);
    else push_back(waiters_, &w);
    park_queued(lock_, waiters_, w, reason, where, [this] { state_.fetch_sub(one_waiter); });
    // Readied only by a releaser that handed this waiter a permit.
}

void sema::release(bool handoff) {
    if ((state_.fetch_add(1) >> 32) == 0) return;  // nobody waits; `this` may be gone already
    lock_.lock();
    // A waiter is registered, so this sema lives until a releaser hands it a permit. Hand this
    // one to the first in line, unless an acquirer that did not wait has taken it, or another
    // releaser has already served the last waiter.
    sema_waiter* w = waiters_.head;
    for (std::uint64_t v = state_.load();;) {
        if (!w || static_cast<std::uint32_t>(v) == 0) {
            lock_.unlock();
            return;
        }
        if (state_.compare_exchange_weak(v, v - 1 - one_waiter)) break;
    }
    unlink(waiters_, w);
    lock_.unlock();
    // The waiter is ours alone now; once readied it may return and its stack frame be gone.
    ready(w->g);
    if (handoff && current_g() != nullptr) yield();
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
