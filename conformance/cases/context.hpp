// Cancellation and time: the context package (cancel, deadlines, the context tree), the notes'
// worker that a context stops (N16), and the time package's Sleep and After that deadlines and
// timeouts rest on, with the timers' effect on deadlock detection (a pending timer holds the
// report off): rules CTX-*, N16-*, TM-*, N10-04.
#pragma once

#include <chrono>
#include <initializer_list>
#include <string>

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

// The file's own words, in a namespace of their own so that no other case file's can clash.
namespace gosem_conformance::cases::context_words {

inline const std::string no_error;  // what err() says for Go's nil error
inline const std::string canceled = "context canceled";
inline const std::string deadline_exceeded = "context deadline exceeded";

// How long since `start`, on the clock the time package's timers follow.
inline std::chrono::nanoseconds since(std::chrono::steady_clock::time_point start) {
    return std::chrono::steady_clock::now() - start;
}

}  // namespace gosem_conformance::cases::context_words

namespace gosem_conformance::cases {

using namespace context_words;

// ---- context ----

// Background is never cancelled: its Done is a nil channel, never ready, and its Err is nil.
GOSEM_CASE(CTX_01,
           .rules = "CTX-01",
           .notes = "N16",
           .area = "context",
           .needs = cap::context | cap::context_done_compare | cap::select)
{
    auto bg = rt.background();
    check(bg.done() == decltype(bg.done()){}, "Done() of Background is nil");
    check_eq(bg.err(), no_error, "Err() of Background");
    check_eq(select_default(rt, recv_case{bg.done()}), -1, "Done() of Background was ready");
}

// Background has no deadline, nor does a context that can only be cancelled; a timeout gives
// one, which the contexts derived from it report too.
GOSEM_CASE(CTX_01_deadline,
           .rules = "CTX-01 CTX-11",
           .area = "context",
           .needs = cap::context | cap::context_deadline)
{
    auto bg = rt.background();
    check(!bg.deadline().has_value(), "Background has no deadline");
    auto cancelable = rt.with_cancel(bg);
    check(!cancelable.ctx.deadline().has_value(), "WithCancel(Background) has no deadline");
    auto timed = rt.with_timeout(bg, std::chrono::hours(1));
    check(timed.ctx.deadline().has_value(), "WithTimeout has a deadline");
    auto below = rt.with_cancel(timed.ctx);
    check(below.ctx.deadline() == timed.ctx.deadline(), "a child reports its parent's deadline");
    below.cancel();
    timed.cancel();
    cancelable.cancel();
}

// Before cancellation Err is nil and Done is open, and Done returns the same channel on every
// call: the one taken before cancel is the one that closes.
GOSEM_CASE(CTX_02,
           .rules = "CTX-02 CTX-03",
           .notes = "N16",
           .area = "context",
           .needs = cap::context | cap::context_done_compare | cap::select)
{
    auto c = rt.with_cancel(rt.background());
    auto done = c.ctx.done();
    check(done == c.ctx.done(), "Done() returns the same channel each time");
    check(!(done == decltype(done){}), "Done() of a cancelable context is not nil");
    check_eq(c.ctx.err(), no_error, "Err() before cancel");
    check_eq(select_default(rt, recv_case{done}), -1, "Done() ready before cancel");
    c.cancel();
    check(!done.recv_ok().ok, "the channel taken before cancel is closed");
}

// After cancel, Done is closed (every receive returns at once, not ok) and Err is Canceled.
GOSEM_CASE(CTX_03,
           .rules = "CTX-03",
           .notes = "N16",
           .area = "context",
           .needs = cap::context | cap::select)
{
    auto c = rt.with_cancel(rt.background());
    c.cancel();
    check_eq(select_default(rt, recv_case{c.ctx.done()}), 0, "Done() ready after cancel");
    for (int i = 0; i < 3; ++i) check(!c.ctx.done().recv_ok().ok, "a receive from Done() after cancel");
    check_eq(c.ctx.err(), canceled, "Err() after cancel");
}

// Every goroutine waiting on Done wakes when the context is cancelled.
GOSEM_CASE(CTX_03_waiters,
           .rules = "CTX-03 N16-01",
           .notes = "N16",
           .area = "context",
           .needs = cap::context | cap::introspection)
{
    constexpr int waiters = 3;
    auto c = rt.with_cancel(rt.background());
    auto woke = make_chan<std::string>(rt, waiters);
    for (int i = 0; i < waiters; ++i) {
        rt.go([ctx = c.ctx, woke] {
            ctx.done().recv();
            woke.send(ctx.err());
        });
    }
    rt.wait_blocked(waiters);
    c.cancel();
    for (int i = 0; i < waiters; ++i) check_eq(woke.recv(), canceled, "a waiter woken by cancel");
}

// Cancel may be called again and again: only the first call acts, the others do nothing.
GOSEM_CASE(CTX_04,
           .rules = "CTX-04 CTX-03",
           .area = "context",
           .needs = cap::context)
{
    auto c = rt.with_cancel(rt.background());
    for (int i = 0; i < 3; ++i) {
        c.cancel();
        check_eq(c.ctx.err(), canceled, "Err() after one more cancel");
        check(!c.ctx.done().recv_ok().ok, "Done() stays closed");
    }
}

// Several goroutines calling the same cancel at once: every call returns, and the context is
// cancelled once.
GOSEM_CASE(CTX_04_concurrent,
           .rules = "CTX-04 CTX-03",
           .area = "context",
           .flags = flag::nondeterministic,
           .needs = cap::context)
{
    constexpr int cancellers = 8;
    auto c = rt.with_cancel(rt.background());
    auto start = make_chan<int>(rt);
    auto returned = make_chan<int>(rt, cancellers);
    for (int i = 0; i < cancellers; ++i) {
        rt.go([start, returned, cancel = c.cancel] {
            start.recv();
            cancel();
            returned.send(1);
        });
    }
    start.close();  // releases every canceller at once
    for (int i = 0; i < cancellers; ++i) returned.recv();
    check_eq(c.ctx.err(), canceled, "Err() after the concurrent cancels");
    check(!c.ctx.done().recv_ok().ok, "Done() closed");
}

// Cancelling a context cancels its whole subtree at once, cancelable and timed children and
// grandchildren alike, all with Canceled.
GOSEM_CASE(CTX_05,
           .rules = "CTX-05 CTX-03",
           .notes = "N16",
           .area = "context",
           .needs = cap::context)
{
    auto root = rt.with_cancel(rt.background());
    auto child = rt.with_cancel(root.ctx);
    auto timed = rt.with_timeout(root.ctx, std::chrono::hours(1));
    auto grandchild = rt.with_cancel(child.ctx);
    auto timed_grandchild = rt.with_timeout(timed.ctx, std::chrono::hours(1));
    root.cancel();
    for (const auto& ctx : {child.ctx, timed.ctx, grandchild.ctx, timed_grandchild.ctx}) {
        check(!ctx.done().recv_ok().ok, "a descendant's Done() closed by the root's cancel");
        check_eq(ctx.err(), canceled, "a descendant's Err()");
    }
    timed_grandchild.cancel();
    grandchild.cancel();
    timed.cancel();
    child.cancel();
}

// Goroutines waiting on descendants' Done channels are woken by the cancel of their ancestor.
GOSEM_CASE(CTX_05_waiting,
           .rules = "CTX-05 N16-01",
           .notes = "N16",
           .area = "context",
           .needs = cap::context | cap::introspection)
{
    auto root = rt.with_cancel(rt.background());
    auto child = rt.with_cancel(root.ctx);
    auto grandchild = rt.with_timeout(child.ctx, std::chrono::hours(1));
    auto woke = make_chan<std::string>(rt, 2);
    for (const auto& ctx : {child.ctx, grandchild.ctx}) {
        rt.go([ctx, woke] {
            ctx.done().recv();
            woke.send(ctx.err());
        });
    }
    rt.wait_blocked(2);
    root.cancel();
    for (int i = 0; i < 2; ++i) check_eq(woke.recv(), canceled, "a waiter below the root");
    grandchild.cancel();
    child.cancel();
}

// Cancelling a child cancels its own subtree, and neither its parent nor its siblings.
GOSEM_CASE(CTX_06,
           .rules = "CTX-06 CTX-05",
           .area = "context",
           .needs = cap::context | cap::select)
{
    auto parent = rt.with_cancel(rt.background());
    auto child = rt.with_cancel(parent.ctx);
    auto sibling = rt.with_cancel(parent.ctx);
    auto grandchild = rt.with_cancel(child.ctx);
    child.cancel();
    check_eq(child.ctx.err(), canceled, "the cancelled child");
    check_eq(grandchild.ctx.err(), canceled, "the cancelled child's own child");
    check_eq(parent.ctx.err(), no_error, "the parent");
    check_eq(sibling.ctx.err(), no_error, "the sibling");
    check_eq(select_default(rt, recv_case{parent.ctx.done()}, recv_case{sibling.ctx.done()}), -1,
             "the parent's or the sibling's Done() closed");
    parent.cancel();
    check_eq(sibling.ctx.err(), canceled, "the sibling, once the parent is cancelled");
    grandchild.cancel();
    sibling.cancel();
}

// A context derived from one already cancelled is cancelled from the start, whether it is
// cancelable or timed.
GOSEM_CASE(CTX_07,
           .rules = "CTX-07",
           .area = "context",
           .needs = cap::context | cap::select)
{
    auto parent = rt.with_cancel(rt.background());
    parent.cancel();
    auto child = rt.with_cancel(parent.ctx);
    auto timed = rt.with_timeout(parent.ctx, std::chrono::hours(1));
    for (const auto& ctx : {child.ctx, timed.ctx}) {
        check_eq(select_default(rt, recv_case{ctx.done()}), 0, "Done() closed at creation");
        check_eq(ctx.err(), canceled, "Err() at creation");
    }
    timed.cancel();
    child.cancel();
}

// A timeout ends the context no earlier than its duration: Done closes and Err is
// DeadlineExceeded.
GOSEM_CASE(CTX_08,
           .rules = "CTX-08",
           .notes = "N16",
           .area = "context",
           .needs = cap::context)
{
    using namespace std::chrono_literals;
    auto start = std::chrono::steady_clock::now();
    auto c = rt.with_timeout(rt.background(), 20ms);
    check(!c.ctx.done().recv_ok().ok, "Done() closes at the deadline");
    check(since(start) >= 20ms, "the context ended before its deadline");
    check_eq(c.ctx.err(), deadline_exceeded, "Err() after the deadline");
    c.cancel();
}

// The notes' worker under a deadline: selecting on ctx.Done() and its input, it stops when the
// deadline passes and sees why.
GOSEM_CASE(CTX_08_worker,
           .rules = "CTX-08 N16-01",
           .notes = "N16",
           .area = "context",
           .needs = cap::context | cap::select)
{
    using namespace std::chrono_literals;
    auto c = rt.with_timeout(rt.background(), 20ms);
    auto input = make_chan<int>(rt);  // nothing ever arrives
    auto stopped = make_chan<std::string>(rt, 1);
    rt.go([&rt, ctx = c.ctx, input, stopped] {
        for (;;) {
            if (select(rt, recv_case{ctx.done()}, recv_case{input}) == 0) {
                stopped.send(ctx.err());
                return;
            }
        }
    });
    check_eq(stopped.recv(), deadline_exceeded, "why the worker stopped");
    c.cancel();
}

// A parent's deadline ends its children with the same error: DeadlineExceeded, not Canceled.
GOSEM_CASE(CTX_08_children,
           .rules = "CTX-08 CTX-05",
           .area = "context",
           .needs = cap::context)
{
    using namespace std::chrono_literals;
    auto parent = rt.with_timeout(rt.background(), 10ms);
    auto child = rt.with_cancel(parent.ctx);
    check(!child.ctx.done().recv_ok().ok, "the child's Done() closes at the parent's deadline");
    check_eq(child.ctx.err(), deadline_exceeded, "the child's Err()");
    check_eq(parent.ctx.err(), deadline_exceeded, "the parent's Err()");
    child.cancel();
    parent.cancel();
}

// A deadline already past, a timeout of zero or below, gives a context that is done when it is
// made.
GOSEM_CASE(CTX_09,
           .rules = "CTX-09 CTX-08",
           .area = "context",
           .needs = cap::context | cap::select)
{
    using namespace std::chrono_literals;
    for (std::chrono::nanoseconds timeout : {std::chrono::nanoseconds(0), std::chrono::nanoseconds(-1s)}) {
        auto c = rt.with_timeout(rt.background(), timeout);
        check_eq(select_default(rt, recv_case{c.ctx.done()}), 0, "Done() closed at creation");
        check_eq(c.ctx.err(), deadline_exceeded, "Err() at creation");
        c.cancel();
    }
}

// The first reason to end a context stays: a cancel after the deadline keeps DeadlineExceeded.
GOSEM_CASE(CTX_10,
           .rules = "CTX-10 CTX-04",
           .area = "context",
           .needs = cap::context)
{
    using namespace std::chrono_literals;
    auto c = rt.with_timeout(rt.background(), 10ms);
    c.ctx.done().recv();
    check_eq(c.ctx.err(), deadline_exceeded, "Err() at the deadline");
    c.cancel();
    check_eq(c.ctx.err(), deadline_exceeded, "Err() after a later cancel");
}

// ... and a deadline passing after cancel keeps Canceled. A second context made after the first,
// with the same timeout, expires no earlier: once it has, the first one's deadline has passed.
GOSEM_CASE(CTX_10_cancel_first,
           .rules = "CTX-10",
           .area = "context",
           .needs = cap::context)
{
    using namespace std::chrono_literals;
    auto c = rt.with_timeout(rt.background(), 10ms);
    auto later = rt.with_timeout(rt.background(), 10ms);
    c.cancel();
    check_eq(c.ctx.err(), canceled, "Err() after cancel");
    later.ctx.done().recv();
    check_eq(c.ctx.err(), canceled, "Err() once the deadline has passed too");
    later.cancel();
}

// A child's deadline ends the child only: its parent stays open, and later cancelling the
// parent leaves the child's first reason in place.
GOSEM_CASE(CTX_10_child,
           .rules = "CTX-10 CTX-06",
           .area = "context",
           .needs = cap::context | cap::select)
{
    using namespace std::chrono_literals;
    auto parent = rt.with_cancel(rt.background());
    auto child = rt.with_timeout(parent.ctx, 10ms);
    child.ctx.done().recv();
    check_eq(child.ctx.err(), deadline_exceeded, "the child at its deadline");
    check_eq(parent.ctx.err(), no_error, "the parent after its child's deadline");
    check_eq(select_default(rt, recv_case{parent.ctx.done()}), -1, "the parent's Done() closed");
    parent.cancel();
    check_eq(child.ctx.err(), deadline_exceeded, "the child after its parent's cancel");
    child.cancel();
}

// A child given a later deadline than its parent's ends at the parent's, with DeadlineExceeded.
GOSEM_CASE(CTX_11,
           .rules = "CTX-11 CTX-08",
           .area = "context",
           .needs = cap::context)
{
    using namespace std::chrono_literals;
    auto start = std::chrono::steady_clock::now();
    auto parent = rt.with_timeout(rt.background(), 20ms);
    auto child = rt.with_timeout(parent.ctx, std::chrono::hours(1));
    child.ctx.done().recv();
    check(since(start) >= 20ms, "the child ended before its parent's deadline");
    check_eq(child.ctx.err(), deadline_exceeded, "the child's Err()");
    check_eq(parent.ctx.err(), deadline_exceeded, "the parent's Err()");
    child.cancel();
    parent.cancel();
}

// That child's deadline is its parent's; a child with an earlier deadline keeps its own.
GOSEM_CASE(CTX_11_deadline,
           .rules = "CTX-11",
           .area = "context",
           .needs = cap::context | cap::context_deadline)
{
    using namespace std::chrono_literals;
    auto parent = rt.with_timeout(rt.background(), 1h);
    auto later = rt.with_timeout(parent.ctx, 2h);
    auto earlier = rt.with_timeout(parent.ctx, 1min);
    check(later.ctx.deadline() == parent.ctx.deadline(), "a later deadline gives way to the parent's");
    check(*earlier.ctx.deadline() < *parent.ctx.deadline(), "an earlier deadline is kept");
    earlier.cancel();
    later.cancel();
    parent.cancel();
}

// Deriving a context from a nil parent panics.
GOSEM_CASE(CTX_12,
           .rules = "CTX-12",
           .area = "context",
           .expect = panics("cannot create context from nil parent"),
           .needs = cap::context)
{
    auto c = rt.with_cancel(typename R::context{});
    c.cancel();
}

// The same for a timed child, and the panic is an ordinary one: recover catches it.
GOSEM_CASE(CTX_12_timeout,
           .rules = "CTX-12",
           .area = "context",
           .needs = cap::context | cap::recover)
{
    auto message = rt.recover([&] {
        auto c = rt.with_timeout(typename R::context{}, std::chrono::seconds(1));
        c.cancel();
    });
    check_eq(message.value_or("no panic"), std::string("cannot create context from nil parent"),
             "WithTimeout(nil, ...)");
}

// ---- the notes' worker (N16) ----

// A pool of workers, each selecting on ctx.Done() and the shared input: they do every job sent,
// then all stop on one cancel.
GOSEM_CASE(N16_01_workers,
           .rules = "N16-01 CTX-03",
           .notes = "N16",
           .area = "context",
           .flags = flag::nondeterministic,
           .needs = cap::context | cap::select)
{
    constexpr int workers = 3, jobs = 9;
    auto c = rt.with_cancel(rt.background());
    auto input = make_chan<int>(rt);
    auto results = make_chan<int>(rt, jobs);
    auto stopped = make_chan<std::string>(rt, workers);
    for (int w = 0; w < workers; ++w) {
        rt.go([&rt, ctx = c.ctx, input, results, stopped] {
            for (;;) {
                recv_case job{input};
                if (select(rt, recv_case{ctx.done()}, job) == 0) {
                    stopped.send(ctx.err());
                    return;
                }
                results.send(job.value * job.value);
            }
        });
    }
    int want = 0;
    for (int j = 1; j <= jobs; ++j) {
        input.send(j);
        want += j * j;
    }
    int sum = 0;
    for (int j = 1; j <= jobs; ++j) sum += results.recv();
    check_eq(sum, want, "every job done once");
    c.cancel();
    for (int w = 0; w < workers; ++w) check_eq(stopped.recv(), canceled, "a worker stopped by cancel");
}

// A generator that selects on ctx.Done() beside its send does not leak: when the consumer has
// taken what it wanted and cancels, the generator stops.
GOSEM_CASE(N16_01_generator,
           .rules = "N16-01 CTX-03",
           .notes = "N16",
           .area = "context",
           .needs = cap::context | cap::select)
{
    auto c = rt.with_cancel(rt.background());
    auto numbers = make_chan<int>(rt);
    auto stopped = make_chan<std::string>(rt, 1);
    rt.go([&rt, ctx = c.ctx, numbers, stopped] {
        for (int n = 1;; ++n) {
            if (select(rt, recv_case{ctx.done()}, send_case{numbers, n}) == 0) {
                stopped.send(ctx.err());
                return;
            }
        }
    });
    for (int want = 1; want <= 5; ++want) check_eq(numbers.recv(), want, "the generated sequence");
    c.cancel();
    check_eq(stopped.recv(), canceled, "the generator stopped on cancel");
}

// Waiting on a result or on ctx.Done() under a timeout: when the result never comes, the
// deadline ends the wait.
GOSEM_CASE(N16_02_timeout,
           .rules = "N16-02 CTX-08",
           .notes = "N16",
           .area = "context",
           .needs = cap::context | cap::select)
{
    using namespace std::chrono_literals;
    auto c = rt.with_timeout(rt.background(), 10ms);
    auto result = make_chan<int>(rt);  // the answer never comes
    check_eq(select(rt, recv_case{c.ctx.done()}, recv_case{result}), 0, "the deadline ended the wait");
    check_eq(c.ctx.err(), deadline_exceeded, "Err() after the deadline");
    c.cancel();
}

// ---- time ----

// Sleep parks the goroutine for at least its duration.
GOSEM_CASE(TM_01,
           .rules = "TM-01",
           .area = "time",
           .needs = cap::time)
{
    using namespace std::chrono_literals;
    auto start = std::chrono::steady_clock::now();
    rt.sleep(20ms);
    check(since(start) >= 20ms, "Sleep returned before its duration");
}

// Sleep holds only its own goroutine: while one sleeps for an hour, the others exchange a
// hundred messages, even at GOMAXPROCS 1, and the sleeper counts as blocked.
GOSEM_CASE(TM_01_others,
           .rules = "TM-01",
           .area = "time",
           .needs = cap::time | cap::introspection)
{
    rt.go([&rt] { rt.sleep(std::chrono::hours(1)); });
    auto ping = make_chan<int>(rt);
    auto pong = make_chan<int>(rt);
    rt.go([ping, pong] {
        for (int i = 0; i < 100; ++i) pong.send(ping.recv() + 1);
    });
    for (int i = 0; i < 100; ++i) {
        ping.send(i);
        check_eq(pong.recv(), i + 1, "the answer of the other goroutine");
    }
    rt.wait_blocked(1);  // the sleeper
}

// Sleep with a zero or negative duration returns at once.
GOSEM_CASE(TM_02,
           .rules = "TM-02",
           .area = "time",
           .needs = cap::time)
{
    using namespace std::chrono_literals;
    rt.sleep(0ns);
    rt.sleep(-1ms);
    rt.sleep(-1h);
}

// After delivers one value, no earlier than its duration, and then nothing more.
GOSEM_CASE(TM_03,
           .rules = "TM-03",
           .area = "time",
           .needs = cap::time | cap::select)
{
    using namespace std::chrono_literals;
    auto start = std::chrono::steady_clock::now();
    auto timeout = rt.after(20ms);
    timeout.recv();
    check(since(start) >= 20ms, "After delivered before its duration");
    check_eq(select_default(rt, recv_case{timeout}), -1, "a second value from After");
}

// As a select case, After is a timeout: taken, no earlier than its duration, when nothing else
// comes; never taken while it is pending and another case is ready.
GOSEM_CASE(TM_04,
           .rules = "TM-04 TM-03",
           .notes = "N10",
           .area = "time",
           .needs = cap::time | cap::select)
{
    using namespace std::chrono_literals;
    auto never = make_chan<int>(rt);
    auto start = std::chrono::steady_clock::now();
    check_eq(select(rt, recv_case{never}, recv_case{rt.after(20ms)}), 1, "the timeout case");
    check(since(start) >= 20ms, "the timeout taken before its duration");
    auto ready = make_chan<int>(rt, 1);
    for (int i = 0; i < 20; ++i) {
        ready.send(i);
        recv_case got{ready};
        check_eq(select(rt, got, recv_case{rt.after(std::chrono::hours(1))}), 0, "the ready case");
        check_eq(got.value, i, "the value received");
    }
}

// The notes' reply with a timeout, over several requests: each carries its own reply channel;
// the servers that answer are heard, the silent ones time out.
GOSEM_CASE(N10_04_requests,
           .rules = "N10-04 N10-03 TM-04",
           .notes = "N10",
           .area = "notes",
           .needs = cap::select | cap::time)
{
    using namespace std::chrono_literals;
    auto ask = [&rt](int question, bool answers) {
        auto reply = make_chan<int>(rt);
        rt.go([reply, question, answers] {
            if (answers) reply.send(question * 2);
        });
        recv_case answer{reply};
        std::chrono::nanoseconds timeout = answers ? std::chrono::nanoseconds(60s) : std::chrono::nanoseconds(10ms);
        return select(rt, answer, recv_case{rt.after(timeout)}) == 0 ? answer.value : -1;
    };
    for (int question = 1; question <= 6; ++question) {
        bool answers = question % 2 == 1;
        check_eq(ask(question, answers), answers ? question * 2 : -1, "the answer, or -1 for a timeout");
    }
}

// ---- timers and deadlock detection ----

// Main waiting on a timer that will fire in an hour is not a deadlock: the program waits.
GOSEM_CASE(TM_05_after,
           .rules = "TM-05 RT-05 TM-03",
           .area = "deadlock",
           .expect = blocks(),
           .needs = cap::time)
{
    rt.after(std::chrono::hours(1)).recv();
}

// A pending timer holds the report off even when nobody will ever receive its value.
GOSEM_CASE(TM_05_unreferenced,
           .rules = "TM-05 RT-05",
           .area = "deadlock",
           .expect = blocks(),
           .needs = cap::time)
{
    (void)rt.after(std::chrono::hours(1));
    make_chan<int>(rt).recv();
}

// A context's deadline is a pending timer too: waiting on its Done is not a deadlock.
GOSEM_CASE(TM_05_context,
           .rules = "TM-05 RT-05 CTX-08",
           .area = "deadlock",
           .expect = blocks(),
           .needs = cap::context)
{
    auto c = rt.with_timeout(rt.background(), std::chrono::hours(1));
    c.ctx.done().recv();
}

// The timer need not concern the stuck goroutines: main stuck on a Mutex that a finished
// goroutine left locked is not reported while another goroutine sleeps.
GOSEM_CASE(TM_05_mutex,
           .rules = "TM-05 RT-05 MU-02",
           .area = "deadlock",
           .expect = blocks(),
           .needs = cap::time | cap::mutex)
{
    typename R::mutex m;
    auto locked = make_chan<int>(rt);
    rt.go([&m, locked] {
        m.lock();  // and never unlock
        locked.send(1);
    });
    locked.recv();
    rt.go([&rt] { rt.sleep(std::chrono::hours(1)); });
    m.lock();
}

// While main sleeps, a goroutine stuck for good is no deadlock: main's own timer is pending,
// and main then returns normally.
GOSEM_CASE(TM_05_sleeping_main,
           .rules = "TM-05 RT-05 RT-01 TM-01",
           .area = "deadlock",
           .needs = cap::time)
{
    using namespace std::chrono_literals;
    auto never = make_chan<int>(rt);
    rt.go([never] { never.recv(); });
    rt.sleep(20ms);
}

// Once After's timer has fired and main has its value, nothing is pending: main then waiting
// on a channel nobody sends on is a deadlock.
GOSEM_CASE(TM_05_after_fired,
           .rules = "TM-05 RT-02 TM-03",
           .area = "deadlock",
           .expect = deadlocks("chan receive"),
           .needs = cap::time)
{
    using namespace std::chrono_literals;
    rt.after(10ms).recv();
    make_chan<int>(rt).recv();
}

// A context whose deadline has passed holds no timer any more: waiting forever after it is a
// deadlock.
GOSEM_CASE(TM_05_context_expired,
           .rules = "TM-05 RT-02 CTX-08",
           .area = "deadlock",
           .expect = deadlocks("chan receive"),
           .needs = cap::context)
{
    using namespace std::chrono_literals;
    auto c = rt.with_timeout(rt.background(), 10ms);
    c.ctx.done().recv();
    make_chan<int>(rt).recv();
}

}  // namespace gosem_conformance::cases
