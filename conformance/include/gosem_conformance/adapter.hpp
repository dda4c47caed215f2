// gosem_conformance/adapter.hpp: the boundary between the suite and a runtime under test.
//
// A runtime is checked through an adapter: a default-constructible class R that the suite's cases
// are instantiated with. Required (runtime_adapter):
//   R::name                  the runtime's name in reports
//   R::max_procs             the largest GOMAXPROCS it can run at (cases skip higher values)
//   rt.run(procs, main)      runs main() as the program's main goroutine with GOMAXPROCS procs
//                            and returns the exit status once main returns; other goroutines
//                            are abandoned, as in Go. The runner has also put GOMAXPROCS=procs
//                            in the environment, where a runtime that reads it at start (as Go
//                            does) may take it from; procs 0: GOMAXPROCS is unset and the
//                            runtime starts at its own default
//   rt.go(f)                 starts a goroutine running f()
//   rt.yield()               Go's runtime.Gosched
//   R::chan<T>, rt.make_chan<T>(n)   `chan T` and make(chan T, n), for any T the cases use
//   ch.send(v), ch.recv(), ch.recv_ok() (.value, .ok), ch.close(), ch == other, copies share
// How failures surface is Go's convention, and mapping a runtime's own way onto it is the
// adapter's job: an uncaught panic prints `panic: MESSAGE` on stderr and exits with status 2; a
// fatal error prints `fatal error: MESSAGE` and exits 2; a deadlock prints `fatal error: all
// goroutines are asleep - deadlock!` and `goroutine 1 [WAIT REASON]:`, and exits 2. A runtime
// that does not detect deadlock simply stays blocked, and the case's timeout says so.
// An adapter whose runtime cannot have more than some number of goroutines alive at once says so
// in R::max_goroutines; a case that declares it needs more (case_info::goroutines) then reports
// UNSUPPORTED instead of running into the limit.
// Optional parts are detected from the API (capability.hpp lists them; the concepts below say
// what each means). An adapter may also call gosem_conformance::unsupported(why) at run time for
// a request it cannot express; the case then reports UNSUPPORTED.
#pragma once

#include <chrono>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "gosem_conformance/capability.hpp"

namespace gosem_conformance {

// Go's struct{}: an element type with no value (zero-size in Go).
struct empty_value {
    friend bool operator==(empty_value, empty_value) = default;
};
// An element type that can only be moved.
using move_only_value = std::unique_ptr<int>;

template <class Ch, class T>
concept channel_of =
    std::copyable<Ch> && std::equality_comparable<Ch> && std::same_as<typename Ch::value_type, T> &&
    requires(const Ch& ch, T v) {
        ch.send(std::move(v));
        { ch.recv() } -> std::same_as<T>;
        { ch.recv_ok().value } -> std::convertible_to<T>;
        { ch.recv_ok().ok } -> std::convertible_to<bool>;
        ch.close();
    };

template <class R>
concept runtime_adapter =
    std::default_initializable<R> &&
    requires(R& rt, void (*fn)()) {
        { R::name } -> std::convertible_to<std::string_view>;
        { R::max_procs } -> std::convertible_to<int>;
        { rt.run(1, fn) } -> std::convertible_to<int>;
        rt.go(fn);
        rt.yield();
        { rt.template make_chan<int>(std::int64_t{0}) } -> std::same_as<typename R::template chan<int>>;
    } &&
    channel_of<typename R::template chan<int>, int> &&
    channel_of<typename R::template chan<empty_value>, empty_value> &&
    channel_of<typename R::template chan<move_only_value>, move_only_value>;

template <class R, class T>
using chan_t = typename R::template chan<T>;
template <class R, class T>
using send_chan_t = typename R::template send_chan<T>;
template <class R, class T>
using recv_chan_t = typename R::template recv_chan<T>;

// The cases of a select, in the shape of Go's reflect.SelectCase: a receive case gets the value
// and ok of the communication that chose it; a send case offers `value`.
template <class Ch>
struct recv_case {
    Ch chan;
    typename Ch::value_type value{};
    bool ok = false;
};
template <class Ch>
struct send_case {
    Ch chan;
    typename Ch::value_type value;
};
// Written out for compilers without deduction for aggregates (clang before 17): recv_case{ch}.
template <class Ch, class... Rest> recv_case(Ch, Rest...) -> recv_case<Ch>;
template <class Ch, class... Rest> send_case(Ch, Rest...) -> send_case<Ch>;
template <class C> inline constexpr bool is_send_case = false;
template <class Ch> inline constexpr bool is_send_case<send_case<Ch>> = true;

// ch.len() and ch.cap(): Go's len and cap, also on a nil channel.
template <class R>
concept has_len_cap = requires(const chan_t<R, int>& c) {
    { c.len() } -> std::convertible_to<std::size_t>;
    { c.cap() } -> std::convertible_to<std::size_t>;
};

// rt.nil_chan<T>(): a nil channel, usable wherever a channel is; a value-initialized chan<T> is
// nil too.
template <class R>
concept has_nil_chan = requires(R& rt) {
    { rt.template nil_chan<int>() } -> std::same_as<chan_t<R, int>>;
};

// Directional views: chan<T> converts to both; each offers its direction's operations.
template <class R>
concept has_direction =
    requires {
        typename R::template send_chan<int>;
        typename R::template recv_chan<int>;
    } &&
    std::convertible_to<chan_t<R, int>, send_chan_t<R, int>> &&
    std::convertible_to<chan_t<R, int>, recv_chan_t<R, int>> &&
    requires(const send_chan_t<R, int>& s, const recv_chan_t<R, int>& r) {
        s.send(1);
        s.close();
        r.recv();
        r.recv_ok();
    };

// for (auto v : ch): receives until the channel is closed and drained.
template <class R>
concept has_range = requires(const chan_t<R, int>& c) {
    { c.begin() != c.end() } -> std::convertible_to<bool>;
    *c.begin();
    ++c.begin();
};

// rt.select(with_default, cases...): Go's select over recv_case/send_case objects of any channel
// types. Returns the index of the case that ran, or -1 when with_default and none was ready.
template <class R>
concept has_select = requires(R& rt, recv_case<chan_t<R, int>>& a, send_case<chan_t<R, long>>& b) {
    { rt.select(true, a, b) } -> std::same_as<int>;
    { rt.select(false, a) } -> std::same_as<int>;
};

// rt.recover(f): runs f and returns the message of the panic that left it, if one did (Go's
// recover in a deferred call); rt.panic(message) raises a panic.
template <class R>
concept has_recover = requires(R& rt, void (*fn)()) {
    { rt.recover(fn) } -> std::same_as<std::optional<std::string>>;
    rt.panic(std::string_view{});
};

// rt.num_goroutine(); rt.gomaxprocs() reads GOMAXPROCS and rt.gomaxprocs(n) sets it, returning
// the previous value; rt.wait_blocked(n) returns once at least n goroutines other than the caller
// are blocked (parked on a channel, select, lock or timer).
template <class R>
concept has_introspection = requires(R& rt) {
    { rt.num_goroutine() } -> std::convertible_to<int>;
    { rt.gomaxprocs() } -> std::convertible_to<int>;
    { rt.gomaxprocs(1) } -> std::convertible_to<int>;
    rt.wait_blocked(1);
};

// R::mutex: sync.Mutex (zero value unlocked).
template <class R>
concept has_mutex = requires { typename R::mutex; } &&
                    std::default_initializable<typename R::mutex> &&
                    requires(typename R::mutex& m) {
                        m.lock();
                        m.unlock();
                        { m.try_lock() } -> std::convertible_to<bool>;
                    };

// R::rwmutex: sync.RWMutex.
template <class R>
concept has_rwmutex = requires { typename R::rwmutex; } &&
                      std::default_initializable<typename R::rwmutex> &&
                      requires(typename R::rwmutex& m) {
                          m.lock();
                          m.unlock();
                          m.rlock();
                          m.runlock();
                          { m.try_lock() } -> std::convertible_to<bool>;
                          { m.try_rlock() } -> std::convertible_to<bool>;
                      };

// R::waitgroup: sync.WaitGroup.
template <class R>
concept has_waitgroup = requires { typename R::waitgroup; } &&
                        std::default_initializable<typename R::waitgroup> &&
                        requires(typename R::waitgroup& wg) {
                            wg.add(1);
                            wg.done();
                            wg.wait();
                        };

// R::once: sync.Once; o.call(f) is Go's Do: f runs in the first call only, later calls return
// once it has returned, and a panicking f counts as run.
template <class R>
concept has_once = requires { typename R::once; } &&
                   std::default_initializable<typename R::once> &&
                   requires(typename R::once& o, void (*f)()) { o.call(f); };

// R::cond: sync.Cond, built over an R::mutex (its L); wait unlocks it while waiting and holds it
// again when it returns.
template <class R>
concept has_cond = has_mutex<R> && requires { typename R::cond; } &&
                   std::constructible_from<typename R::cond, typename R::mutex&> &&
                   requires(typename R::cond& c) {
                       c.wait();
                       c.signal();
                       c.broadcast();
                   };

// rt.sleep(d): time.Sleep; rt.after(d): time.After, a channel that receives once after d.
template <class R>
concept has_time = requires(R& rt, std::chrono::nanoseconds d) {
    rt.sleep(d);
    rt.after(d).recv();
};

// Contexts: rt.background(); rt.with_cancel(parent) and rt.with_timeout(parent, d) return an
// object with .ctx and .cancel(); ctx.done() is a channel to receive from (nil for Background);
// ctx.err() is "" (nil), "context canceled" or "context deadline exceeded". A default-constructed
// R::context is Go's nil Context.
template <class R>
concept has_context =
    requires { typename R::context; } &&
    requires(R& rt, const typename R::context& parent, std::chrono::nanoseconds d) {
        { rt.background() } -> std::convertible_to<typename R::context>;
        { rt.with_cancel(parent).ctx } -> std::convertible_to<typename R::context>;
        rt.with_cancel(parent).cancel();
        { rt.with_timeout(parent, d).ctx } -> std::convertible_to<typename R::context>;
        parent.done().recv_ok();
        { parent.err() } -> std::convertible_to<std::string>;
    };

// ctx.deadline(): Go's Deadline, an optional time point (empty when the context has none) that
// compares with == and <.
template <class R>
concept has_context_deadline = has_context<R> && requires(const typename R::context& c) {
    { c.deadline().has_value() } -> std::convertible_to<bool>;
    { *c.deadline() < *c.deadline() } -> std::convertible_to<bool>;
    { c.deadline() == c.deadline() } -> std::convertible_to<bool>;
};

// ctx.done() compares as Go's channels do: with another done() and with a value-initialized
// (nil) channel of its type, which is what Background's done() is.
template <class R>
concept has_context_done_compare = has_context<R> && requires(const typename R::context& c) {
    { c.done() == c.done() } -> std::convertible_to<bool>;
    { c.done() == decltype(c.done()){} } -> std::convertible_to<bool>;
};

// rt.blocking_call(f): runs f, which may block the OS thread it runs on (a system call, a
// foreign lock), without stopping the other goroutines (Go's hand-off of the P).
template <class R>
concept has_blocking_call = requires(R& rt, void (*fn)()) { rt.blocking_call(fn); };

// R::max_goroutines, or 0 when the adapter declares no limit.
template <class R>
constexpr long max_goroutines_of() {
    if constexpr (requires { { R::max_goroutines } -> std::convertible_to<long>; })
        return R::max_goroutines;
    else
        return 0;
}

template <class R>
constexpr cap capabilities_of() {
    cap c = cap::none;
    if constexpr (has_len_cap<R>) c = c | cap::len_cap;
    if constexpr (has_nil_chan<R>) c = c | cap::nil_chan;
    if constexpr (has_direction<R>) c = c | cap::direction;
    if constexpr (has_range<R>) c = c | cap::range;
    if constexpr (has_select<R>) c = c | cap::select;
    if constexpr (has_recover<R>) c = c | cap::recover;
    if constexpr (has_introspection<R>) c = c | cap::introspection;
    if constexpr (has_mutex<R>) c = c | cap::mutex;
    if constexpr (has_rwmutex<R>) c = c | cap::rwmutex;
    if constexpr (has_waitgroup<R>) c = c | cap::waitgroup;
    if constexpr (has_time<R>) c = c | cap::time;
    if constexpr (has_context<R>) c = c | cap::context;
    if constexpr (has_blocking_call<R>) c = c | cap::blocking_call;
    if constexpr (has_once<R>) c = c | cap::once;
    if constexpr (has_cond<R>) c = c | cap::cond;
    if constexpr (has_context_deadline<R>) c = c | cap::context_deadline;
    if constexpr (has_context_done_compare<R>) c = c | cap::context_done_compare;
    return c;
}

}  // namespace gosem_conformance

// Names the adapter a runner is built for; an adapter header ends with it.
#define GOSEM_CONFORMANCE_ADAPTER(...)                                                        \
    namespace gosem_conformance {                                                             \
    using selected_adapter = __VA_ARGS__;                                                     \
    static_assert(runtime_adapter<selected_adapter>,                                          \
                  "the adapter does not model gosem_conformance::runtime_adapter");           \
    }
