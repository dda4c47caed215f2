// How a program ends: main returning, uncaught panics, and Go's deadlock report
// (Go spec, "Program execution"; runtime/proc.go checkdead): rules RT-*, and notes N11.
#pragma once

#include <chrono>
#include <memory>
#include <unistd.h>

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

namespace gosem_conformance::cases {

// Returning from main ends the program at once, with goroutines still running.
GOSEM_CASE(RT_01,
           .rules = "RT-01",
           .area = "deadlock")
{
    auto started = make_chan<int>(rt);
    rt.go([&rt, started] {
        started.send(1);
        for (;;) rt.yield();
    });
    started.recv();
}

// Goroutines left blocked when main returns are not a deadlock.
GOSEM_CASE(RT_04,
           .rules = "RT-04 RT-01",
           .area = "deadlock")
{
    auto never = make_chan<int>(rt);
    auto started = make_chan<int>(rt, 2);
    rt.go([never, started] {
        started.send(1);
        never.recv();
    });
    rt.go([never, started] {
        started.send(1);
        never.send(1);
        never.send(2);
    });
    started.recv();
    started.recv();
}

// A send on an unbuffered channel that nobody will receive, in main: the deadlock of the
// notes, reported as Go reports it.
GOSEM_CASE(N11_01,
           .rules = "N11-01 RT-02 RT-03 CH-SND-02",
           .notes = "N11",
           .area = "deadlock",
           .expect = deadlocks("chan send"))
{
    auto ch = make_chan<int>(rt);
    ch.send(1);
}

// Every goroutine blocked on a receive, main included: a deadlock, named by main's wait.
GOSEM_CASE(RT_02,
           .rules = "RT-02 RT-03",
           .area = "deadlock",
           .expect = deadlocks("chan receive"))
{
    auto a = make_chan<int>(rt);
    auto b = make_chan<int>(rt);
    rt.go([a, b] {
        b.recv();
        a.send(1);
    });
    a.recv();
}

// A deadlock forms after the program ran for a while, once the last goroutine that could have
// woken main has finished.
GOSEM_CASE(RT_02_later,
           .rules = "RT-02 RT-03",
           .area = "deadlock",
           .expect = deadlocks("chan receive"))
{
    auto work = make_chan<int>(rt);
    rt.go([work] {
        for (int i = 0; i < 100; ++i) work.send(i);
    });
    for (;;) work.recv();
}

// A pending timer hides the deadlock: Go reports nothing, and the program waits.
GOSEM_CASE(RT_05,
           .rules = "RT-05",
           .area = "deadlock",
           .expect = blocks(),
           .needs = cap::time)
{
    rt.go([&rt] { rt.sleep(std::chrono::hours(1)); });
    make_chan<int>(rt).recv();
}

// An uncaught panic with the program's own message ends it, from main.
GOSEM_CASE(RT_08,
           .rules = "RT-08 CH-CLS-07",
           .area = "deadlock",
           .expect = panics("boom"),
           .needs = cap::recover)
{
    rt.panic("boom");
}

// A panic raised in a goroutine ends the program while main waits.
GOSEM_CASE(RT_08_goroutine,
           .rules = "RT-08 CH-CLS-07",
           .area = "deadlock",
           .expect = panics("boom in a goroutine"),
           .needs = cap::recover)
{
    rt.go([&rt] { rt.panic("boom in a goroutine"); });
    make_chan<int>(rt).recv();
}

// Returning from main ends the program while a goroutine spins without ever blocking or
// yielding (main first waits on it, so at GOMAXPROCS 1 it needs the thread back).
GOSEM_CASE(RT_01_spinning,
           .rules = "RT-01 N4-01",
           .area = "deadlock",
           .flags = flag::impl_defined)
{
    auto started = make_chan<int>(rt);
    rt.go([started] {
        started.send(1);
        for (volatile bool forever = true; forever;) {
        }
    });
    started.recv();
}

// Returning from main ends the program with a thousand goroutines still runnable.
GOSEM_CASE(RT_01_runnable,
           .rules = "RT-01",
           .area = "deadlock")
{
    for (int i = 0; i < 1000; ++i) {
        rt.go([&rt] {
            for (;;) rt.yield();
        });
    }
}

// Returning from main ends the program with a goroutine inside a blocking call that never
// returns.
GOSEM_CASE(RT_01_blocking_call,
           .rules = "RT-01 N5-01",
           .area = "deadlock",
           .needs = cap::blocking_call)
{
    int fds[2];
    check(::pipe(fds) == 0, "pipe");
    auto entering = make_chan<int>(rt);
    rt.go([&rt, fds, entering] {
        entering.send(1);
        char byte = 0;
        rt.blocking_call([&] { (void)::read(fds[0], &byte, 1); });  // nobody writes
    });
    entering.recv();
}

// Returning from main ends the program at once, without waiting for a sleeping goroutine's
// timer (an hour away; the run is limited to a few seconds).
GOSEM_CASE(RT_01_sleeping,
           .rules = "RT-01 RT-04",
           .area = "deadlock",
           .needs = cap::time,
           .timeout_ms = 5000)
{
    auto started = make_chan<int>(rt);
    rt.go([&rt, started] {
        started.send(1);
        rt.sleep(std::chrono::hours(1));
    });
    started.recv();
}

// A hundred goroutines left parked in every kind of channel wait when main returns: not a
// deadlock, exit status 0.
GOSEM_CASE(RT_04_many,
           .rules = "RT-04 RT-01",
           .area = "deadlock",
           .needs = cap::select | cap::nil_chan | cap::introspection)
{
    auto never = make_chan<int>(rt);
    auto full = make_chan<int>(rt, 1);
    full.send(0);
    for (int i = 0; i < 20; ++i) {
        rt.go([never] { never.recv(); });
        rt.go([full] { full.send(1); });
        rt.go([&rt, never, full] { select(rt, recv_case{never}, send_case{full, 2}); });
        rt.go([&rt] { nil_chan<int>(rt).send(3); });
        rt.go([&rt] { nil_chan<int>(rt).recv(); });
    }
    rt.wait_blocked(100);
}

// While main keeps working, through waits of its own on a busy worker, goroutines parked for
// ever beside it are no deadlock; main then returns.
GOSEM_CASE(RT_04_main_runs,
           .rules = "RT-04 RT-02",
           .area = "deadlock")
{
    auto never = make_chan<int>(rt);
    for (int i = 0; i < 10; ++i) rt.go([never] { never.recv(); });
    auto request = make_chan<int>(rt);
    auto reply = make_chan<int>(rt);
    rt.go([request, reply] {
        for (;;) {
            int n = request.recv();
            long sum = 0;
            for (int k = 0; k < 1000; ++k) sum += k % (n + 1);
            reply.send(static_cast<int>(sum % 7));
        }
    });
    for (int i = 0; i < 200; ++i) {
        request.send(i);
        int r = reply.recv();
        check(r >= 0 && r < 7, "the worker's answer");
    }
}

// The deadlock of the notes with other goroutines alive: they are all blocked elsewhere, so
// main's send is still a deadlock.
GOSEM_CASE(N11_01_goroutines,
           .rules = "N11-01 RT-02 RT-03",
           .notes = "N11",
           .area = "deadlock",
           .expect = deadlocks("chan send"))
{
    auto other = make_chan<int>(rt);
    for (int i = 0; i < 3; ++i) rt.go([other] { other.recv(); });
    auto ch = make_chan<int>(rt);
    ch.send(1);
}

// Goroutines parked in every kind of channel wait, none able to wake another, and main in a
// receive: a deadlock, named by main's own wait.
GOSEM_CASE(RT_02_several,
           .rules = "RT-02 RT-03",
           .area = "deadlock",
           .expect = deadlocks("chan receive"),
           .needs = cap::select | cap::nil_chan)
{
    auto unreceived = make_chan<int>(rt);
    auto unsent = make_chan<int>(rt);
    auto quiet1 = make_chan<int>(rt);
    auto quiet2 = make_chan<int>(rt);
    rt.go([unreceived] { unreceived.send(1); });
    rt.go([unsent] { unsent.recv(); });
    rt.go([&rt, quiet1, quiet2] { select(rt, recv_case{quiet1}, recv_case{quiet2}); });
    rt.go([&rt] { nil_chan<int>(rt).send(1); });
    rt.go([&rt] { nil_chan<int>(rt).recv(); });
    make_chan<int>(rt).recv();
}

// Goroutines waiting on a mutex and on a WaitGroup count as asleep too.
GOSEM_CASE(RT_02_sync,
           .rules = "RT-02 RT-03 MU-02 WG-05",
           .area = "deadlock",
           .expect = deadlocks("chan receive"),
           .needs = cap::mutex | cap::waitgroup)
{
    auto m = std::make_shared<typename R::mutex>();
    m->lock();
    rt.go([m] { m->lock(); });
    auto wg = std::make_shared<typename R::waitgroup>();
    wg->add(1);
    rt.go([wg] { wg->wait(); });
    make_chan<int>(rt).recv();
}

// A hundred goroutines pass a value down a chain, each then parking for ever, spread over the
// processors: once main has the value and parks too, that is a deadlock.
GOSEM_CASE(RT_02_many,
           .rules = "RT-02 RT-03",
           .area = "deadlock",
           .expect = deadlocks("chan receive"))
{
    constexpr int links = 100;
    auto never = make_chan<int>(rt);
    auto head = make_chan<int>(rt);
    auto in = head;
    for (int i = 0; i < links; ++i) {
        auto out = make_chan<int>(rt);
        rt.go([in, out, never] {
            out.send(in.recv() + 1);
            never.recv();
        });
        in = out;
    }
    head.send(0);
    check_eq(in.recv(), links, "the value went down the chain");
    never.recv();
}

// main blocked in a select whose channels nobody will use, beside a goroutine parked in a send:
// the report names "select".
GOSEM_CASE(RT_02_select,
           .rules = "RT-02 RT-03 CH-SEL-08",
           .area = "deadlock",
           .expect = deadlocks("select"),
           .needs = cap::select)
{
    auto unreceived = make_chan<int>(rt);
    rt.go([unreceived] { unreceived.send(1); });
    auto a = make_chan<int>(rt);
    auto b = make_chan<int>(rt, 1);
    select(rt, recv_case{a}, recv_case{b});
}

// main sending on a full buffered channel nobody drains: a deadlock in "chan send".
GOSEM_CASE(RT_02_full,
           .rules = "RT-02 RT-03 CH-SND-04",
           .area = "deadlock",
           .expect = deadlocks("chan send"))
{
    auto ch = make_chan<int>(rt, 2);
    ch.send(1);
    ch.send(2);
    ch.send(3);
}

// The deadlock is found at whatever GOMAXPROCS the program set while running.
GOSEM_CASE(RT_02_gomaxprocs,
           .rules = "RT-02 RT-03 N7-02",
           .area = "deadlock",
           .expect = deadlocks("chan receive"),
           .needs = cap::introspection)
{
    rt.gomaxprocs(rt.gomaxprocs() == 1 ? 2 : 1);
    auto never = make_chan<int>(rt);
    rt.go([never] { never.recv(); });
    never.recv();
}

// A goroutine back from a blocking call counts as asleep again once it parks on a channel:
// the deadlock is then reported.
GOSEM_CASE(RT_02_after_blocking_call,
           .rules = "RT-02 N5-02",
           .area = "deadlock",
           .expect = deadlocks("chan receive"),
           .needs = cap::blocking_call)
{
    int fds[2];
    check(::pipe(fds) == 0, "pipe");
    auto never = make_chan<int>(rt);
    rt.go([&rt, fds, never] {
        char byte = 0;
        rt.blocking_call([&] { check(::read(fds[0], &byte, 1) == 1, "read from the pipe"); });
        never.recv();
    });
    rt.go([fds] {
        char byte = 'x';
        check(::write(fds[1], &byte, 1) == 1, "write to the pipe");
    });
    never.recv();
}

// Once the last pending timer has fired and its goroutine has ended, the deadlock it hid is
// reported.
GOSEM_CASE(RT_05_fired,
           .rules = "RT-05 RT-02",
           .area = "deadlock",
           .expect = deadlocks("chan receive"),
           .needs = cap::time)
{
    rt.go([&rt] { rt.sleep(std::chrono::milliseconds(10)); });
    make_chan<int>(rt).recv();
}

// A select on a channel nobody uses and on a timer an hour away just waits.
GOSEM_CASE(RT_05_after,
           .rules = "RT-05 N10-04",
           .area = "deadlock",
           .expect = blocks(),
           .needs = cap::select | cap::time)
{
    select(rt, recv_case{make_chan<int>(rt)}, recv_case{rt.after(std::chrono::hours(1))});
}

// main asleep in a long sleep beside a goroutine parked for ever: no deadlock, the program
// waits.
GOSEM_CASE(RT_05_main_sleeps,
           .rules = "RT-05",
           .area = "deadlock",
           .expect = blocks(),
           .needs = cap::time)
{
    auto never = make_chan<int>(rt);
    rt.go([never] { never.recv(); });
    rt.sleep(std::chrono::hours(1));
}

// A panic in a goroutine ends the program while main is still running, not blocked.
GOSEM_CASE(RT_08_main_running,
           .rules = "RT-08 CH-CLS-07",
           .area = "deadlock",
           .expect = panics("boom while main runs"),
           .needs = cap::recover)
{
    rt.go([&rt] { rt.panic("boom while main runs"); });
    for (;;) rt.yield();
}

// A goroutine's panic is its own: a recover in main, around the go statement and a wait,
// does not catch it, and the program ends.
GOSEM_CASE(RT_08_no_cross_recover,
           .rules = "RT-08 CH-CLS-07",
           .area = "deadlock",
           .expect = panics("boom in a goroutine"),
           .needs = cap::recover)
{
    auto caught = rt.recover([&rt] {
        rt.go([&rt] { rt.panic("boom in a goroutine"); });
        make_chan<int>(rt).recv();
    });
    check(!caught, "main recovered another goroutine's panic");
}

// A deadlock is a fatal error: a recover around the wait does not catch it.
GOSEM_CASE(RT_10_deadlock,
           .rules = "RT-10 RT-02 RT-03",
           .area = "deadlock",
           .expect = deadlocks("chan receive"),
           .needs = cap::recover)
{
    rt.recover([&rt] { make_chan<int>(rt).recv(); });
    fail("the deadlock was recovered");
}

// On a fatal error no deferred call runs, in main or in another goroutine (in C++: no
// destructor of a blocked goroutine's frame).
GOSEM_CASE(RT_10_deferred,
           .rules = "RT-10 RT-02",
           .area = "deadlock",
           .expect = deadlocks("chan receive"))
{
    struct deferred_check {
        ~deferred_check() { fail("a deferred call ran after the fatal error"); }
    };
    auto never = make_chan<int>(rt);
    rt.go([never] {
        deferred_check in_goroutine;
        never.recv();
    });
    deferred_check in_main;
    never.recv();
}

}  // namespace gosem_conformance::cases
