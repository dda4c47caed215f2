// How a program ends: main returning, uncaught panics, and Go's deadlock report
// (Go spec, "Program execution"; runtime/proc.go checkdead): rules RT-*, and notes N11.
#pragma once

#include <chrono>

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

}  // namespace gosem_conformance::cases
