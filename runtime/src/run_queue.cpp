// run_queue.cpp: a P's local run queue (Go's runqput/runqget/runqgrab, plus the resume stack).
//
// Invariants: only the owning P's M pushes (at `tail`, release-store); the owner and thieves pop
// from `head` with a CAS, so a slot is read before the CAS that claims it; tail - head is the
// length, at most `capacity`. `next` is a one-goroutine slot taken before the ring, and the
// resume stack (owner only) is taken before `next`.
#include "run_queue.hpp"

namespace gosem::detail {

bool run_queue::stealable() const noexcept {
    return head.load(std::memory_order_acquire) != tail.load(std::memory_order_acquire) ||
           next.load(std::memory_order_acquire) != nullptr;
}

bool run_queue::empty() const noexcept {
    return !stealable() && n_resume.load(std::memory_order_relaxed) == 0;
}

std::uint32_t run_queue::size() const noexcept {
    std::uint32_t n = tail.load(std::memory_order_acquire) - head.load(std::memory_order_acquire);
    return n + (next.load(std::memory_order_acquire) ? 1 : 0) +
           n_resume.load(std::memory_order_relaxed);
}

bool runq_resume_full(const run_queue& q) {
    return q.n_resume.load(std::memory_order_relaxed) == run_queue::resume_capacity;
}

void runq_push_resume(run_queue& q, G* g) {
    std::uint32_t n = q.n_resume.load(std::memory_order_relaxed);
    q.resume[n] = g;
    q.n_resume.store(n + 1, std::memory_order_relaxed);
}

bool runq_push(run_queue& q, G* g, G** overflow, std::uint32_t* n_overflow) {
    for (;;) {
        std::uint32_t h = q.head.load(std::memory_order_acquire);
        std::uint32_t t = q.tail.load(std::memory_order_relaxed);
        if (t - h < run_queue::capacity) {
            q.ring[t % run_queue::capacity].store(g, std::memory_order_relaxed);
            q.tail.store(t + 1, std::memory_order_release);
            return true;
        }
        // Full: move half of it, and g, out in one batch (the caller puts them on the global queue).
        std::uint32_t n = (t - h) / 2;
        for (std::uint32_t i = 0; i < n; ++i)
            overflow[i] = q.ring[(h + i) % run_queue::capacity].load(std::memory_order_relaxed);
        if (!q.head.compare_exchange_strong(h, h + n, std::memory_order_acq_rel)) continue;
        overflow[n] = g;
        *n_overflow = n + 1;
        return false;
    }
}

G* runq_pop(run_queue& q, bool* inherit_slice) {
    if (std::uint32_t r = q.n_resume.load(std::memory_order_relaxed)) {
        q.n_resume.store(r - 1, std::memory_order_relaxed);
        *inherit_slice = true;
        return q.popped_resume = q.resume[r - 1];
    }
    G* n = q.next.load(std::memory_order_acquire);
    if (n && q.next.compare_exchange_strong(n, nullptr, std::memory_order_acq_rel)) {
        *inherit_slice = true;
        return n;
    }
    *inherit_slice = false;
    return runq_pop_ring(q);
}

G* runq_pop_ring(run_queue& q) {
    for (;;) {
        std::uint32_t h = q.head.load(std::memory_order_acquire);
        std::uint32_t t = q.tail.load(std::memory_order_relaxed);
        if (t == h) return nullptr;
        G* g = q.ring[h % run_queue::capacity].load(std::memory_order_relaxed);
        if (q.head.compare_exchange_strong(h, h + 1, std::memory_order_acq_rel)) {
            // The next one's G sits alone on its stack's top page, cold by the time it is popped:
            // start the miss (and the page walk) now, while g runs.
            if (t - h > 1) {
                __builtin_prefetch(q.ring[(h + 1) % run_queue::capacity].load(std::memory_order_relaxed), 1);
            }
            return g;
        }
    }
}

std::uint32_t runq_grab(run_queue& q, G** batch, bool take_next) {
    for (;;) {
        std::uint32_t h = q.head.load(std::memory_order_acquire);
        std::uint32_t t = q.tail.load(std::memory_order_acquire);
        std::uint32_t n = t - h;
        n -= n / 2;
        if (n == 0) {
            if (!take_next) return 0;
            G* nx = q.next.load(std::memory_order_acquire);
            if (nx && q.next.compare_exchange_strong(nx, nullptr, std::memory_order_acq_rel)) {
                batch[0] = nx;
                return 1;
            }
            return 0;
        }
        if (n > run_queue::capacity / 2) continue;  // h and t read at different times
        for (std::uint32_t i = 0; i < n; ++i)
            batch[i] = q.ring[(h + i) % run_queue::capacity].load(std::memory_order_relaxed);
        if (q.head.compare_exchange_strong(h, h + n, std::memory_order_acq_rel)) return n;
    }
}

}  // namespace gosem::detail
