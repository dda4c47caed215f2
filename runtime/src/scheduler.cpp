// scheduler.cpp: goroutines on Ms and Ps (Go's proc.go), the monitor and the deadlock detector.
// Timers, which the monitor and Ms looking for work fire, are in timers.cpp.
//
// The state machine of an M (see docs/design.md):
//   find_runnable -> execute(g) -> [g runs] -> g switches back (park | yield | exit | lost_p)
//   -> finish the switch -> find_runnable ...
//   find_runnable with nothing to run: steal (spinning; a calm P takes nothing from running Ps,
//   see "Calm Ps"), then put the P idle and stop the M until startm hands it a P again.
//
// Deadlock: every P idle, no M running a goroutine without a P, the global queue empty, and no
// timer pending or firing (s.live_timers; timers.cpp says why reading it here is exact). The
// others change only under sched.lock, and a P goes idle only with an empty local queue (which
// only its owner fills), so checking them under the lock is exact: nothing can make a goroutine
// runnable again.
#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "run_queue.hpp"
#include "runtime_internal.hpp"

namespace gosem::detail {

namespace {

sched_state* the_sched = nullptr;  // the runtime of the current `run`, if any
thread_local M* tls_m = nullptr;

constexpr std::int64_t time_slice_ns = 10'000'000;  // a goroutine's slice before its P is retaken
// A seeded schedule's stand-in for time_slice_ns when goroutines pass a slice on (see run_queue).
constexpr std::uint32_t seeded_slice_goroutines = 1000;
constexpr std::size_t default_stack_size = 256 * 1024;
// The most Ps a run can have (Go 1.19's _MaxGomaxprocs). allp is reserved to this size at the
// start, so it never reallocates: thieves read it without the lock.
constexpr int max_procs = 1024;
// Past this many goroutines queued on its P, a spawning goroutine runs its child at once and
// waits on the P's resume stack (Cilk's work-first order) while the stack has room: fan-out then
// proceeds depth first, so a program spawning a wide tree (or a recursive fork-join) holds a few
// goroutines per level alive instead of whole levels, each with its stack.
constexpr std::uint32_t run_child_first_queue = 32;
// After main returns every M finishes the goroutine it is running and stops. One that runs a
// goroutine which never reaches a scheduling point cannot be stopped (a thread cannot be killed),
// so after this grace period the program ends the way Go's does when main returns: exit status 0.
constexpr auto stop_grace = std::chrono::seconds(1);

// ---- configuration ----

int cores_reported() {
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) return std::max(1, CPU_COUNT(&set));
    return std::max(1u, std::thread::hardware_concurrency());
}

int default_procs() {
    if (const char* env = std::getenv("GOMAXPROCS"); env && *env) {
        char* end = nullptr;
        long n = std::strtol(env, &end, 10);
        if (*end == '\0' && n > 0) return static_cast<int>(std::min<long>(n, max_procs));
        std::fprintf(stderr, "gosem: ignoring GOMAXPROCS=%s: not a positive integer\n", env);
    }
    return cores_reported();
}

std::uint64_t default_seed() {
    if (const char* env = std::getenv("GOSEM_SCHED_SEED"); env && *env) {
        char* end = nullptr;
        unsigned long long n = std::strtoull(env, &end, 10);
        if (*env != '-' && *end == '\0' && n > 0) return n;
        std::fprintf(stderr, "gosem: ignoring GOSEM_SCHED_SEED=%s: want a positive integer\n", env);
    }
    return 0;
}

// splitmix64: spreads a seed (or an M's id) over a whole xorshift state.
std::uint64_t mix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return (x ^ (x >> 31)) | 1;
}

std::size_t default_stack() {
    if (const char* env = std::getenv("GOSEM_STACK_SIZE"); env && *env) {
        char* end = nullptr;
        unsigned long long n = *env == '-' ? 0 : std::strtoull(env, &end, 10);
        if (!end) end = const_cast<char*>(env);
        if (*end == 'K' || *end == 'k') n <<= 10, ++end;
        else if (*end == 'M' || *end == 'm') n <<= 20, ++end;
        if (*end == '\0' && n >= 16 * 1024) return n;
        std::fprintf(stderr, "gosem: ignoring GOSEM_STACK_SIZE=%s: want bytes >= 16K\n", env);
    }
    return default_stack_size;
}

// ---- P state ----

pstatus p_status(const P* p) { return status_of(p->state.load(std::memory_order_acquire)); }
void p_set(P* p, pstatus s, int owner) { p->state.store(pstate(s, owner), std::memory_order_release); }

// The current M's P, claimed for runtime work. On a goroutine the P is in_user and the monitor
// may take it at any moment: the CAS decides. Returns null (and forgets the P) if it was taken.
P* claim_p(M* m) {
    P* p = m->p;
    if (!p || !m->curg) return p;
    std::uint64_t expect = pstate(pstatus::in_user, m->id);
    if (p->state.compare_exchange_strong(expect, pstate(pstatus::in_runtime, m->id),
                                         std::memory_order_acq_rel)) {
        return p;
    }
    m->p = nullptr;
    return nullptr;
}

void unclaim_p(M* m, P* p) {
    if (p && m->curg) p_set(p, pstatus::in_user, m->id);
}

// ---- the global run queue (under sched.lock) ----

void globrunq_put_locked(sched_state& s, G* g) {
    s.runq.push_back(g);
    s.runq_size.fetch_add(1, std::memory_order_relaxed);
}

G* globrunq_pop_locked(sched_state& s) {
    if (s.runq.empty()) return nullptr;
    G* g = s.runq.front();
    s.runq.pop_front();
    s.runq_size.fetch_sub(1, std::memory_order_relaxed);
    return g;
}

// Takes a fair share of the global queue: one to run, the rest onto p's local queue.
G* globrunq_get_locked(sched_state& s, P* p, int max) {
    int size = s.runq_size.load(std::memory_order_relaxed);
    if (size == 0) return nullptr;
    int n = std::min(size, size / std::max(1, s.nprocs.load()) + 1);
    if (max > 0) n = std::min(n, max);
    n = std::min(n, static_cast<int>(run_queue::capacity / 2));
    G* g = globrunq_pop_locked(s);
    for (int i = 1; i < n; ++i) {
        G* more = globrunq_pop_locked(s);
        G* overflow[run_queue::capacity / 2 + 1];
        std::uint32_t n_over = 0;
        if (!runq_push(p->runq, more, overflow, &n_over)) {
            for (std::uint32_t k = 0; k < n_over; ++k) globrunq_put_locked(s, overflow[k]);
        }
    }
    return g;
}

void runq_put(sched_state& s, P* p, G* g, bool as_next) {
    if (s.seed) as_next = fastrand() & 1;  // a seeded schedule decides who runs next
    if (as_next) {
        g = p->runq.next.exchange(g, std::memory_order_acq_rel);
        if (!g) return;
        // The goroutine g displaces joins the resume stack while the P works depth first: the
        // ring's tail would hold it until the whole subtree is done. That includes the walk's
        // first goroutine, taken off the stack last: ten children it readies in turn, each done,
        // would otherwise wait behind every subtree queued on the ring.
        if ((p->runq.n_resume.load(std::memory_order_relaxed) > 0 || p->runq.running_resumed) &&
            !runq_resume_full(p->runq)) {
            runq_push_resume(p->runq, g);
            return;
        }
    }
    G* overflow[run_queue::capacity / 2 + 1];
    std::uint32_t n_over = 0;
    if (!runq_push(p->runq, g, overflow, &n_over)) {
        std::lock_guard lk(s.lock);
        for (std::uint32_t i = 0; i < n_over; ++i) globrunq_put_locked(s, overflow[i]);
    }
}

// ---- idle Ps and Ms (under sched.lock) ----

void checkdead_locked(sched_state& s);

// Orders this thread's earlier stores before its later loads: the half of a Dekker handshake that
// x86 does not give for free (a store that publishes work or an idle P, then a load of whether
// somebody will look at it). TSan does not model fences, and warns of each; under it a seq_cst
// read-modify-write, which it does model, stands in.
void store_load_fence([[maybe_unused]] sched_state& s) {
#if defined(__SANITIZE_THREAD__)
    s.nmspinning.fetch_add(0, std::memory_order_seq_cst);
#else
    std::atomic_thread_fence(std::memory_order_seq_cst);
#endif
}

// Puts p idle (or retired, beyond GOMAXPROCS). From now on only the monitor fires p's timers:
// if one is due before the monitor means to wake, it is woken (the other side of the check in
// timers.cpp's wake_monitor_for, which does not wake it for a P that is not idle).
void pidleput_locked(sched_state& s, P* p) {
    p->m = nullptr;
    if (p->id >= s.nprocs.load(std::memory_order_relaxed)) {
        p->calm_until = 0;
        p_set(p, pstatus::retired, 0);
    } else {
        p_set(p, pstatus::idle, 0);
        p->idle_link = s.pidle;
        s.pidle = p;
        if (p->calm_until != 0) s.npidle_calm.fetch_add(1, std::memory_order_relaxed);
        s.npidle.fetch_add(1, std::memory_order_seq_cst);
    }
    // With a P idle the monitor can fire any P's due timers: it needs to wake for the earliest,
    // and for the end of the P's calm.
    store_load_fence(s);
    std::int64_t wake_at = s.monitor_wake_at.load(std::memory_order_seq_cst);
    if (timers_earliest(s, 0) < wake_at || (p->calm_until != 0 && p->calm_until < wake_at))
        s.monitor_cv.notify_one();
}

// Takes an idle P for m. `for_spinning`: for an M woken to look for work, which a calm P would
// not do while another P runs (see "Calm Ps"): such a P is passed over then.
P* pidleget_locked(sched_state& s, M* m, bool for_spinning = false) {
    P** link = &s.pidle;
    if (for_spinning && s.npidle_calm.load(std::memory_order_relaxed) > 0 &&
        s.npidle.load(std::memory_order_relaxed) < s.nprocs.load(std::memory_order_relaxed)) {
        while (*link && (*link)->calm_until != 0) link = &(*link)->idle_link;
    }
    P* p = *link;
    if (!p) return nullptr;
    *link = p->idle_link;
    if (p->calm_until != 0) s.npidle_calm.fetch_sub(1, std::memory_order_relaxed);
    s.npidle.fetch_sub(1, std::memory_order_seq_cst);
    p->m = m;
    p_set(p, pstatus::in_runtime, m ? m->id : 0);
    if (s.monitor_idle) s.monitor_cv.notify_one();
    return p;
}

void m_main(sched_state* s, M* m);

M* new_m_locked(sched_state& s) {
    M* m = new M();
    m->id = static_cast<int>(s.allm.size()) + 1;
    m->rng = mix(static_cast<std::uint64_t>(m->id) ^ s.seed);
    s.allm.push_back(m);
    m->thread = std::thread(m_main, &s, m);
    return m;
}

void wake_m(M* m) {
    std::lock_guard lk(m->wake_mu);
    m->woken = true;
    m->wake_cv.notify_one();
}

// Gives p (or an idle P) to an idle M, starting a thread if none is idle.
void startm_locked(sched_state& s, P* p, bool spinning) {
    if (s.stopping.load(std::memory_order_relaxed)) {
        if (p) pidleput_locked(s, p);
        if (spinning) s.nmspinning.fetch_sub(1);
        return;
    }
    if (!p) p = pidleget_locked(s, nullptr, spinning);
    if (!p) {
        if (spinning) s.nmspinning.fetch_sub(1);
        return;
    }
    M* m = s.midle;
    if (m) s.midle = m->idle_link;
    else m = new_m_locked(s);
    p->m = m;
    p_set(p, pstatus::in_runtime, m->id);
    m->next_p = p;
    m->spinning = spinning;
    wake_m(m);
}

// Wakes an M to look for work, if a P is idle and nobody is looking already.
// The caller has just queued work; the store of that work must be ordered before the loads here,
// against a spinning M that stops spinning (fetch_sub) and then looks at the queues again.
void wakep(sched_state& s) {
    store_load_fence(s);
    int idle = s.npidle.load(std::memory_order_seq_cst);
    if (idle == 0) return;
    // Calm Ps are not woken while another P runs: it will run the work (see "Calm Ps").
    if (idle == s.npidle_calm.load(std::memory_order_relaxed) &&
        idle < s.nprocs.load(std::memory_order_relaxed)) {
        return;
    }
    int zero = 0;
    if (s.nmspinning.load(std::memory_order_seq_cst) != 0 ||
        !s.nmspinning.compare_exchange_strong(zero, 1)) {
        return;
    }
    std::lock_guard lk(s.lock);
    startm_locked(s, nullptr, true);
}

// Parks the M until startm hands it a P (true) or the runtime stops (false).
bool stopm(sched_state& s, M* m) {
    {
        std::lock_guard lk(s.lock);
        if (s.stopping.load()) return false;
        m->idle_link = s.midle;
        s.midle = m;
    }
    std::unique_lock lk(m->wake_mu);
    m->wake_cv.wait(lk, [&] { return m->woken; });
    m->woken = false;
    if (!m->next_p) return false;
    m->p = std::exchange(m->next_p, nullptr);
    return true;
}

void begin_stop_locked(sched_state& s) {
    if (s.stopping.exchange(true)) return;
    for (M* m = s.midle; m; m = m->idle_link) wake_m(m);
    s.midle = nullptr;
    s.monitor_cv.notify_all();
}

// ---- deadlock ----

// Counting goroutines without a counter they all share: each P counts the goroutines made and
// ended on it (written by its owner only), an M without a P counts on the sched. A shared atomic
// was 9% of fork-join fib's time and 22% of skynet's at 2 threads, its cache line going back and
// forth between the cores. A count reads every `ended` before any `made`: since a goroutine's end
// is counted after its making, it is never below the number alive at some moment of the read.
void count_made(sched_state& s, P* p) {
    if (p) p->made.store(p->made.load(std::memory_order_relaxed) + 1, std::memory_order_release);
    else s.made_without_p.fetch_add(1, std::memory_order_release);
}
void count_ended(sched_state& s, P* p) {
    if (p) p->ended.store(p->ended.load(std::memory_order_relaxed) + 1, std::memory_order_release);
    else s.ended_without_p.fetch_add(1, std::memory_order_release);
}
std::int64_t goroutine_count_locked(const sched_state& s) {
    std::uint64_t ended = s.ended_without_p.load(std::memory_order_acquire);
    for (const P* p : s.allp) ended += p->ended.load(std::memory_order_acquire);
    std::uint64_t made = s.made_without_p.load(std::memory_order_acquire);
    for (const P* p : s.allp) made += p->made.load(std::memory_order_acquire);
    return static_cast<std::int64_t>(made - ended);
}

std::string seed_note(const sched_state& s) {
    if (!s.seed) return {};
    return "gosem: seeded schedule: rerun with GOSEM_SCHED_SEED=" + std::to_string(s.seed) + "\n";
}

void checkdead_locked(sched_state& s) {
    if (s.stopping.load()) return;
    if (s.nm_without_p > 0 || s.runq_size.load() > 0) return;
    if (s.live_timers.load(std::memory_order_seq_cst) > 0) return;
    for (P* p : s.allp) {
        pstatus st = p_status(p);
        if (st != pstatus::idle && st != pstatus::retired) return;
    }
    if (goroutine_count_locked(s) == 0) return;
    std::string report = "fatal error: all goroutines are asleep - deadlock!\n\n";
    report += goroutine_dump(s);
    report += seed_note(s);
    if (s.result) {
        s.result->how = run_result::ending::deadlock;
        s.result->report = std::move(report);
        begin_stop_locked(s);
        return;
    }
    std::fflush(stdout);
    std::fwrite(report.data(), 1, report.size(), stderr);
    std::fflush(stderr);
    _exit(2);
}

// ---- calm Ps ----
// Stealing from a running P usually pays: the goroutines taken run beside the victim's. It does
// not when they keep passing values through channels they share with goroutines left on the
// victim, each operation short: every one then takes a lock that the other core took last, and
// waits for its cache line (and the channel's buffer) to come over: up to a few hundred
// nanoseconds on the 2-core VM of docs/benchmarks.md, where a worker pool whose jobs take 0.25 us
// ran 1.3x slower at 2 threads than at 1 that way. So each steal from a running P begins a spread, which ends when the
// thief runs dry; the M's lock handovers (runtime_lock's count of takes of a lock another thread
// took last) tell what the spread cost. A heavy one, a handover every spread_handover_gap_ns or
// less, makes the P calm: until calm_until it takes nothing from running Ps, and it is not woken
// to look for work while another P runs, which runs that work itself. A calm P still takes work
// from the global queue and timers, and any P is woken once every P is idle. The monitor ends
// calm periods as they expire and wakes an M if work waits. The first lasts calm_first_ns, and
// each heavy spread after it doubles the next up to calm_max_ns, so that a pool whose spreads
// keep costing tries again about once per calm_max_ns, while a light spread (computing
// goroutines: fib, skynet, a matrix multiply handed over a handful of times in milliseconds)
// clears the doubling.
constexpr std::int64_t spread_handover_gap_ns = 4'000;
constexpr std::uint32_t spread_min_handovers = 16;  // fewer say nothing, however short the spread
constexpr std::int64_t calm_first_ns = 1'000'000;
constexpr std::int64_t calm_max_ns = 16'000'000;

void begin_spread(P* p, M* m) {
    if (p->spread_began != 0) return;
    p->spread_began = nanotime();
    p->spread_handovers = this_thread_handovers();
    p->spread_m = m;
}

// p has run dry: whether its spread was heavy decides its calm.
void end_spread(sched_state& s, P* p, M* m) {
    const std::int64_t began = std::exchange(p->spread_began, 0);
    if (p->spread_m != m) return;  // the P changed Ms: the count is another thread's
    const std::int64_t now = nanotime();
    const std::uint32_t handovers = this_thread_handovers() - p->spread_handovers;
    if (handovers >= spread_min_handovers && now - began <= handovers * spread_handover_gap_ns) {
        p->calm_ns = std::clamp(p->calm_ns * 2, calm_first_ns, calm_max_ns);
        p->calm_until = now + p->calm_ns;
        s.calm_periods.fetch_add(1, std::memory_order_relaxed);
    } else {
        p->calm_ns = 0;
    }
}

// Whether p, which its M holds, is calm now; forgets a calm that has ended.
bool still_calm(P* p) {
    if (p->calm_until == 0) return false;
    if (nanotime() < p->calm_until) return true;
    p->calm_until = 0;
    return false;
}

bool any_local_work(sched_state& s);

// The monitor's part: ends the calm of idle Ps whose calm is over, waking an M to look for work
// if some waits. Returns when the next calm ends (INT64_MAX: none).
std::int64_t end_calm_locked(sched_state& s, std::int64_t now) {
    std::int64_t next = INT64_MAX;
    bool ended = false;
    for (P* p = s.pidle; p; p = p->idle_link) {
        if (p->calm_until == 0) continue;
        if (p->calm_until <= now) {
            p->calm_until = 0;
            s.npidle_calm.fetch_sub(1, std::memory_order_relaxed);
            ended = true;
        } else {
            next = std::min(next, p->calm_until);
        }
    }
    int zero = 0;
    if (ended && any_local_work(s) && s.nmspinning.compare_exchange_strong(zero, 1))
        startm_locked(s, nullptr, true);
    return next;
}

// ---- the monitor ----

bool has_other_work(sched_state& s, P* p, std::int64_t now) {
    return !p->runq.empty() || s.runq_size.load(std::memory_order_relaxed) > 0 ||
           p->timers.earliest.load(std::memory_order_relaxed) <= now;
}

// Go's preemption of a goroutine that has run on an inherited slice too long: one time slice
// after the P last began a fresh one, with goroutines waiting in its ring, its next pick is the
// ring's head. A seeded schedule must not depend on time: find_runnable stands in for this.
void expire_inherited_slice(sched_state& s, P* p, std::int64_t now) {
    if (s.seed) return;
    std::uint32_t slices = p->slices.load(std::memory_order_relaxed);
    if (slices != p->seen_slices || p->slices_seen_at == 0) {
        p->seen_slices = slices;
        p->slices_seen_at = now;
    } else if (now - p->slices_seen_at >= time_slice_ns && p->runq.stealable()) {
        p->slice_expired.store(true, std::memory_order_relaxed);
        p->slices_seen_at = now;
    }
}

// Takes a P from an M that is stuck in a blocking call or has run one goroutine for a whole time
// slice while others wait; that M goes on without a P (counted in nm_without_p).
bool retake_locked(sched_state& s, std::int64_t now) {
    bool took = false;
    int n = s.nprocs.load();
    for (int i = 0; i < n && i < static_cast<int>(s.allp.size()); ++i) {
        P* p = s.allp[i];
        std::uint64_t word = p->state.load(std::memory_order_acquire);
        pstatus st = status_of(word);
        if (st != pstatus::idle && st != pstatus::retired) expire_inherited_slice(s, p, now);
        std::uint32_t tick;
        if (st == pstatus::in_blocking) tick = p->blocking_tick.load(std::memory_order_relaxed);
        else if (st == pstatus::in_user) tick = p->slice_tick.load(std::memory_order_relaxed);
        else continue;
        if (tick != p->seen_tick || p->seen_at == 0) {
            p->seen_tick = tick;
            p->seen_at = now;
            continue;
        }
        // A seeded schedule must not depend on time, so it never cuts a time slice short.
        bool due = st == pstatus::in_blocking
                       ? true
                       : !s.seed && now - p->seen_at >= time_slice_ns && s.npidle.load() == 0;
        if (!due || !has_other_work(s, p, now)) continue;
        if (!p->state.compare_exchange_strong(word, pstate(pstatus::in_runtime, 0))) continue;
        ++s.nm_without_p;
        p->seen_at = 0;
        startm_locked(s, p, false);
        took = true;
    }
    return took;
}

// The monitor fires due timers as an M of its own holding an idle P, so that the goroutines the
// timers ready go on that P's queue and reach an M with it, in one hand-off: those of every P,
// the retired ones too (their timers stay where they were started). With no P idle it leaves
// them to the Ps' Ms, which fire their own when they next schedule, as Go's do; a P whose
// goroutine does not yield is retaken after its time slice like any P with work waiting.
// Called and returns with lk held. Returns how many it fired, -1 if none was due.
int monitor_run_timers(sched_state& s, std::unique_lock<std::mutex>& lk, std::int64_t now) {
    // Without an idle P, only the retired Ps' timers: no M looks at those.
    bool p_idle = s.pidle != nullptr;
    std::size_t first = p_idle ? 0 : static_cast<std::size_t>(s.nprocs.load());
    std::size_t nps = s.allp.size();
    if (timers_earliest(s, first) > now) return -1;
    M* self = this_m();
    if (p_idle) self->p = pidleget_locked(s, self);
    lk.unlock();
    int fired = 0;
    for (std::size_t i = first; i < nps; ++i) {
        P* p = s.allp[i];
        if (p->timers.earliest.load(std::memory_order_relaxed) <= now) fired += run_due_timers(s, p, now);
    }
    lk.lock();
    if (P* p = std::exchange(self->p, nullptr)) {
        if (p->runq.empty()) pidleput_locked(s, p);
        else startm_locked(s, p, false);
    }
    checkdead_locked(s);  // skipped while the monitor held a P, or the timers readied no one
    return fired;
}

void monitor_main(sched_state* sp) {
    sched_state& s = *sp;
    M self;  // id 0: the monitor's identity while it fires timers; it never runs a goroutine
    self.rng = mix(s.seed ^ 0x6d6f6e69746f72ull);
    tls_m = &self;
    std::unique_lock lk(s.lock);
    std::int64_t delay_ns = 20'000;
    int quiet_rounds = 0;
    bool stalled = false;
    while (!s.stopping.load()) {
        std::int64_t now = nanotime();
        bool all_idle = s.npidle.load() == s.nprocs.load() && s.nm_without_p == 0;
        s.monitor_wake_at.store(INT64_MAX, std::memory_order_seq_cst);  // see wake_monitor_for
        std::int64_t calm_ends = end_calm_locked(s, now);
        std::int64_t wake = all_idle ? INT64_MAX : std::min(now + delay_ns, calm_ends);
        // With no P idle it fires only the retired Ps' timers (see monitor_run_timers). Due
        // timers it could not fire last round are being fired by an M: it gives that M a moment.
        wake = std::min(wake, timers_earliest(s, s.npidle.load() > 0 ? 0 : s.nprocs.load()));
        if (stalled) wake = std::max(wake, now + 20'000);
        s.monitor_wake_at.store(wake, std::memory_order_seq_cst);
        s.monitor_idle = all_idle;
        if (wake == INT64_MAX) {
            s.monitor_cv.wait(lk);
        } else if (wake > now) {
            s.monitor_cv.wait_until(lk, std::chrono::steady_clock::time_point(
                                            std::chrono::nanoseconds(wake)));
        }
        s.monitor_idle = false;
        if (s.stopping.load()) break;

        now = nanotime();
        int fired = monitor_run_timers(s, lk, now);
        stalled = fired == 0;
        if (retake_locked(s, now) || fired > 0) {
            delay_ns = 20'000;
            quiet_rounds = 0;
        } else if (++quiet_rounds > 50) {
            delay_ns = std::min<std::int64_t>(delay_ns * 2, time_slice_ns);
        }
    }
    tls_m = nullptr;
    using stop_path = sched_state::stop_path;
    if (s.stopped_cv.wait_for(lk, stop_grace, [&] { return s.stop_by == stop_path::join_all; })) return;
    s.stop_by = stop_path::exit_after_grace;
    std::vector<M*> finished;
    for (M* m : s.allm)
        if (m->finished) finished.push_back(m);
    lk.unlock();
    for (M* m : finished) m->thread.join();
    std::fflush(nullptr);
    _exit(0);
}

// ---- scheduling ----

void g_entry(transfer t);

// A new goroutine's id: from p's reserved batch (Go's goidcache), else straight from the sched.
std::int64_t new_goid(sched_state& s, P* p) {
    constexpr std::int64_t batch = 16;  // Go's _GoidCacheBatch
    if (!p) return s.goid_gen.fetch_add(1, std::memory_order_relaxed) + 1;
    if (p->goid_next == p->goid_end) {
        p->goid_next = s.goid_gen.fetch_add(batch, std::memory_order_relaxed) + 1;
        p->goid_end = p->goid_next + batch;
    }
    return p->goid_next++;
}

// Makes a new goroutine from a closure; its stack block comes from p's pool when p is given.
G* new_goroutine(sched_state& s, P* p, const closure_ops& ops, void (*construct)(void*, void*),
                 void* src, gosem::source_location created_at) {
    G* g = stack_alloc(s, p);
    auto top = reinterpret_cast<std::uintptr_t>(g);
    std::size_t align = std::max<std::size_t>(ops.align, 16);
    std::uintptr_t closure = (top - ops.size) & ~(align - 1);
    unsigned char* bottom = g->block + s.page_size;
    if (closure < reinterpret_cast<std::uintptr_t>(bottom) + 4096) {
        fatal("goroutine closure larger than its stack (raise gosem::config::stack_size)");
    }
    construct(reinterpret_cast<void*>(closure), src);
    g->body = &ops;
    g->closure = reinterpret_cast<void*>(closure);
    g->ctx = make_context(bottom, closure - reinterpret_cast<std::uintptr_t>(bottom), g_entry,
                          g->fiber);
    g->id = new_goid(s, p);
    g->created_at = created_at;
    g->abandon = false;
    g->started = false;
    g->is_main = false;
    g->select_done = 0;
    count_made(s, p);
    g->status.store(gstatus::runnable, std::memory_order_release);
    return g;
}

void drop_goroutine(sched_state& s, P* p, G* g) {
    g->status.store(gstatus::dead, std::memory_order_release);
    count_ended(s, p);
    stack_free(s, p, g);
}

// A P beyond GOMAXPROCS: its queue goes to the global queue and the P to retirement.
void retire_p(sched_state& s, M* m) {
    P* p = m->p;
    std::lock_guard lk(s.lock);
    bool inherit;
    while (G* g = runq_pop(p->runq, &inherit)) globrunq_put_locked(s, g);
    p->runq.popped_resume = nullptr;
    pidleput_locked(s, p);
    m->p = pidleget_locked(s, m);
}

// Whether a thief may take from a victim's queue in this round of steal_work. A backlog (two or
// more goroutines in the ring) is taken at once, as in Go. A lone goroutine on a running victim
// (one in the ring, or only `next`) is usually one the victim has just handed a value to and will
// run in a moment; taken away, the two would share the channel from two cores, and every
// operation on it would move its cache line. So it is taken only in the last round, and only if
// the victim has not served it during a moment's wait: the ring's head has not moved or, for
// `next`, the victim has not switched goroutines (it runs one that does not give way). The wait
// is Go's usleep(3) before it takes a running victim's `next`: 3 us asked, about 75 us slept,
// because Linux's default timer slack is 50 us (Go's usleep is the same nanosleep call).
bool may_take(P* victim, int round) {
    run_queue& q = victim->runq;
    std::uint32_t head = q.head.load(std::memory_order_acquire);
    std::uint32_t queued = q.tail.load(std::memory_order_acquire) - head;
    if (queued >= 2 || status_of(victim->state.load(std::memory_order_relaxed)) == pstatus::idle)
        return true;
    if (round != 3) return false;
    std::uint32_t tick = victim->slice_tick.load(std::memory_order_relaxed);
    std::this_thread::sleep_for(std::chrono::microseconds(3));
    return queued == 1 ? q.head.load(std::memory_order_acquire) == head
                       : victim->slice_tick.load(std::memory_order_relaxed) == tick;
}

// Steals half of a random victim's queue (see may_take). In the last round it also runs the
// victims' due timers (as Go's stealWork does), so that the goroutines they ready run here, on
// m's P.
G* steal_work(sched_state& s, M* m) {
    P* p = m->p;
    const bool calm = still_calm(p);
    // Acquire: gomaxprocs fills allp[n-1] before it publishes n.
    int n = s.nprocs.load(std::memory_order_acquire);
    G* batch[run_queue::capacity / 2 + 1];
    for (int round = 0; round < 4; ++round) {
        int start = static_cast<int>(fastrand() % static_cast<std::uint32_t>(n));
        for (int i = 0; i < n; ++i) {
            P* victim = s.allp[(start + i) % n];
            if (victim == p) continue;
            if (round == 3) {
                // The clock is read only when the victim has a timer at all.
                std::int64_t next = victim->timers.earliest.load(std::memory_order_relaxed);
                std::int64_t now = next != INT64_MAX ? nanotime() : 0;
                if (next <= now && run_due_timers(s, victim, now) > 0) {
                    if (G* g = runq_pop_ring(p->runq)) return g;
                }
            }
            const bool running = status_of(victim->state.load(std::memory_order_relaxed)) != pstatus::idle;
            if ((calm && running) || !victim->runq.stealable() || !may_take(victim, round)) continue;
            std::uint32_t got = runq_grab(victim->runq, batch, round == 3);
            if (got == 0) continue;
            if (running) begin_spread(p, m);
            G* overflow[run_queue::capacity / 2 + 1];
            for (std::uint32_t k = 0; k + 1 < got; ++k) {
                std::uint32_t n_over = 0;
                if (!runq_push(p->runq, batch[k], overflow, &n_over)) {
                    std::lock_guard lk(s.lock);
                    for (std::uint32_t j = 0; j < n_over; ++j) globrunq_put_locked(s, overflow[j]);
                }
            }
            return batch[got - 1];
        }
    }
    return nullptr;
}

bool any_local_work(sched_state& s) {
    int n = s.nprocs.load();
    for (int i = 0; i < n; ++i)
        if (s.allp[i]->runq.stealable()) return true;
    return false;
}

// Whether the goroutines taking p's resume stack and `next` have passed one time slice on for
// too long: the monitor says so after time_slice_ns; a seeded schedule, which must not depend on
// time, counts goroutines instead.
bool inherited_slice_over(const sched_state& s, P* p) {
    if (s.seed) return p->schedtick - p->slice_began >= seeded_slice_goroutines && p->runq.stealable();
    return p->slice_expired.load(std::memory_order_relaxed) &&
           p->slice_expired.exchange(false, std::memory_order_relaxed);
}

// Ends an inherited slice: the resume stack (oldest first) and `next` go to the ring's tail,
// behind the goroutines that have waited there, as Go puts a preempted goroutine on the global
// queue.
void requeue_inherited(sched_state& s, P* p) {
    run_queue& q = p->runq;
    std::uint32_t n = q.n_resume.load(std::memory_order_relaxed);
    q.n_resume.store(0, std::memory_order_relaxed);
    for (std::uint32_t i = 0; i < n; ++i) runq_put(s, p, q.resume[i], false);
    if (G* g = q.next.exchange(nullptr, std::memory_order_acq_rel)) runq_put(s, p, g, false);
}

// Finds a goroutine to run on m, which holds a P; blocks (stops m) while there is none.
// Returns null when the runtime stops. *inherit_slice: whether the goroutine goes on with the
// time slice of the one before it (see run_queue).
G* find_runnable(sched_state& s, M* m, bool* inherit_slice) {
    *inherit_slice = false;
    for (;;) {
        if (s.stopping.load(std::memory_order_relaxed)) return nullptr;
        if (!m->p) {
            if (!stopm(s, m)) return nullptr;
            continue;
        }
        P* p = m->p;
        if (p->id >= s.nprocs.load(std::memory_order_relaxed)) {
            retire_p(s, m);
            continue;
        }
        // Due timers top the queue up to a batch, so that a burst of them does not make more
        // goroutines at once than the queue holds; with the queue full, still one now and then,
        // so that they cannot starve behind goroutines that keep the queue full.
        if (std::int64_t next = p->timers.earliest.load(std::memory_order_relaxed);
            next != INT64_MAX && next <= nanotime()) {
            std::uint32_t queued = p->runq.size();
            if (queued < timer_batch) run_due_timers(s, p, nanotime(), timer_batch - queued);
            else if (p->schedtick % 61 == 0) run_due_timers(s, p, nanotime(), 1);
        }
        // Fairness: now and then the global queue goes first.
        if (p->schedtick % 61 == 0 && s.runq_size.load(std::memory_order_relaxed) > 0) {
            std::lock_guard lk(s.lock);
            if (G* g = globrunq_get_locked(s, p, 1)) return g;
        }
        if (inherited_slice_over(s, p)) {
            requeue_inherited(s, p);
            if (G* g = runq_pop_ring(p->runq)) return g;
        }
        if (G* g = runq_pop(p->runq, inherit_slice)) return g;
        if (s.runq_size.load(std::memory_order_relaxed) > 0) {
            std::lock_guard lk(s.lock);
            if (G* g = globrunq_get_locked(s, p, 0)) return g;
        }
        if (p->spread_began != 0) end_spread(s, p, m);
        int procs = s.nprocs.load(std::memory_order_relaxed);
        if (!m->spinning && 2 * s.nmspinning.load() < procs - s.npidle.load()) {
            m->spinning = true;
            s.nmspinning.fetch_add(1);
        }
        if (m->spinning) {
            if (G* g = steal_work(s, m)) return g;
        }
        // Nothing: give up the P.
        bool was_spinning = m->spinning;
        {
            std::lock_guard lk(s.lock);
            if (s.stopping.load()) return nullptr;
            if (G* g = globrunq_get_locked(s, p, 0)) return g;
            if (!p->runq.empty()) continue;
            pidleput_locked(s, p);
            m->p = nullptr;
            m->spinning = false;
            if (was_spinning) s.nmspinning.fetch_sub(1, std::memory_order_seq_cst);
            checkdead_locked(s);
        }
        // A goroutine readied while we were still counted as spinning woke nobody: look again.
        if (was_spinning && any_local_work(s)) {
            std::lock_guard lk(s.lock);
            if (P* again = pidleget_locked(s, m, true)) {
                m->p = again;
                m->spinning = true;
                s.nmspinning.fetch_add(1);
                continue;
            }
        }
        if (!stopm(s, m)) return nullptr;
    }
}

// The M stops spinning; if it was the last spinner, another one takes over the search.
void reset_spinning(sched_state& s, M* m) {
    if (!m->spinning) return;
    m->spinning = false;
    if (s.nmspinning.fetch_sub(1) == 1) wakep(s);
}

void finish_switch(sched_state& s, M* m, G* g);

void execute(sched_state& s, M* m, G* g, bool inherit_slice) {
    reset_spinning(s, m);
    P* p = m->p;
    p->runq.running_resumed = std::exchange(p->runq.popped_resume, nullptr) == g;
    ++p->schedtick;
    p->slice_tick.store(p->schedtick, std::memory_order_relaxed);
    if (!inherit_slice) {
        p->slice_began = p->schedtick;
        p->slices.store(p->slices.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    }
    g->status.store(gstatus::running, std::memory_order_relaxed);
    m->curg = g;
    p_set(p, pstatus::in_user, m->id);
    transfer t = switch_context(g->ctx, g, m->g0, g->fiber);
    g->ctx = t.fctx;
    m->curg = nullptr;
    finish_switch(s, m, g);
}

// Back on g0 after g switched out: complete what it asked for. If the monitor took m's P while g
// ran, m also finds a P again (or stops) here.
void finish_switch(sched_state& s, M* m, G* g) {
    switch (m->why) {
    case switch_reason::park:
        g->status.store(gstatus::waiting, std::memory_order_release);
        if (m->unlock) m->unlock(m->unlock_arg);
        break;
    case switch_reason::yield:
    case switch_reason::lost_p: {
        g->status.store(gstatus::runnable, std::memory_order_release);
        std::lock_guard lk(s.lock);
        globrunq_put_locked(s, g);
        break;
    }
    case switch_reason::run_child:
        g->status.store(gstatus::runnable, std::memory_order_release);
        if (m->p) {
            runq_push_resume(m->p->runq, g);
        } else {
            std::lock_guard lk(s.lock);
            globrunq_put_locked(s, g);
            globrunq_put_locked(s, std::exchange(m->child, nullptr));
        }
        break;
    case switch_reason::exit: {
        bool was_main = g->is_main;
        drop_goroutine(s, m->p, g);
        if (was_main) {
            std::lock_guard lk(s.lock);
            begin_stop_locked(s);
        }
        break;
    }
    }
    if (!m->p) {
        std::lock_guard lk(s.lock);
        --s.nm_without_p;
        m->p = pidleget_locked(s, m);
        if (!m->p) checkdead_locked(s);
    }
}

void schedule_loop(sched_state& s, M* m) {
    {
        std::lock_guard lk(s.lock);
        ++s.ms_scheduling;
    }
    for (;;) {
        G* g = std::exchange(m->child, nullptr);
        bool inherit_slice = true;  // a child run first goes on with its parent's slice
        if (!g || s.stopping.load(std::memory_order_relaxed)) {
            if (g) {
                std::lock_guard lk(s.lock);
                globrunq_put_locked(s, g);  // abandoned with the rest at the end of the run
            }
            g = find_runnable(s, m, &inherit_slice);
        }
        if (!g) break;
        execute(s, m, g, inherit_slice);
    }
    std::lock_guard lk(s.lock);
    if (--s.ms_scheduling == 0) s.stopped_cv.notify_all();
}

void m_main(sched_state* s, M* m) {
    tls_m = m;
    adopt_thread(m->g0);
    thread_overflow_stack_init();
    {
        std::unique_lock lk(m->wake_mu);
        m->wake_cv.wait(lk, [&] { return m->woken; });
        m->woken = false;
    }
    m->p = std::exchange(m->next_p, nullptr);
    if (m->p) schedule_loop(*s, m);
    thread_overflow_stack_fini();
    tls_m = nullptr;
    std::lock_guard lk(s->lock);
    m->finished = true;
}

// Switches from the running goroutine to its M's scheduler, leaving a request there. The M's P
// goes with it claimed (in_runtime): claimed here unless the caller has claimed it already.
void switch_to_scheduler(switch_reason why, void (*unlock)(void*), void* arg, bool p_claimed = false) {
    M* m = this_m();
    G* g = m->curg;
    if (!p_claimed) claim_p(m);
    m->why = why;
    m->unlock = unlock;
    m->unlock_arg = arg;
    transfer t = switch_context(m->g0_ctx, nullptr, g->fiber, m->g0, why == switch_reason::exit);
    this_m()->g0_ctx = t.fctx;  // possibly another M than before the switch
}

void g_entry(transfer t) {
    G* g = static_cast<G*>(t.data);
    finish_first_switch(g->fiber);
    this_m()->g0_ctx = t.fctx;
    g->started = true;
    try {
        g->body->invoke(g->closure);
    } catch (const goroutine_exit&) {
    } catch (...) {
        sched_state& s = *the_sched;
        std::string report = "panic: " + describe_exception(std::current_exception()) + "\n\n" +
                             "goroutine " + std::to_string(g->id) + " [running]:\n" + seed_note(s);
        std::lock_guard lk(s.lock);
        if (!s.result) {
            std::fflush(stdout);
            std::fwrite(report.data(), 1, report.size(), stderr);
            std::fflush(stderr);
            _exit(2);
        }
        if (!s.stopping.load()) {
            s.result->how = run_result::ending::panic;
            s.result->report = std::move(report);
            begin_stop_locked(s);
        }
    }
    g->body->destroy(g->closure);
    switch_to_scheduler(switch_reason::exit, nullptr, nullptr);
    std::abort();  // an exited goroutine is never resumed
}

// Resumes each goroutine left at the end of a run so that it unwinds (destructors run); one
// that never started just has its closure destroyed. Runs alone, on the thread that called run.
void unwind_abandoned(sched_state& s, M* m) {
    m->p = nullptr;
    for (bool again = true; again;) {
        again = false;
        std::vector<G*> gs;
        {
            std::lock_guard lk(s.allg_lock);
            gs = s.allgs;
        }
        for (G* g : gs) {
            gstatus st = g->status.load();
            if (st != gstatus::waiting && st != gstatus::runnable) continue;
            again = true;
            if (!g->started) {
                g->body->destroy(g->closure);
                g->status.store(gstatus::dead);
                count_ended(s, nullptr);
                continue;
            }
            g->abandon = true;
            m->curg = g;
            transfer t = switch_context(g->ctx, g, m->g0, g->fiber);
            g->ctx = t.fctx;
            m->curg = nullptr;
            if (m->why != switch_reason::exit) {
                fatal("a goroutine blocked again while being unwound at the end of gosem::run");
            }
            g->status.store(gstatus::dead);
            count_ended(s, nullptr);
        }
    }
}

}  // namespace

// std::terminate inside a run (an exception from a noexcept function, or one thrown by a
// destructor while another unwinds): a fatal error in Go's words rather than a bare abort.
[[noreturn]] void on_terminate() {
    std::string what = "std::terminate called";
    if (std::exception_ptr e = std::current_exception()) what += " with " + describe_exception(e);
    what += " (an exception left a noexcept function or a destructor during unwinding)";
    fatal(what.c_str());
}

// ---- the interface to the rest of the runtime ----

[[gnu::noinline]] M* this_m() noexcept {
    asm volatile("" ::: "memory");
    return tls_m;
}

std::uint32_t fastrand() noexcept {
    M* m = this_m();
    thread_local std::uint64_t fallback = 0x2545F4914F6CDD1Dull ^ reinterpret_cast<std::uintptr_t>(&fallback);
    std::uint64_t& x = m ? m->rng : fallback;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return static_cast<std::uint32_t>(x >> 32);
}

std::int64_t nanotime() noexcept {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

G* current_g() noexcept {
    M* m = this_m();
    return m ? m->curg : nullptr;
}

std::uint32_t* select_done_flag(G* g) noexcept { return &g->select_done; }

std::atomic<bool> seeded_schedule{false};

void seeded_sched_point() {
    G* g = current_g();
    if (g && fastrand() % 4 == 0) gosem::yield();
}

void fatal(const char* message) {
    std::fflush(stdout);
    std::fprintf(stderr, "fatal error: %s\n", message);
    if (G* g = current_g()) std::fprintf(stderr, "\ngoroutine %lld [running]:\n", static_cast<long long>(g->id));
    std::fflush(stderr);
    _exit(2);
}

void park(wait_reason reason, void (*unlock)(void*), void* arg, gosem::source_location where) {
    G* g = current_g();
    if (!g) fatal("gosem: a goroutine operation was called outside gosem::run");
    if (g->abandon) {
        if (unlock) unlock(arg);
        if (std::uncaught_exceptions() > 0) {
            fatal("a goroutine blocked in a destructor while being unwound at the end of gosem::run");
        }
        throw goroutine_exit{};
    }
    g->waiting.set(reason, where);
    switch_to_scheduler(switch_reason::park, unlock, arg);
    if (g->abandon) throw goroutine_exit{};
}

std::uint64_t calm_periods() noexcept {
    sched_state* s = the_sched;
    return s ? s->calm_periods.load(std::memory_order_relaxed) : 0;
}

bool mutex_can_spin(int round) noexcept {
    constexpr int max_rounds = 4;  // Go's active_spin
    static const int ncpu = cores_reported();
    sched_state* s = the_sched;
    if (round >= max_rounds || ncpu <= 1 || !s) return false;
    int busy = s->nprocs.load(std::memory_order_relaxed) - s->npidle.load(std::memory_order_relaxed) -
               s->nmspinning.load(std::memory_order_relaxed);
    if (busy <= 1) return false;  // no P but the spinner's runs a goroutine
    M* m = this_m();
    return m && m->p && m->p->runq.empty();
}

void ready(G* g) noexcept {
    sched_state& s = *the_sched;
    g->status.store(gstatus::runnable, std::memory_order_release);
    if (s.stopping.load(std::memory_order_relaxed)) return;  // the program is over
    M* m = this_m();
    P* p = m ? claim_p(m) : nullptr;
    if (p) {
        runq_put(s, p, g, true);
        unclaim_p(m, p);
    } else {
        std::lock_guard lk(s.lock);
        globrunq_put_locked(s, g);
    }
    wakep(s);
}

void spawn(const closure_ops& ops, void (*construct)(void*, void*), void* src,
           gosem::source_location created_at) {
    sched_state* s = the_sched;
    if (!s) fatal("gosem::go called outside gosem::run");
    if (s->stopping.load(std::memory_order_relaxed)) return;  // the program is over
    // The child goes on the caller's P; from a thread without one (the monitor firing a timer,
    // or a thread outside the runtime), on the global queue.
    M* m = this_m();
    P* p = m ? claim_p(m) : nullptr;
    G* g = new_goroutine(*s, p, ops, construct, src, created_at);
    if (p && m->curg && p->runq.size() >= run_child_first_queue && !runq_resume_full(p->runq)) {
        G* self = m->curg;
        m->child = g;
        switch_to_scheduler(switch_reason::run_child, nullptr, nullptr, true);
        if (self->abandon) throw goroutine_exit{};
        return;
    }
    if (p) {
        runq_put(*s, p, g, true);
        unclaim_p(m, p);
    } else {
        std::lock_guard lk(s->lock);
        globrunq_put_locked(*s, g);
    }
    wakep(*s);
}

int run_main(const config& cfg, const closure_ops& ops, void (*construct)(void*, void*), void* src,
             run_result* result) {
    if (the_sched) fatal("gosem::run called while another run is in progress");
    enable_asymmetric_unlock();  // before any M exists: see runtime_lock.hpp
    auto s = std::make_unique<sched_state>();
    s->page_size = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    std::size_t stack = cfg.stack_size ? cfg.stack_size : default_stack();
    s->stack_size = (stack + s->page_size - 1) / s->page_size * s->page_size;
    s->result = result;
    static std::atomic<std::uint32_t> runs{0};
    s->run_id = runs.fetch_add(1, std::memory_order_relaxed) + 1;
    int procs = std::min(cfg.procs > 0 ? cfg.procs : default_procs(), max_procs);
    s->seed = cfg.sched_seed ? cfg.sched_seed : default_seed();
    if (s->seed) procs = 1;  // one interleaving per seed: one thread decides everything
    seeded_schedule.store(s->seed != 0, std::memory_order_relaxed);
    the_sched = s.get();
    install_overflow_handler(*s);
    std::terminate_handler previous_terminate = std::set_terminate(on_terminate);

    M* m0 = new M();
    m0->id = 1;
    m0->rng = mix(1 ^ s->seed);
    s->allm.push_back(m0);
    tls_m = m0;
    adopt_thread(m0->g0);
    thread_overflow_stack_init();
    {
        std::lock_guard lk(s->lock);
        s->nprocs.store(procs);
        s->allp.reserve(max_procs);
        for (int i = 0; i < procs; ++i) {
            P* p = new P();
            p->id = i;
            s->allp.push_back(p);
        }
        for (int i = procs - 1; i >= 1; --i) pidleput_locked(*s, s->allp[i]);
        m0->p = s->allp[0];
        m0->p->m = m0;
        p_set(m0->p, pstatus::in_runtime, m0->id);
    }
    G* main_g = new_goroutine(*s, m0->p, ops, construct, src, gosem::source_location::current());
    main_g->is_main = true;
    runq_put(*s, m0->p, main_g, true);
    s->monitor = std::thread(monitor_main, s.get());

    schedule_loop(*s, m0);

    {
        std::unique_lock lk(s->lock);
        begin_stop_locked(*s);
        for (M* m : s->allm) wake_m(m);
        // An M running a goroutine that never reaches a scheduling point never stops: the monitor
        // then ends the process, and this thread waits here for that.
        s->stopped_cv.wait(lk, [&] {
            return s->ms_scheduling == 0 && s->stop_by != sched_state::stop_path::exit_after_grace;
        });
        s->stop_by = sched_state::stop_path::join_all;
        s->stopped_cv.notify_all();
    }
    for (M* m : s->allm)
        if (m->thread.joinable()) m->thread.join();
    s->monitor.join();
    unwind_abandoned(*s, m0);
    discard_timers(*s);

    for (M* m : s->allm) delete m;
    for (P* p : s->allp) delete p;
    stack_release_all(*s);
    thread_overflow_stack_fini();
    remove_overflow_handler(*s);
    std::set_terminate(previous_terminate);
    seeded_schedule.store(false, std::memory_order_relaxed);
    tls_m = nullptr;
    the_sched = nullptr;
    return 0;
}

sched_state* current_sched() noexcept { return the_sched; }

// ---- public controls ----

namespace {
void blocking_enter_leave(sched_state& s, M* m, G* g, void (*fn)(void*), void* arg) {
    P* p = claim_p(m);
    g->status.store(gstatus::blocking, std::memory_order_relaxed);
    if (p) {
        p->blocking_tick.fetch_add(1, std::memory_order_relaxed);
        p_set(p, pstatus::in_blocking, m->id);
        m->p = nullptr;
    }
    struct restore {
        sched_state& s;
        M* m;
        G* g;
        P* p;
        ~restore() noexcept(false) {
            M* now = this_m();  // fn does not switch goroutines, so this is still m
            std::uint64_t expect = pstate(pstatus::in_blocking, now->id);
            if (p && p->state.compare_exchange_strong(expect, pstate(pstatus::in_user, now->id))) {
                now->p = p;
                g->status.store(gstatus::running, std::memory_order_relaxed);
                return;
            }
            // The monitor handed the P to another M: find one, or queue g and let this M stop.
            {
                std::lock_guard lk(s.lock);
                if (P* np = pidleget_locked(s, now)) {
                    --s.nm_without_p;
                    now->p = np;
                    p_set(np, pstatus::in_user, now->id);
                    g->status.store(gstatus::running, std::memory_order_relaxed);
                    return;
                }
            }
            switch_to_scheduler(switch_reason::lost_p, nullptr, nullptr);
            g->status.store(gstatus::running, std::memory_order_relaxed);
        }
    } guard{s, m, g, p};
    fn(arg);
}
}  // namespace

}  // namespace gosem::detail

namespace gosem {

using namespace detail;

void yield() {
    G* g = current_g();
    if (!g) {
        std::this_thread::yield();
        return;
    }
    switch_to_scheduler(switch_reason::yield, nullptr, nullptr);
    if (g->abandon) throw goroutine_exit{};
}

int gomaxprocs() {
    sched_state* s = current_sched();
    return s ? s->nprocs.load() : default_procs();
}

int gomaxprocs(int n) {
    sched_state* s = current_sched();
    if (!s) return default_procs();
    if (n < 1) return s->nprocs.load();
    n = std::min(n, max_procs);
    int old;
    {
        std::lock_guard lk(s->lock);
        old = s->nprocs.load();
        if (n == old) return old;
        while (static_cast<int>(s->allp.size()) < n) {
            P* p = new P();
            p->id = static_cast<int>(s->allp.size());
            p_set(p, pstatus::retired, 0);
            s->allp.push_back(p);
        }
        s->nprocs.store(n);
        if (n > old) {
            for (int i = old; i < n; ++i)
                if (p_status(s->allp[i]) == pstatus::retired) pidleput_locked(*s, s->allp[i]);
        } else {
            // Idle Ps beyond n retire now; busy ones retire at their M's next scheduling point.
            P** link = &s->pidle;
            while (*link) {
                P* p = *link;
                if (p->id >= n) {
                    *link = p->idle_link;
                    s->npidle.fetch_sub(1);
                    if (std::exchange(p->calm_until, 0) != 0) s->npidle_calm.fetch_sub(1);
                    p_set(p, pstatus::retired, 0);
                } else {
                    link = &p->idle_link;
                }
            }
        }
    }
    if (n > old) wakep(*s);
    return old;
}

int num_goroutine() {
    sched_state* s = current_sched();
    if (!s) return 0;
    std::lock_guard lk(s->lock);
    return static_cast<int>(goroutine_count_locked(*s));
}

std::int64_t goroutine_id() {
    G* g = current_g();
    return g ? g->id : 0;
}

std::vector<goroutine_info> goroutines() {
    std::vector<goroutine_info> out;
    sched_state* s = current_sched();
    if (!s) return out;
    std::lock_guard lk(s->allg_lock);
    for (G* g : s->allgs) {
        gstatus st = g->status.load(std::memory_order_acquire);
        goroutine_state state;
        switch (st) {
        case gstatus::runnable: state = goroutine_state::runnable; break;
        case gstatus::running: state = goroutine_state::running; break;
        case gstatus::waiting: state = goroutine_state::waiting; break;
        case gstatus::blocking: state = goroutine_state::blocking_call; break;
        default: continue;
        }
        goroutine_info info{g->id, state, wait_reason::none, g->created_at, {}};
        if (state == goroutine_state::waiting) g->waiting.get(&info.reason, &info.blocked_at);
        out.push_back(info);
    }
    std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.id < b.id; });
    return out;
}

void blocking_call(void (*fn)(void*), void* arg) {
    sched_state* s = current_sched();
    M* m = this_m();
    G* g = m ? m->curg : nullptr;
    if (!s || !g) {
        fn(arg);
        return;
    }
    blocking_enter_leave(*s, m, g, fn, arg);
}

}  // namespace gosem
