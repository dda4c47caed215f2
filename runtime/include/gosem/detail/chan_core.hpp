// gosem/detail/chan_core.hpp: the type-erased channel that every chan<T> shares (Go's hchan).
//
// Invariants (all under `lock`):
//   - count <= cap; buffered values sit in buf[recvx .. recvx+count) modulo cap.
//   - recvq is non-empty only if count == 0 (receivers wait only on an empty buffer);
//     sendq is non-empty only if count == cap (senders wait only on a full buffer).
//   - once closed, closed stays true and sendq is empty.
// Lock order: a select locks every channel it names in address order; nothing else holds two
// channel locks. The scheduler's locks are never taken while a channel lock is held, except
// through `ready`, which only pushes onto a run queue.
// Layout: the fields every operation writes (lock, count, sendx, recvx) sit in the first 64
// bytes, and chan_make puts the chan_core at the start of a cache line, so that they share one
// (chan.cpp checks it).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>
#include <utility>
#include "gosem/source_location.hpp"

#include "gosem/detail/runtime_lock.hpp"
#include "gosem/runtime.hpp"

namespace gosem::detail {

struct G;

// How the runtime moves, destroys and zero-initialises one element of a channel's type.
struct elem_ops {
    std::size_t size;
    std::size_t align;
    bool trivial;  // trivially copyable and destructible: its bytes are copied, never destroyed
    void (*move_construct)(void* dst, void* src);  // dst is raw storage; src stays valid
    void (*destroy)(void* obj);
    void (*construct_zero)(void* dst);              // T{}: the zero value a closed channel yields
};

// An empty, trivially copyable type (Go's struct{}) takes no room in a buffer: every slot is one
// address, as in Go, so make_chan<empty>(1 << 62) is a fine semaphore.
template <class T>
inline constexpr std::size_t elem_size_of =
    std::is_empty_v<T> && std::is_trivially_copyable_v<T> ? 0 : sizeof(T);

template <class T>
inline constexpr elem_ops elem_ops_of{
    elem_size_of<T>,
    alignof(T),
    std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>,
    [](void* dst, void* src) { ::new (dst) T(std::move(*static_cast<T*>(src))); },
    [](void* obj) { static_cast<T*>(obj)->~T(); },
    [](void* dst) { ::new (dst) T{}; },
};

// One goroutine waiting on one channel (Go's sudog). A select owns one per case.
struct waiter {
    G* g = nullptr;
    waiter* next = nullptr;
    waiter* prev = nullptr;
    void* elem = nullptr;  // send: the value to take; receive: raw storage to fill (or null)
    struct chan_core* chan = nullptr;
    bool is_select = false;
    bool fired = false;    // set when a waker takes this waiter (for a select: the case that won)
    bool success = false;  // set by the waker: true if a value moved, false if woken by close
};

// The non-blocking fast paths (Go's `full`/`empty` checks) read `count`, `closed` and a wait
// queue's `first` without the lock; those fields are written, under the lock, with these.
template <class T>
T relaxed_load(const T& field) noexcept {
    return __atomic_load_n(&field, __ATOMIC_RELAXED);
}
template <class T>
void relaxed_store(T& field, T value) noexcept {
    __atomic_store_n(&field, value, __ATOMIC_RELAXED);
}

// Intrusive FIFO of waiters.
struct wait_queue {
    waiter* first = nullptr;
    waiter* last = nullptr;
    void push(waiter* w) noexcept;
    void remove(waiter* w) noexcept;
    // Removes and returns the first waiter that may still be woken: a select waiter whose select
    // already fired on another case is skipped (and unlinked).
    waiter* pop_ready() noexcept { return first ? pop_first_ready() : nullptr; }

private:
    waiter* pop_first_ready() noexcept;
};

struct chan_core {
    // Member by member: value-initializing the whole object first (`chan_core()`) makes GCC clear
    // its 128 bytes with `rep stos`, which took 10 of the 25 ns of making and dropping a channel.
    chan_core(const elem_ops* ops_, std::size_t cap_, unsigned char* buf_,
              void* allocation_) noexcept
        : ops(ops_), cap(cap_), buf(buf_), allocation(allocation_) {}

    runtime_lock lock;
    const elem_ops* ops;
    std::size_t cap;
    std::size_t count = 0;
    std::size_t sendx = 0;
    std::size_t recvx = 0;
    std::atomic<std::int64_t> refs{1};
    bool closed = false;
    unsigned char* buf;  // cap elements of ops->size bytes, allocated with the chan_core
    wait_queue recvq;
    wait_queue sendq;
    void* allocation;    // what chan_make allocated; this chan_core is inside it

    void* slot(std::size_t i) const noexcept { return buf + i * ops->size; }
};

// Go's `full` and `empty` (chan.go), read without the lock.
inline bool chan_looks_full(const chan_core* c) noexcept {
    return c->cap == 0 ? relaxed_load(c->recvq.first) == nullptr : relaxed_load(c->count) == c->cap;
}
inline bool chan_looks_empty(const chan_core* c) noexcept {
    return c->cap == 0 ? relaxed_load(c->sendq.first) == nullptr : relaxed_load(c->count) == 0;
}

// Creation and lifetime. make panics `makechan: size out of range` when size < 0.
chan_core* chan_make(const elem_ops* ops, std::int64_t size);
inline void chan_retain(chan_core* c) noexcept {
    if (c) c->refs.fetch_add(1, std::memory_order_relaxed);
}
void chan_release(chan_core* c) noexcept;

// The operations. `c` may be null (a nil channel). With block == false they never park and
// return false when they cannot proceed at once; chan_try_send and chan_try_recv below are
// those non-blocking forms, with the check that fails them at once inlined.
// send moves from *elem only when it returns true.
bool chan_send(chan_core* c, void* elem, bool block, gosem::source_location where);
// recv fills raw storage *elem (moved value, or the zero value when closed) when it returns true
// and sets *ok to whether a sent value was received.
bool chan_recv(chan_core* c, void* elem, bool* ok, bool block, gosem::source_location where);
void chan_close(chan_core* c, gosem::source_location where);

// Go's selectnbsend and selectnbrecv (a select with one case and a default): what fails at once
// is decided here, inline, by Go's lock-free argument; the rest takes the channel's lock.
inline bool chan_try_send(chan_core* c, void* elem, gosem::source_location where) {
    // Seen open and then full: it was full while open, so the send fails as if it ran then.
    if (c == nullptr || (!relaxed_load(c->closed) && chan_looks_full(c))) return false;
    return chan_send(c, elem, false, where);
}
inline bool chan_try_recv(chan_core* c, void* elem, bool* ok, gosem::source_location where) {
    if (c == nullptr) return false;
    // closed is read after empty. Seen empty and then still open, it was empty and open at once:
    // fail. Seen closed and then still empty, it is closed and drained for good (closed never
    // reverts, and no send can follow a close): the zero value, without the lock.
    if (chan_looks_empty(c)) {
        if (!__atomic_load_n(&c->closed, __ATOMIC_ACQUIRE)) return false;
        if (chan_looks_empty(c)) {
            if (elem) c->ops->construct_zero(elem);
            *ok = false;
            return true;
        }
    }
    return chan_recv(c, elem, ok, false, where);
}
std::size_t chan_len(const chan_core* c) noexcept;
std::size_t chan_cap(const chan_core* c) noexcept;

// select over n cases (Go's selectgo). Each case is a send (elem: value to move from) or a receive
// (elem: raw storage, or null to discard). Returns the index of the case that ran, or -1 if
// `block` is false and none was ready (the default case). For a receive, *recv_ok is set.
struct select_case {
    chan_core* chan;
    void* elem;
    bool is_send;
};
int select_run(select_case* cases, int n, bool block, bool* recv_ok, gosem::source_location where);

// A select with one case and a default, as Go compiles it: a non-blocking send or receive.
inline int select_one_nonblocking(const select_case& sc, bool* recv_ok,
                                  gosem::source_location where) {
    bool done = sc.is_send ? chan_try_send(sc.chan, sc.elem, where)
                           : chan_try_recv(sc.chan, sc.elem, recv_ok, where);
    return done ? 0 : -1;
}

}  // namespace gosem::detail
