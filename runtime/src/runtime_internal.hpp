// runtime_internal.hpp: the scheduler's data structures (Go's G, M, P and sched), shared by the
// runtime's own source files. Nothing here is public.
//
// A goroutine (G) runs on an OS thread (M) that holds a logical processor (P). There are
// GOMAXPROCS Ps; an M needs one to run goroutines, except the M of a goroutine inside a blocking
// call or one that the monitor has retaken the P from, which goes on running that one goroutine
// and must find a P again before it schedules anything else.
//
// Lock order: channel/sync locks -> sched.lock. Nothing is acquired while sched.lock is held,
// except an M's wakeup mutex (to signal it).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <cstdint>
#include <mutex>
#include "gosem/source_location.hpp"
#include <string>
#include <thread>
#include <vector>

#include "fiber.hpp"
#include "gosem/detail/sched.hpp"
#include "gosem/detail/runtime_lock.hpp"
#include "gosem/runtime.hpp"

namespace gosem::detail {

struct P;
struct M;
struct sched_state;

enum class gstatus : std::uint8_t {
    free,       // in a stack pool, not a goroutine now
    runnable,   // on a run queue
    running,    // on an M
    waiting,    // parked, with a reason
    blocking,   // inside blocking_call
    dead,       // exited; its stack goes back to a pool
};

// Why and where a goroutine waits. The goroutine writes it as it parks; dumps read it from other
// threads while it may be parking again, so a sequence lock (odd while writing) keeps a reader
// from mixing two parks, and every word is accessed atomically. The words are stored with release
// and loaded with acquire instead of fenced (plain moves on x86, and TSan, which does not model
// fences, sees the ordering): a reader that loads any word of a newer park synchronizes with the
// store that marked it odd, so its second read of the sequence cannot return the first.
class wait_site {
public:
    void set(wait_reason reason, const gosem::source_location& where) noexcept {
        std::uint32_t s = seq_.load(std::memory_order_relaxed);
        seq_.store(s + 1, std::memory_order_relaxed);
        reason_.store(reason, std::memory_order_release);
        std::uintptr_t words[n_words];
        std::memcpy(words, &where, sizeof where);
        for (int i = 0; i < n_words; ++i) __atomic_store_n(&where_[i], words[i], __ATOMIC_RELEASE);
        seq_.store(s + 2, std::memory_order_release);
    }
    void get(wait_reason* reason, gosem::source_location* where) const noexcept {
        for (;;) {
            std::uint32_t s = seq_.load(std::memory_order_acquire);
            if (s & 1) continue;
            *reason = reason_.load(std::memory_order_acquire);
            std::uintptr_t words[n_words];
            for (int i = 0; i < n_words; ++i) words[i] = __atomic_load_n(&where_[i], __ATOMIC_ACQUIRE);
            if (seq_.load(std::memory_order_relaxed) != s) continue;
            std::memcpy(static_cast<void*>(where), words, sizeof *where);
            return;
        }
    }

private:
    static_assert(sizeof(gosem::source_location) % sizeof(std::uintptr_t) == 0);
    static constexpr int n_words = sizeof(gosem::source_location) / sizeof(std::uintptr_t);
    std::atomic<std::uint32_t> seq_{0};
    std::atomic<wait_reason> reason_{wait_reason::none};
    std::uintptr_t where_[n_words] = {};
};

// A goroutine. It lives at the top of its own stack block, so a spawn allocates nothing.
struct G {
    fcontext ctx = nullptr;               // saved registers while not running
    fiber_identity fiber;
    unsigned char* block = nullptr;       // the mmap'd region: guard page, stack, this G
    std::size_t block_size = 0;
    std::int64_t id = 0;
    std::atomic<gstatus> status{gstatus::free};
    wait_site waiting;
    gosem::source_location created_at;
    const closure_ops* body = nullptr;
    void* closure = nullptr;
    std::uint32_t select_done = 0;        // accessed through std::atomic_ref
    G* next = nullptr;                    // link in the global run queue or a stack pool
    bool abandon = false;                 // set at shutdown: resume only to unwind
    bool started = false;                 // its body has begun (so it has frames to unwind)
    bool is_main = false;
};

// Thrown into an abandoned goroutine at shutdown so its destructors run; caught at its entry.
struct goroutine_exit {};

// P's lifecycle. Transitions into and out of idle and retired happen under sched.lock.
enum class pstatus : std::uint8_t {
    idle,        // in sched.pidle, owned by no M
    in_runtime,  // its M runs scheduler code (g0) or runtime code on behalf of a goroutine
    in_user,     // its M runs goroutine code; the monitor may retake it after a time slice
    in_blocking, // its goroutine is inside blocking_call; the monitor may retake it
    retired,     // beyond GOMAXPROCS, owned by no M
};

// A P's runnable goroutines, in the order its M takes them:
// - `resume`: parents that ran a spawned child first (work-first spawning, see spawn), last in
//   first out, so each resumes as soon as its child parks or exits, as if it had not stopped;
//   and, while the P works depth first (the stack is not empty, or the running goroutine came
//   off it), goroutines pushed out of `next` (the ring's tail would keep them until the
//   depth-first walk is over). Owner only; at most resume_capacity deep, which bounds
//   how many goroutines a chain of spawns-that-spawn can hold suspended. n_resume is atomic only
//   so that others can read it.
// - `next`: the goroutine just readied or spawned, so a hand-off runs where the waker is.
// - `ring`: a bounded FIFO, Go's runq: the owner pushes at the tail; the owner and thieves pop
//   at the head with a CAS. Thieves take from the ring (and `next`), never from `resume`.
// A goroutine taken from `resume` or `next` inherits the time slice of the one before it (Go's
// inheritTime); when a slice passes time_slice_ns the monitor sets the P's slice_expired and the
// next pick is the ring's head, so goroutines handing the P to each other never starve the ring.
struct run_queue {
    static constexpr std::uint32_t capacity = 256;
    static constexpr std::uint32_t resume_capacity = 32;
    std::atomic<std::uint32_t> head{0};
    std::atomic<std::uint32_t> tail{0};
    std::atomic<G*> ring[capacity];
    std::atomic<G*> next{nullptr};
    std::atomic<std::uint32_t> n_resume{0};
    G* resume[resume_capacity];
    G* popped_resume = nullptr;   // the goroutine runq_pop last took from `resume` (owner only)
    bool running_resumed = false; // the running goroutine came off `resume` (owner only)

    bool empty() const noexcept;           // nothing runnable at all
    bool stealable() const noexcept;       // something in the ring or `next`
    std::uint32_t size() const noexcept;   // every runnable goroutine, resume included
};

// A P's timers (Go's per-P timer heap). Invariants, under `lock`: `heap` is a 4-ary min-heap of
// entries keyed on `when`, each timer's heap_index is its entry's place, and an entry's key is
// never later than its timer's `when`: a timer moved later keeps its place and old key until it
// reaches the top (Go's timerModifiedLater), so a Reset to a later time costs no sifting.
// `earliest` is the top's key (INT64_MAX when empty), so that Ms and the monitor can tell without
// the lock whether a timer may be due. `running` is the timer whose callback a thread is running
// now: one thread at a time runs a heap's due timers, and timer_stop waits while its timer is
// `running`.
// Lock order: a timer owner's lock (time.cpp, context.cpp) -> timer_heap::lock -> sched.lock
// (only to wake the monitor). No lock is held while a callback runs.
struct timer_heap {
    struct entry {
        std::int64_t when;
        timer* t;
    };
    runtime_lock lock;
    std::vector<entry> heap;
    const timer* running = nullptr;
    std::atomic<std::int64_t> earliest{INT64_MAX};
};

// A P's status and owner in one word, so that a CAS checks both: an M that lost its P to the
// monitor can never take back a P that has since been handed to another M.
constexpr std::uint64_t pstate(pstatus s, int owner) noexcept {
    return static_cast<std::uint64_t>(s) | (static_cast<std::uint64_t>(owner) << 8);
}
constexpr pstatus status_of(std::uint64_t word) noexcept { return static_cast<pstatus>(word & 0xff); }

struct P {
    int id = 0;
    std::atomic<std::uint64_t> state{pstate(pstatus::idle, 0)};
    M* m = nullptr;                       // owner while not idle
    P* idle_link = nullptr;
    run_queue runq;
    std::uint32_t schedtick = 0;          // goroutines scheduled here; read by the monitor
    std::atomic<std::uint32_t> slice_tick{0};     // schedtick, published for the monitor
    std::uint32_t slice_began = 0;                // schedtick when the current slice began
    std::atomic<std::uint32_t> slices{0};         // fresh time slices begun (not inherited)
    std::atomic<bool> slice_expired{false};       // set by the monitor: take the ring's head next
    std::atomic<std::uint32_t> blocking_tick{0};  // counts blocking calls, for the monitor
    // Goroutines made and ended on this P, ever (written by the owner only; the count alive is
    // the sum over the Ps, see goroutine_count_locked), and the goroutine ids it has reserved.
    std::atomic<std::uint64_t> made{0};
    std::atomic<std::uint64_t> ended{0};
    std::int64_t goid_next = 0;
    std::int64_t goid_end = 0;
    // Stack blocks of exited goroutines, reused by spawns on this P, most recent last. An array,
    // not a list through the Gs: each G sits alone on its block's top page, and a list would
    // read the next one's (a cache and TLB miss) at every spawn.
    static constexpr int stack_cache_size = 64;
    G* free_gs[stack_cache_size];
    int n_free_gs = 0;
    // Monitor's bookkeeping: what it saw last time, and when.
    std::uint32_t seen_tick = 0;
    std::int64_t seen_at = 0;
    std::uint32_t seen_slices = 0;
    std::int64_t slices_seen_at = 0;
    timer_heap timers;
    // Spreading and calm (scheduler.cpp, "Calm Ps"). Written by the P's owner, or under
    // sched.lock while the P is idle.
    std::int64_t spread_began = 0;        // when this P last stole from a running P; 0: no spread
    std::uint32_t spread_handovers = 0;   // spread_m's lock handovers then
    M* spread_m = nullptr;
    std::int64_t calm_ns = 0;             // how long the P stays calm after its next heavy spread
    std::int64_t calm_until = 0;          // no steals from running Ps before then; 0: not calm
};

// Why a goroutine switched to its M's scheduler. `run_child`: it spawned a goroutine while its
// P's queue was already long, and the child runs first while the parent waits on the P's resume
// stack.
enum class switch_reason : std::uint8_t { park, yield, exit, lost_p, run_child };

struct M {
    int id = 0;
    std::thread thread;                   // empty for the thread that called run
    fiber_identity g0;                    // the thread's own stack
    fcontext g0_ctx = nullptr;            // where a running goroutine returns to
    P* p = nullptr;
    P* next_p = nullptr;                  // handed over by startm
    G* curg = nullptr;
    bool spinning = false;
    M* idle_link = nullptr;
    std::uint64_t rng = 0;
    // Wakeup of a parked (idle) M.
    std::mutex wake_mu;
    std::condition_variable wake_cv;
    bool woken = false;
    // The request a goroutine leaves when it switches to the scheduler.
    switch_reason why = switch_reason::park;
    void (*unlock)(void*) = nullptr;
    void* unlock_arg = nullptr;
    G* child = nullptr;                   // with run_child: the goroutine to run next
    bool finished = false;                // m_main has returned or is about to (under sched.lock)
};

// The whole runtime of one `run`: created at its start, destroyed at its end (nothing global
// outlives it). Fields under `lock` unless they are atomic.
struct sched_state {
    std::mutex lock;
    std::size_t stack_size = 0;           // usable bytes per goroutine stack
    std::size_t page_size = 4096;
    std::uint64_t seed = 0;               // non-zero: seeded schedule on one P

    // Ps: all of them ever created; the first `nprocs` are active.
    std::vector<P*> allp;
    std::atomic<int> nprocs{0};
    P* pidle = nullptr;
    std::atomic<int> npidle{0};
    std::atomic<int> npidle_calm{0};      // the idle Ps that are calm (scheduler.cpp, "Calm Ps")
    std::atomic<std::uint64_t> calm_periods{0};  // how many times a P became calm

    // Ms: all threads; idle ones wait in midle.
    std::vector<M*> allm;
    M* midle = nullptr;
    std::atomic<int> nmspinning{0};
    int nm_without_p = 0;                 // Ms running a goroutine after losing their P

    // The global run queue (FIFO): an array of pointers, so that taking a batch does not touch
    // each goroutine's record (which sits at the top of its own stack: a cache miss apiece).
    std::deque<G*> runq;
    std::atomic<int> runq_size{0};

    // Goroutines.
    std::mutex allg_lock;
    std::vector<G*> allgs;                // every G ever made (live or pooled), for dumps
    std::atomic<std::int64_t> goid_gen{0};
    std::atomic<std::uint64_t> made_without_p{0};   // goroutines made and ended by Ms without a
    std::atomic<std::uint64_t> ended_without_p{0};  // P (see P::made)
    G* free_gs = nullptr;                 // stack blocks returned by Ps or without a P
    int n_free_gs = 0;
    struct slab {
        unsigned char* base;
        std::size_t size;
    };
    std::vector<slab> slabs;              // the mmap'd regions the blocks come from
    // For a new slab's system calls (stack.cpp): this process's pidfd, opened at the first slab
    // (-1 before, -2 if it cannot be), and whether process_madvise has failed (it then is not
    // tried again).
    int self_pidfd = -1;
    std::atomic<bool> slab_batching_failed{false};

    // Timers live on the Ps' heaps (timer_heap). live_timers counts those pending or with a
    // callback running, so the deadlock check can see them all at once; run_id tells this run's
    // timers (timer::home) from those a previous run left started.
    std::atomic<int> live_timers{0};
    std::uint32_t run_id = 0;

    // Monitor (Go's sysmon): fires timers, retakes Ps, sleeps when there is nothing to watch.
    // monitor_wake_at is when it means to wake (INT64_MAX: not before it is notified, or while
    // it looks at the timers); a timer started earlier than that notifies it.
    std::thread monitor;
    std::condition_variable monitor_cv;
    bool monitor_idle = false;
    std::atomic<std::int64_t> monitor_wake_at{INT64_MAX};

    // Ending.
    std::atomic<bool> stopping{false};
    run_result* result = nullptr;         // non-null: report outcomes here instead of exiting
    int ms_scheduling = 0;                // Ms inside their scheduling loop
    std::condition_variable stopped_cv;   // signalled when ms_scheduling drops or stop_by is set
    // Who ends the run, decided once under `lock`: run's thread joins every M when none is
    // scheduling any more; the monitor ends the process when one still is after stop_grace,
    // joining first the Ms that have finished (a thread left unjoined is a leak to TSan).
    enum class stop_path { undecided, join_all, exit_after_grace };
    stop_path stop_by = stop_path::undecided;
};

// The runtime of the current `run`, or null outside one.
sched_state* current_sched() noexcept;

// The current thread's M. Not inlined: a goroutine may resume on another thread, and a TLS
// address computed before a switch would still name the old thread's slot.
M* this_m() noexcept;

std::uint32_t fastrand() noexcept;
inline std::uint32_t fastrand_below(std::uint32_t n) noexcept {
    return static_cast<std::uint32_t>((static_cast<std::uint64_t>(fastrand()) * n) >> 32);
}

// Stacks (stack.cpp). Blocks are mmap'd with a guard page at the low end; the G sits at the top.
G* stack_alloc(sched_state& s, P* p);
void stack_free(sched_state& s, P* p, G* g);
void stack_release_all(sched_state& s);
void install_overflow_handler(sched_state& s);
void remove_overflow_handler(sched_state& s);
void thread_overflow_stack_init();
void thread_overflow_stack_fini();

// Timers (timers.cpp). run_due_timers fires up to max_fires of p's due timers unless another
// thread is doing so, and returns how many it fired; the caller holds no lock. A caller bounds a
// batch so that the goroutines it readies run (and free their stacks) before the next batch:
// a million timers due at once never mean a million goroutines alive at once.
// timers_earliest is the earliest deadline over allp[first..] (INT64_MAX: none);
// discard_timers ends the run's pending timers.
constexpr std::uint32_t timer_batch = 64;
int run_due_timers(sched_state& s, P* p, std::int64_t now, std::uint32_t max_fires = timer_batch);
std::int64_t timers_earliest(const sched_state& s, std::size_t first);
void discard_timers(sched_state& s);

// Reports (report.cpp).
std::string goroutine_dump(sched_state& s);
std::string describe_exception(std::exception_ptr e);

}  // namespace gosem::detail
