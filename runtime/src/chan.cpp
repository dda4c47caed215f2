// chan.cpp: channel send, receive and close (Go's runtime/chan.go), on chan_core.
//
// A value moves at most once: from the sender's storage into the buffer or straight into a
// parked receiver's storage, or from the buffer or a parked sender into the receiver's storage.
// A waker always removes the waiter from its queue and fills in `success` under the channel lock
// before readying its goroutine, so a woken goroutine reads its waiter without the lock.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstring>
#include <memory>
#include <new>

#include "chan_internal.hpp"
#include "gosem/detail/chan_core.hpp"
#include "gosem/detail/sched.hpp"

namespace gosem::detail {

void wait_queue::push(waiter* w) noexcept {
    w->next = nullptr;
    w->prev = last;
    if (last) last->next = w;
    else relaxed_store(first, w);
    last = w;
}

void wait_queue::remove(waiter* w) noexcept {
    if (w->prev) w->prev->next = w->next;
    else if (first == w) relaxed_store(first, w->next);
    else return;  // not queued
    if (w->next) w->next->prev = w->prev;
    else last = w->prev;
    w->next = w->prev = nullptr;
}

waiter* wait_queue::pop_first_ready() noexcept {
    while (waiter* w = first) {
        remove(w);
        if (w->is_select) {
            std::uint32_t expect = 0;
            if (!std::atomic_ref<std::uint32_t>(*select_done_flag(w->g))
                     .compare_exchange_strong(expect, 1, std::memory_order_acq_rel)) {
                continue;  // its select already fired through another case
            }
        }
        w->fired = true;
        return w;
    }
    return nullptr;
}

namespace {
// One element moved into raw storage, or destroyed: a trivial type's bytes are copied (Go's
// typedmemmove) and it is never destroyed, without a call through elem_ops: those calls were a
// third of the time of a pipeline passing integers through buffered channels. A word-sized value
// (an integer, a pointer) is copied inline; a memcpy of a size known only at run time is a call.
inline void move_elem(const elem_ops* ops, void* dst, void* src) {
    if (!ops->trivial) ops->move_construct(dst, src);
    else if (ops->size == sizeof(std::uint64_t)) std::memcpy(dst, src, sizeof(std::uint64_t));
    else std::memcpy(dst, src, ops->size);
}
inline void destroy_elem(const elem_ops* ops, void* obj) {
    if (!ops->trivial) ops->destroy(obj);
}

// A channel and its buffer are one allocation, as Go's makechan makes them for most element
// types: the buffer starts at the first multiple of the element's alignment after the chan_core.
// The chan_core starts on a cache line, so that the fields every operation writes (the lock,
// count, sendx, recvx) share one line. At malloc's 16-byte alignment they could straddle two,
// and a channel used from two cores then moved both on every operation: the 2-thread worker pool
// baseline (one job channel, workers on both cores) took 2-11% longer in alternating runs. The
// line is found inside a plain allocation with room to spare, not asked of the aligned operator
// new, which costs four times as much in glibc (a channel of 8 32-byte structs: 19 ns to make and
// drop, 77 with aligned new).
constexpr std::size_t cache_line = 64;
static_assert(offsetof(chan_core, recvx) + sizeof(chan_core::recvx) <= cache_line &&
              offsetof(chan_core, lock) < offsetof(chan_core, recvx));
std::size_t buffer_offset(const elem_ops* ops) {
    return (sizeof(chan_core) + ops->align - 1) / ops->align * ops->align;
}
std::size_t core_alignment(const elem_ops* ops) {
    return std::max({cache_line, alignof(chan_core), ops->align});
}
// What a block of `bytes` from core_alignment needs from operator new, which aligns to less.
std::size_t allocation_bytes(std::size_t bytes, std::size_t align) {
    return bytes + align - __STDCPP_DEFAULT_NEW_ALIGNMENT__;
}
std::size_t block_bytes(const elem_ops* ops, std::size_t cap) {
    return buffer_offset(ops) + cap * ops->size;
}

// Small channel blocks (a chan_core and a buffer of up to 18 words) come from a per-thread
// cache in two size classes, Go's mcache in miniature: a program that makes and drops a channel
// per call (fork-join, a tree of goroutines) otherwise spends a third of each channel's cost in
// malloc and free, because glibc's own per-thread cache keeps only 7 blocks of a size. A block
// joins the cache of the thread that frees it. Off under the sanitizers, which watch each block
// through malloc and free.
struct small_block_cache {
    static constexpr int capacity = 64;  // blocks per class
    void* blocks[2][capacity];
    int n[2] = {0, 0};
    ~small_block_cache() {
        for (int k = 0; k < 2; ++k)
            while (n[k] > 0) ::operator delete(blocks[k][--n[k]]);
    }
};
thread_local small_block_cache block_cache;

// The size class of a block: 0 (128 bytes), 1 (256 bytes), or -1 for one allocated as it is.
int size_class(std::size_t bytes, std::size_t align) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    (void)bytes;
    (void)align;
    return -1;
#else
    if (align > cache_line || bytes > 256) return -1;
    return bytes <= 128 ? 0 : 1;
#endif
}
constexpr std::size_t class_bytes(int k) { return std::size_t(128) << k; }

// Returns an allocation that holds a block of `bytes` at the first multiple of `align` in it.
void* allocate_block(std::size_t bytes, std::size_t align) {
    if (int k = size_class(bytes, align); k >= 0) {
        small_block_cache& cache = block_cache;
        if (cache.n[k] > 0) return cache.blocks[k][--cache.n[k]];
        bytes = class_bytes(k);
    }
    return ::operator new(allocation_bytes(bytes, align));
}
void free_block(void* allocation, std::size_t bytes, std::size_t align) noexcept {
    if (int k = size_class(bytes, align); k >= 0) {
        small_block_cache& cache = block_cache;
        if (cache.n[k] < small_block_cache::capacity) {
            cache.blocks[k][cache.n[k]++] = allocation;
            return;
        }
    }
    ::operator delete(allocation);
}
}  // namespace

chan_core* chan_make(const elem_ops* ops, std::int64_t size) {
    constexpr std::int64_t max_bytes = std::int64_t(1) << 40;
    if (size < 0 || (ops->size && size > max_bytes / static_cast<std::int64_t>(ops->size))) {
        throw panic("makechan: size out of range");
    }
    const auto cap = static_cast<std::size_t>(size);
    const std::size_t bytes = block_bytes(ops, cap);
    const std::size_t align = core_alignment(ops);
    void* allocation = allocate_block(bytes, align);
    std::size_t room = allocation_bytes(bytes, align);
    void* block = allocation;
    std::align(align, bytes, block, room);
    unsigned char* buf = cap > 0 ? static_cast<unsigned char*>(block) + buffer_offset(ops) : nullptr;
    return ::new (block) chan_core(ops, cap, buf, allocation);
}

void chan_release(chan_core* c) noexcept {
    if (!c || c->refs.fetch_sub(1, std::memory_order_acq_rel) != 1) return;
    for (std::size_t i = 0; i < c->count; ++i)
        destroy_elem(c->ops, c->slot((c->recvx + i) % c->cap));
    const elem_ops* ops = c->ops;
    const std::size_t cap = c->cap;
    void* allocation = c->allocation;
    c->~chan_core();
    free_block(allocation, block_bytes(ops, cap), core_alignment(ops));
}

namespace {
[[noreturn]] void block_forever(wait_reason reason, gosem::source_location where) {
    for (;;) park(reason, nullptr, nullptr, where);
}
}  // namespace

// Hands the sender's value to a parked receiver (unbuffered, or buffered and empty).
void chan_send_direct(chan_core* c, waiter* receiver, void* elem) {
    if (receiver->elem) move_elem(c->ops, receiver->elem, elem);
    receiver->success = true;
}

// Takes a value for the receiver when a sender is parked: straight from it if unbuffered; else
// the buffer's head, and the sender's value goes into the slot that frees (the buffer is full).
void chan_recv_direct(chan_core* c, waiter* sender, void* elem) {
    if (c->cap == 0) {
        if (elem) move_elem(c->ops, elem, sender->elem);
    } else {
        void* head = c->slot(c->recvx);
        if (elem) move_elem(c->ops, elem, head);
        destroy_elem(c->ops, head);
        move_elem(c->ops, head, sender->elem);
        c->recvx = (c->recvx + 1) % c->cap;
        c->sendx = c->recvx;
    }
    sender->success = true;
}

void chan_buffer_put(chan_core* c, void* elem) {
    move_elem(c->ops, c->slot(c->sendx), elem);
    if (++c->sendx == c->cap) c->sendx = 0;
    relaxed_store(c->count, c->count + 1);
}

void chan_buffer_take(chan_core* c, void* elem) {
    void* head = c->slot(c->recvx);
    if (elem) move_elem(c->ops, elem, head);
    destroy_elem(c->ops, head);
    if (++c->recvx == c->cap) c->recvx = 0;
    relaxed_store(c->count, c->count - 1);
}

bool chan_send(chan_core* c, void* elem, bool block, gosem::source_location where) {
    if (!c) {
        if (!block) return false;
        block_forever(wait_reason::chan_send_nil, where);
    }
    c->lock.lock();
    if (c->closed) {
        c->lock.unlock();
        throw panic("send on closed channel");
    }
    if (waiter* r = c->recvq.pop_ready()) {
        chan_send_direct(c, r, elem);
        c->lock.unlock();
        ready(r->g);
        sched_point();
        return true;
    }
    if (c->count < c->cap) {
        chan_buffer_put(c, elem);
        c->lock.unlock();
        sched_point();
        return true;
    }
    if (!block) {
        c->lock.unlock();
        return false;
    }
    waiter me;
    me.g = current_g();
    me.elem = elem;
    me.chan = c;
    c->sendq.push(&me);
    park(wait_reason::chan_send, unlock_runtime_lock, &c->lock, where);
    if (!me.success) throw panic("send on closed channel");
    return true;
}

bool chan_recv(chan_core* c, void* elem, bool* ok, bool block, gosem::source_location where) {
    if (!c) {
        if (!block) return false;
        block_forever(wait_reason::chan_receive_nil, where);
    }
    c->lock.lock();
    if (c->closed && c->count == 0) {
        c->lock.unlock();
        if (elem) c->ops->construct_zero(elem);
        *ok = false;
        return true;
    }
    if (waiter* s = c->sendq.pop_ready()) {
        chan_recv_direct(c, s, elem);
        c->lock.unlock();
        ready(s->g);
        *ok = true;
        sched_point();
        return true;
    }
    if (c->count > 0) {
        chan_buffer_take(c, elem);
        c->lock.unlock();
        *ok = true;
        sched_point();
        return true;
    }
    if (!block) {
        c->lock.unlock();
        return false;
    }
    waiter me;
    me.g = current_g();
    me.elem = elem;
    me.chan = c;
    c->recvq.push(&me);
    park(wait_reason::chan_receive, unlock_runtime_lock, &c->lock, where);
    *ok = me.success;  // on close, the closer stored the zero value in *elem
    return true;
}

void chan_close(chan_core* c, gosem::source_location) {
    if (!c) throw panic("close of nil channel");
    c->lock.lock();
    if (c->closed) {
        c->lock.unlock();
        throw panic("close of closed channel");
    }
    relaxed_store(c->closed, true);
    // Collect every waiter first, ready them after the unlock (Go's glist).
    waiter* woken = nullptr;
    while (waiter* r = c->recvq.pop_ready()) {
        if (r->elem) c->ops->construct_zero(r->elem);
        r->success = false;
        r->next = woken;
        woken = r;
    }
    while (waiter* s = c->sendq.pop_ready()) {
        s->success = false;
        s->next = woken;
        woken = s;
    }
    c->lock.unlock();
    while (woken) {
        waiter* w = woken;
        woken = w->next;
        ready(w->g);  // after this, w may be gone: read next first
    }
}

std::size_t chan_len(const chan_core* c) noexcept { return c ? relaxed_load(c->count) : 0; }

std::size_t chan_cap(const chan_core* c) noexcept { return c ? c->cap : 0; }

}  // namespace gosem::detail
