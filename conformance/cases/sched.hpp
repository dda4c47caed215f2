// Goroutines and the scheduler, as the source notes describe them (N1, N2, N4 to N7; spec "Go
// statements"; runtime package documentation).
#pragma once

#include <atomic>
#include <cstdlib>
#include <memory>
#include <unistd.h>

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

namespace gosem_conformance::cases {

// On a single thread, two goroutines that hand a value back and forth both finish.
GOSEM_CASE(N1_01,
           .rules = "N1-01",
           .notes = "N1",
           .area = "sched",
           .gomaxprocs = procs::one)
{
    auto ping = make_chan<int>(rt);
    auto pong = make_chan<int>(rt);
    auto done = make_chan<int>(rt, 2);
    rt.go([ping, pong, done] {
        for (int i = 0; i < 1000; ++i) pong.send(ping.recv() + 1);
        done.send(1);
    });
    rt.go([ping, pong, done] {
        int v = 0;
        for (int i = 0; i < 1000; ++i) {
            ping.send(v);
            v = pong.recv();
        }
        done.send(v);
    });
    int a = done.recv(), b = done.recv();
    check_eq(a + b, 1001, "both finished, after 1000 round trips");
}

// On a single thread, a goroutine waiting on a channel lets the others run.
GOSEM_CASE(N1_02,
           .rules = "N1-02",
           .notes = "N1",
           .area = "sched",
           .gomaxprocs = procs::one)
{
    auto input = make_chan<long>(rt);
    auto output = make_chan<long>(rt);
    auto computed = make_chan<long>(rt);
    rt.go([input, output] { output.send(input.recv() * 2); });  // waits first
    rt.go([computed] {
        long sum = 0;
        for (long i = 1; i <= 100000; ++i) sum += i;
        computed.send(sum);
    });
    input.send(computed.recv());
    check_eq(output.recv(), 10000100000L, "the waiting goroutine ran once its input came");
}

// go does not wait for the goroutine: the caller goes on while the goroutine is blocked.
GOSEM_CASE(N2_01,
           .rules = "N2-01",
           .notes = "N2",
           .area = "sched")
{
    auto gate = make_chan<int>(rt);
    auto done = make_chan<int>(rt);
    rt.go([gate, done] { done.send(gate.recv() + 1); });
    gate.send(41);  // reached only because go returned before the goroutine finished
    check_eq(done.recv(), 42, "the goroutine finished after the caller went on");
}

// Ten thousand goroutines, each blocked on a channel, all exist at once and all finish.
GOSEM_CASE(N2_02,
           .rules = "N2-02",
           .notes = "N2",
           .area = "sched",
           .flags = flag::impl_defined)
{
    constexpr int goroutines = 10000;
    auto release = make_chan<int>(rt);
    auto done = make_chan<int>(rt, goroutines);
    for (int i = 0; i < goroutines; ++i) {
        rt.go([release, done] {
            auto [v, ok] = release.recv_ok();
            done.send(ok ? 0 : 1);
        });
    }
    release.close();
    int finished = 0;
    for (int i = 0; i < goroutines; ++i) finished += done.recv();
    check_eq(finished, goroutines, "every goroutine finished");
}

// A goroutine that spins without blocking or yielding does not stop the others.
GOSEM_CASE(N4_01,
           .rules = "N4-01",
           .notes = "N4",
           .area = "sched",
           .flags = flag::impl_defined)
{
    auto stop = std::make_shared<std::atomic<bool>>(false);
    auto spinning = make_chan<int>(rt);
    rt.go([stop, spinning] {
        spinning.send(1);
        while (!stop->load(std::memory_order_relaxed)) {
        }
    });
    spinning.recv();
    auto ping = make_chan<int>(rt);
    rt.go([ping] {
        for (int i = 0; i < 100; ++i) ping.send(i);
    });
    for (int i = 0; i < 100; ++i) check_eq(ping.recv(), i, "the others run beside the spinner");
    stop->store(true);
}

// A goroutine blocked in a system call hands its processor on: the goroutine that will
// unblock it gets to run, even at GOMAXPROCS 1.
GOSEM_CASE(N5_01,
           .rules = "N5-01",
           .notes = "N5",
           .area = "sched",
           .needs = cap::blocking_call)
{
    int fds[2];
    check(::pipe(fds) == 0, "pipe");
    rt.go([fds] {
        char byte = 'x';
        check(::write(fds[1], &byte, 1) == 1, "write to the pipe");
    });
    char got = 0;
    rt.blocking_call([&] { check(::read(fds[0], &got, 1) == 1, "read from the pipe"); });
    check_eq(got, 'x', "the byte the other goroutine wrote while this one was in read");
}

// NumGoroutine counts blocked goroutines as well as running ones.
GOSEM_CASE(N6_01,
           .rules = "N6-01",
           .notes = "N6",
           .area = "sched",
           .needs = cap::introspection)
{
    int before = rt.num_goroutine();
    auto never = make_chan<int>(rt);
    for (int i = 0; i < 3; ++i) rt.go([never] { never.recv(); });
    rt.wait_blocked(3);
    check_eq(rt.num_goroutine(), before + 3, "three blocked goroutines are counted");
}

// A goroutine that has returned is no longer counted (waited for, not slept on).
GOSEM_CASE(N6_02,
           .rules = "N6-02",
           .notes = "N6",
           .area = "sched",
           .needs = cap::introspection)
{
    int before = rt.num_goroutine();
    auto done = make_chan<int>(rt);
    for (int i = 0; i < 3; ++i) rt.go([done] { done.send(1); });
    for (int i = 0; i < 3; ++i) done.recv();
    while (rt.num_goroutine() != before) rt.yield();
    check_eq(rt.num_goroutine(), before, "returned goroutines are gone");
}

// GOMAXPROCS(0) reports the value the program was started with (the environment's).
GOSEM_CASE(N7_01,
           .rules = "N7-01",
           .notes = "N7",
           .area = "sched",
           .needs = cap::introspection)
{
    const char* env = std::getenv("GOMAXPROCS");
    check(env != nullptr, "the runner sets GOMAXPROCS");
    check_eq(rt.gomaxprocs(), std::atoi(env), "GOMAXPROCS(0)");
}

// GOMAXPROCS(n) changes the setting and returns the previous one; the program goes on at the
// new setting.
GOSEM_CASE(N7_02,
           .rules = "N7-02",
           .notes = "N7",
           .area = "sched",
           .needs = cap::introspection)
{
    int start = rt.gomaxprocs();
    int other = start == 1 ? 2 : 1;
    check_eq(rt.gomaxprocs(other), start, "GOMAXPROCS(n) returns the previous setting");
    check_eq(rt.gomaxprocs(), other, "the new setting");
    auto ch = make_chan<int>(rt);
    rt.go([ch] { ch.send(1); });
    check_eq(ch.recv(), 1, "goroutines run at the new setting");
    check_eq(rt.gomaxprocs(start), other, "set back");
}

}  // namespace gosem_conformance::cases
