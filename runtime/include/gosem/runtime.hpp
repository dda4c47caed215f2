// gosem/runtime.hpp: starting the runtime, spawning goroutines, and what the scheduler shows.
//
//   int main() {
//       return gosem::run([] {
//           auto done = gosem::make_chan<int>();
//           gosem::go([done] { done.send(42); });
//           std::printf("%d\n", done.recv());
//       });
//   }
//
// `run` is Go's program: `main` is goroutine 1, and when it returns the program is over, whatever
// the other goroutines are doing (they are abandoned, as Go abandons them). The runtime owns
// GOMAXPROCS logical processors (Ps); each runs goroutines on an OS thread (an M). Nothing
// survives `run`: it may be called again, with a different configuration.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <new>
#include <optional>
#include "gosem/source_location.hpp"
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "gosem/panic.hpp"

namespace gosem {

struct config {
    // Number of Ps. 0: the GOMAXPROCS environment variable, else the cores the OS reports.
    int procs = 0;
    // Usable bytes of each goroutine's stack, rounded up to whole pages; a guard page lies below.
    // 0: the GOSEM_STACK_SIZE environment variable (bytes, optional K or M suffix), else 256 KiB.
    std::size_t stack_size = 0;
    // Seeded scheduling, for exploring and replaying interleavings: every choice Go leaves open
    // (which runnable goroutine runs next, which ready select case wins, whether to yield after
    // a channel operation) is drawn from this seed, on one P. 0: the GOSEM_SCHED_SEED environment
    // variable, else off. A failing seeded run names its seed on stderr.
    std::uint64_t sched_seed = 0;
};

// Why a goroutine is waiting. The names print as Go 1.19 prints them, except that sync waits say
// which call they are in (Go 1.19 prints all of them as `semacquire`).
enum class wait_reason : std::uint8_t {
    none,
    chan_send,           // "chan send"
    chan_receive,        // "chan receive"
    chan_send_nil,       // "chan send (nil chan)"
    chan_receive_nil,    // "chan receive (nil chan)"
    select,              // "select"
    select_no_cases,     // "select (no cases)"
    sleep,               // "sleep"
    mutex_lock,          // "sync.Mutex.Lock"
    rwmutex_rlock,       // "sync.RWMutex.RLock"
    rwmutex_lock,        // "sync.RWMutex.Lock"
    waitgroup_wait,      // "sync.WaitGroup.Wait"
    cond_wait,           // "sync.Cond.Wait"
    semacquire,          // "semacquire"
};
const char* to_string(wait_reason r) noexcept;

enum class goroutine_state : std::uint8_t { runnable, running, waiting, blocking_call };
const char* to_string(goroutine_state s) noexcept;

// A snapshot of one goroutine, as runtime.Stack(all) would describe it.
struct goroutine_info {
    std::int64_t id;
    goroutine_state state;
    wait_reason reason;         // none unless state == waiting
    gosem::source_location created_at;
    gosem::source_location blocked_at;  // meaningful when state == waiting
};

// How a run ended, for tests and embedders that want the outcome instead of an exit.
struct run_result {
    enum class ending { returned, deadlock, panic };
    ending how = ending::returned;
    std::string report;  // what `run` would have printed to stderr; empty when main returned
};

namespace detail {
// A goroutine body whose storage the runtime places on the new goroutine's own stack, so that a
// spawn makes no heap allocation.
struct closure_ops {
    std::size_t size;
    std::size_t align;
    void (*invoke)(void* self);   // runs the body
    void (*destroy)(void* self);  // ends the body's lifetime (also when it never ran)
};
// Construct the closure in place at `where` via `construct(where, src)`.
void spawn(const closure_ops& ops, void (*construct)(void* where, void* src), void* src,
           gosem::source_location created_at);
int run_main(const config& cfg, const closure_ops& ops, void (*construct)(void*, void*), void* src,
             run_result* result);

template <class Closure>
inline constexpr closure_ops closure_ops_of{
    sizeof(Closure), alignof(Closure),
    [](void* self) { (*static_cast<Closure*>(self))(); },
    [](void* self) { static_cast<Closure*>(self)->~Closure(); },
};

template <class F, class... Args>
auto make_closure(F&& f, Args&&... args) {
    // Function and arguments are evaluated and copied (or moved) here, in the caller (MM-05).
    return [f = std::forward<F>(f),
            tup = std::make_tuple(std::forward<Args>(args)...)]() mutable { std::apply(f, tup); };
}

template <class Closure>
void construct_closure(void* where, void* src) {
    ::new (where) Closure(std::move(*static_cast<Closure*>(src)));
}
}  // namespace detail

// Runs `main` as goroutine 1 and returns 0 when it returns. An uncaught panic prints Go's report
// and exits with status 2; a deadlock prints Go's report (plus where each goroutine blocked and
// was created) and exits with status 2.
template <class F>
int run(const config& cfg, F&& main) {
    auto closure = detail::make_closure(std::forward<F>(main));
    using C = decltype(closure);
    return detail::run_main(cfg, detail::closure_ops_of<C>, detail::construct_closure<C>, &closure,
                            nullptr);
}
template <class F>
int run(F&& main) {
    return run(config{}, std::forward<F>(main));
}

// As `run`, but a deadlock or an uncaught panic ends the run and comes back as a result instead
// of ending the process. Goroutines still parked are unwound (their destructors run).
template <class F>
run_result run_for_result(const config& cfg, F&& main) {
    run_result result;
    auto closure = detail::make_closure(std::forward<F>(main));
    using C = decltype(closure);
    detail::run_main(cfg, detail::closure_ops_of<C>, detail::construct_closure<C>, &closure,
                     &result);
    return result;
}

// `gosem::go(f, args...)`: Go's `go f(args...)`. f and args are evaluated, and copied or moved,
// in the caller. A class, not a function, so that it can record the call site after a pack.
template <class F, class... Args>
struct go {
    explicit go(F&& f, Args&&... args,
                gosem::source_location created_at = gosem::source_location::current()) {
        auto closure = detail::make_closure(std::forward<F>(f), std::forward<Args>(args)...);
        using C = decltype(closure);
        detail::spawn(detail::closure_ops_of<C>, detail::construct_closure<C>, &closure,
                      created_at);
    }
};
template <class F, class... Args>
go(F&&, Args&&...) -> go<F, Args...>;

// Go's runtime.Gosched: lets other goroutines run; this one stays runnable.
void yield();

// GOMAXPROCS: the number of Ps. Setting it returns the previous value; n < 1 only reads.
int gomaxprocs();
int gomaxprocs(int n);

// Goroutines that exist now (runnable, running or waiting), as runtime.NumGoroutine.
int num_goroutine();

// The current goroutine's id (1 is main); 0 outside a goroutine.
std::int64_t goroutine_id();

// A snapshot of every goroutine, ordered by id.
std::vector<goroutine_info> goroutines();

// Runs `fn` as a blocking call: while it runs, this goroutine's P is handed to another thread so
// the goroutines queued behind it keep running, and the deadlock detector counts it as running.
// Wrap any call that may block the OS thread (I/O, std::mutex, a foreign library's wait).
void blocking_call(void (*fn)(void*), void* arg);
template <class F>
decltype(auto) blocking(F&& fn) {
    using R = std::invoke_result_t<F&>;
    if constexpr (std::is_void_v<R>) {
        blocking_call([](void* p) { (*static_cast<std::remove_reference_t<F>*>(p))(); }, &fn);
    } else {
        struct slot { std::remove_reference_t<F>* fn; std::optional<R> out; } s{&fn, {}};
        blocking_call([](void* p) { auto* s = static_cast<slot*>(p); s->out.emplace((*s->fn)()); },
                      &s);
        return R(std::move(*s.out));
    }
}

}  // namespace gosem
