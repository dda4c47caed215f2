// gosem/sync.hpp: Go's sync package: mutex, rw_mutex, wait_group, once, cond.
//
//   struct safe_counter {                      // type SafeCounter struct { mu sync.Mutex; v map }
//       gosem::mutex mu;
//       std::map<std::string, int> v;
//       void inc(const std::string& key) {
//           std::lock_guard lock(mu);           // c.mu.Lock(); defer c.mu.Unlock()
//           ++v[key];
//       }
//   };
//
// As in Go, every type here is ready to use when default-constructed (constexpr, so a
// namespace-scope `constinit gosem::mutex m;` needs no initialisation order), must not be copied
// or moved once in use, and blocks by parking the goroutine, never the OS thread: a thousand
// goroutines contending on one mutex run on GOMAXPROCS threads. A parked goroutine counts as
// asleep for deadlock detection; the report gives its wait reason (`sync.Mutex.Lock`,
// `sync.RWMutex.RLock`, `sync.RWMutex.Lock`, `sync.WaitGroup.Wait`, `sync.Cond.Wait`) and the
// call site, which is why the blocking methods take a defaulted gosem::source_location.
//
// mutex and rw_mutex meet the standard Lockable and SharedLockable requirements, so
// std::lock_guard, std::unique_lock, std::scoped_lock and std::shared_lock work with them.
// Blocking methods must be called from a goroutine.
//
// Misuse ends the program as Go does, with no unwinding: `fatal error: sync: unlock of unlocked
// mutex`, `... sync: RUnlock of unlocked RWMutex`, `... sync: Unlock of unlocked RWMutex` (exit 2).
// A negative wait_group counter throws gosem::panic("sync: negative WaitGroup counter").
#pragma once

#include <atomic>
#include <cstdint>
#include <type_traits>
#include <utility>

#include "gosem/detail/runtime_lock.hpp"
#include "gosem/runtime.hpp"
#include "gosem/source_location.hpp"

namespace gosem {

namespace detail {

struct sema_waiter;

// Parked goroutines in queue order; the owner's lock guards it (its operations are in sema.cpp).
struct sema_list {
    sema_waiter* head = nullptr;
    sema_waiter* tail = nullptr;
};

// A counting semaphore whose waiters park (Go's runtime semaphore, runtime/sema.go), the one
// primitive every type below waits on.
// Invariants: `state_` holds the permits (low half) and the registered waiters (high half) in
// one word, so that one atomic operation both adds a permit and tells whether anyone waits.
// Waiters sit in `waiters_` (FIFO unless queued lifo); they register and queue, or leave the
// queue, only under lock_. A waiter registers only when it finds no permit (one CAS decides),
// and once registered it never takes a permit itself: a releaser hands it one. So no permit is
// left behind a sleeping waiter, and a release that found no waiter registered never touches
// the semaphore again: the goroutine that takes its permit may destroy the semaphore at once
// (a wait_group on the stack of the goroutine that waits on it).
class sema {
public:
    constexpr sema() noexcept = default;
    sema(const sema&) = delete;
    sema& operator=(const sema&) = delete;

    // Waits until a permit is available and takes it. `lifo` queues the caller at the front (a
    // mutex waiter that has already waited once). `reason` and `where` go to the goroutine dump.
    void acquire(bool lifo, wait_reason reason, gosem::source_location where);
    // Adds a permit; if a goroutine waits, hands the permit to the first one and readies it
    // (unless an acquirer that did not wait took the permit first). With `handoff` the caller
    // then yields, so that the waiter runs at once (a mutex in starvation mode).
    void release(bool handoff);

private:
    bool try_take() noexcept;

    static constexpr std::uint64_t one_waiter = std::uint64_t(1) << 32;
    std::atomic<std::uint64_t> state_{0};
    runtime_lock lock_;
    sema_list waiters_;
};

// Go's notifyList, what cond waits on. A waiter takes a ticket *before* it releases its lock and
// is woken only by a signal issued after that: a signal between unlock and park is not lost.
// Invariants: tickets below `notify_` have been signalled; `wait_` is the next ticket to hand
// out; parked waiters (`waiters_`, each with its ticket) hold tickets in [notify_, wait_).
// The list and notify_ change under lock_; the tickets are atomic so an idle signal is lock-free.
class notify_list {
public:
    constexpr notify_list() noexcept = default;
    notify_list(const notify_list&) = delete;
    notify_list& operator=(const notify_list&) = delete;

    std::uint32_t add() noexcept { return wait_.fetch_add(1); }
    // Parks until `ticket` has been signalled (returns at once if it already has been).
    void wait(std::uint32_t ticket, gosem::source_location where);
    void notify_one();
    void notify_all();

private:
    std::atomic<std::uint32_t> wait_{0};
    std::atomic<std::uint32_t> notify_{0};
    runtime_lock lock_;
    sema_list waiters_;
};

}  // namespace detail

// sync.Mutex. Not reentrant; any goroutine may unlock it. Fair in Go's way: a waiter normally
// competes with newly arriving goroutines (which usually win: they are already running), but one
// that has waited more than 1 ms switches the mutex to starvation mode, where unlock hands it
// directly to the longest waiter, until that waiter is the last or waited less than 1 ms.
// Invariant (state_): bit 0 locked, bit 1 a woken waiter is competing (so unlock need not wake
// another), bit 2 starving, bits 3.. the number of goroutines waiting on sema_.
class mutex {
public:
    constexpr mutex() noexcept = default;
    mutex(const mutex&) = delete;
    mutex& operator=(const mutex&) = delete;

    void lock(gosem::source_location where = gosem::source_location::current()) {
        lock_as(wait_reason::mutex_lock, where);
    }
    // Takes the mutex if that needs no wait. As in Go, it fails while the mutex is starving even
    // if it is momentarily unlocked: the waiter it is being handed to comes first.
    bool try_lock() noexcept;
    // Fatal error if the mutex is not locked.
    void unlock() {
        std::int32_t after = state_.fetch_sub(locked_bit, std::memory_order_release) - locked_bit;
        if (after != 0) unlock_slow(after);
    }

private:
    friend class rw_mutex;
    static constexpr std::int32_t locked_bit = 1;
    static constexpr std::int32_t woken_bit = 2;
    static constexpr std::int32_t starving_bit = 4;
    static constexpr int waiter_shift = 3;

    // lock(), with the wait reason a goroutine that has to wait shows (an rw_mutex's writer
    // waits on its mutex as `sync.RWMutex.Lock`).
    void lock_as(wait_reason reason, gosem::source_location where) {
        std::int32_t old = 0;
        if (state_.compare_exchange_strong(old, locked_bit, std::memory_order_acquire)) return;
        // Unlocked, not starving, but with waiters parked or one woken: a newcomer takes it and
        // leaves their bits alone, as lock_slow's first round would, without its frame.
        if (!(old & (locked_bit | starving_bit)) &&
            state_.compare_exchange_strong(old, old | locked_bit, std::memory_order_acquire)) {
            return;
        }
        lock_slow(reason, where);
    }
    void lock_slow(wait_reason reason, gosem::source_location where);
    void unlock_slow(std::int32_t after);

    std::atomic<std::int32_t> state_{0};
    detail::sema sema_;
};

// sync.RWMutex, Go's writer-preferring design: a writer that arrives makes reader_count_
// negative (minus max_readers), so readers that come after it wait on reader_sem_ (RW-03: no
// writer starvation); the writer then waits on writer_sem_ for the readers already inside, whose
// number it moved to reader_wait_. Writers exclude each other with writer_.
// Invariants: reader_count_ = readers holding or waiting, minus max_readers while a writer holds
// or waits; reader_wait_ = readers the pending writer still waits for.
class rw_mutex {
public:
    constexpr rw_mutex() noexcept = default;
    rw_mutex(const rw_mutex&) = delete;
    rw_mutex& operator=(const rw_mutex&) = delete;

    // Write lock (Lock, TryLock, Unlock). Uncontended, each is two atomic operations, inline.
    void lock(gosem::source_location where = gosem::source_location::current()) {
        writer_.lock_as(wait_reason::rwmutex_lock, where);
        // From here new readers wait; r is the number of readers already inside.
        std::int32_t r = reader_count_.fetch_sub(max_readers);
        if (r != 0) wait_for_readers(r, where);
    }
    bool try_lock();
    void unlock() {
        // r is the number of readers that queued behind this writer (or too many: misuse).
        std::int32_t r = reader_count_.fetch_add(max_readers) + max_readers;
        if (r != 0) release_readers(r);
        writer_.unlock();
    }
    // Read lock (RLock, TryRLock, RUnlock). Read locking is not recursive: a second lock_shared
    // in a goroutine that holds one waits behind any pending writer (RW-03, RW-07).
    void lock_shared(gosem::source_location where = gosem::source_location::current()) {
        if (reader_count_.fetch_add(1, std::memory_order_acquire) + 1 < 0)
            reader_sem_.acquire(false, wait_reason::rwmutex_rlock, where);
    }
    bool try_lock_shared() noexcept;
    void unlock_shared() {
        std::int32_t r = reader_count_.fetch_sub(1, std::memory_order_release) - 1;
        if (r < 0) unlock_shared_slow(r);
    }

    // Go's RLocker: a view whose lock and unlock are this mutex's read lock and unlock, for a
    // cond whose waiters hold a read lock.
    class reader_view {
    public:
        void lock(gosem::source_location where = gosem::source_location::current()) {
            rw_->lock_shared(where);
        }
        void unlock() { rw_->unlock_shared(); }

    private:
        friend class rw_mutex;
        explicit reader_view(rw_mutex* rw) noexcept : rw_(rw) {}
        rw_mutex* rw_;
    };
    reader_view r_locker() noexcept { return reader_view(this); }

private:
    static constexpr std::int32_t max_readers = 1 << 30;
    void wait_for_readers(std::int32_t r, gosem::source_location where);
    void release_readers(std::int32_t r);
    void unlock_shared_slow(std::int32_t r);

    mutex writer_;
    detail::sema writer_sem_;
    detail::sema reader_sem_;
    std::atomic<std::int32_t> reader_count_{0};
    std::atomic<std::int32_t> reader_wait_{0};
};

// sync.WaitGroup. Invariant (state_): the high 32 bits are the counter, the low 32 bits the
// number of goroutines in wait(); when the counter reaches zero with waiters, add() resets the
// state to zero and releases sema_ once per waiter. Reusable once every wait has returned.
class wait_group {
public:
    constexpr wait_group() noexcept = default;
    wait_group(const wait_group&) = delete;
    wait_group& operator=(const wait_group&) = delete;

    // Adds delta (possibly negative) to the counter. Throws gosem::panic
    // "sync: negative WaitGroup counter" if it goes below zero, and Go's misuse panics when an
    // add that starts a new round races with a wait of the last one.
    void add(int delta);
    void done() { add(-1); }
    // Waits until the counter is zero (returns at once if it is).
    void wait(gosem::source_location where = gosem::source_location::current());

private:
    std::atomic<std::uint64_t> state_{0};
    detail::sema sema_;
};

// sync.Once: call(f) runs f the first time any goroutine calls it; every other call waits until
// that first f has returned. If f throws, the once still counts as done (as a Go panic in f
// does) and the exception propagates to its caller.
// Invariant: done_ is set only after f has returned or thrown, under m_.
class once {
public:
    constexpr once() noexcept = default;
    once(const once&) = delete;
    once& operator=(const once&) = delete;

    template <class F>
    void call(F&& f, gosem::source_location where = gosem::source_location::current()) {
        // The fast path is one acquire load; it pairs with the release store in call_slow so
        // that whoever sees done_ also sees everything f did.
        if (done_.load(std::memory_order_acquire) == 0) {
            call_slow([](void* fn) { (*static_cast<std::remove_reference_t<F>*>(fn))(); },
                      std::addressof(f), where);
        }
    }

private:
    void call_slow(void (*invoke)(void* fn), void* fn, gosem::source_location where);

    std::atomic<std::uint32_t> done_{0};
    mutex m_;
};

// sync.Cond over any lock with lock()/unlock() (a mutex, an rw_mutex, its r_locker(), ...).
// wait() unlocks it, parks until a signal or broadcast issued after the wait began, and locks it
// again before returning; as in Go, waiters re-check their condition in a loop.
// The lock must outlive the cond.
class cond {
public:
    template <class Lock>
    explicit cond(Lock& l) noexcept
        : lock_obj_(std::addressof(l)),
          lock_fn_([](void* obj, gosem::source_location where) {
              if constexpr (requires(Lock& x, gosem::source_location w) { x.lock(w); })
                  static_cast<Lock*>(obj)->lock(where);
              else
                  static_cast<Lock*>(obj)->lock();
          }),
          unlock_fn_([](void* obj) { static_cast<Lock*>(obj)->unlock(); }) {}
    template <class Lock>
    explicit cond(Lock&& view) = delete;  // a temporary lock view would dangle; keep it alive
    cond(const cond&) = delete;
    cond& operator=(const cond&) = delete;

    void wait(gosem::source_location where = gosem::source_location::current());
    // Wakes the longest-waiting goroutine, if any.
    void signal() { notify_.notify_one(); }
    // Wakes every waiting goroutine.
    void broadcast() { notify_.notify_all(); }

private:
    void* lock_obj_;
    void (*lock_fn_)(void* obj, gosem::source_location where);
    void (*unlock_fn_)(void* obj);
    detail::notify_list notify_;
};

}  // namespace gosem
