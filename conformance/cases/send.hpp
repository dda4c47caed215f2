// Send statements (Go spec, "Send statements"): rules CH-SND-*.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

namespace gosem_conformance::cases {

// The channel and the value are evaluated, channel first, although the send never proceeds.
GOSEM_CASE(CH_SND_01,
           .rules = "CH-SND-01",
           .area = "chan")
{
    auto evaluated = make_chan<std::string>(rt, 2);
    auto never_received = make_chan<int>(rt);
    rt.go([evaluated, never_received] {
        auto channel = [&] {
            evaluated.send("channel");
            return never_received;
        };
        auto value = [&] {
            evaluated.send("value");
            return 1;
        };
        channel().send(value());
    });
    check_eq(evaluated.recv(), std::string("channel"), "evaluated first");
    check_eq(evaluated.recv(), std::string("value"), "evaluated second");
}

// An unbuffered send waits for a receiver: until one comes, the sender has not gone on.
GOSEM_CASE(CH_SND_02,
           .rules = "CH-SND-02 N12-02",
           .notes = "N12",
           .area = "chan",
           .needs = cap::introspection | cap::len_cap)
{
    auto ch = make_chan<int>(rt);
    auto sent = make_chan<int>(rt, 1);
    rt.go([ch, sent] {
        ch.send(7);
        sent.send(1);
    });
    rt.wait_blocked(1);
    check_eq(int(sent.len()), 0, "the sender has not gone on before a receiver came");
    check_eq(ch.recv(), 7, "the value");
    check_eq(sent.recv(), 1, "the sender goes on after the receive");
}

// With no receiver, a non-blocking send on an unbuffered channel cannot proceed.
GOSEM_CASE(CH_SND_02_select,
           .rules = "CH-SND-02 CH-SEL-06 N10-01",
           .notes = "N10",
           .area = "chan",
           .needs = cap::select)
{
    auto ch = make_chan<int>(rt);
    check_eq(select_default(rt, send_case{ch, 1}), -1, "no receiver: default");
}

// Sends into a buffer with room complete with no receiver at all.
GOSEM_CASE(CH_SND_03,
           .rules = "CH-SND-03 N13-01",
           .notes = "N13",
           .area = "chan")
{
    for (int n : {1, 3, 5}) {
        auto ch = make_chan<int>(rt, n);
        for (int i = 0; i < n; ++i) ch.send(i);
        for (int i = 0; i < n; ++i) check_eq(ch.recv(), i, "buffered value");
    }
}

// A send to a full buffer waits until a receive makes room.
GOSEM_CASE(CH_SND_04,
           .rules = "CH-SND-04 MM-04",
           .area = "chan",
           .needs = cap::introspection | cap::len_cap)
{
    auto ch = make_chan<int>(rt, 2);
    auto sent = make_chan<int>(rt, 1);
    ch.send(1);
    ch.send(2);
    rt.go([ch, sent] {
        ch.send(3);
        sent.send(1);
    });
    rt.wait_blocked(1);
    check_eq(int(sent.len()), 0, "the third send waits on the full buffer");
    check_eq(ch.recv(), 1, "first value");
    check_eq(sent.recv(), 1, "the receive made room");
    check_eq(ch.recv(), 2, "second value");
    check_eq(ch.recv(), 3, "third value");
}

// A non-blocking send to a full buffer takes default, and proceeds once there is room.
GOSEM_CASE(CH_SND_04_select,
           .rules = "CH-SND-04 CH-SEL-06",
           .area = "chan",
           .needs = cap::select)
{
    auto ch = make_chan<int>(rt, 1);
    ch.send(1);
    check_eq(select_default(rt, send_case{ch, 2}), -1, "full: default");
    ch.recv();
    check_eq(select_default(rt, send_case{ch, 2}), 0, "room again: the send");
    check_eq(ch.recv(), 2, "the value sent by select");
}

// A send on a nil channel never proceeds; the goroutine stays blocked while main goes on and
// returns, and nothing is reported.
GOSEM_CASE(CH_SND_05,
           .rules = "CH-SND-05 RT-04",
           .area = "nil",
           .needs = cap::nil_chan | cap::introspection | cap::len_cap)
{
    auto nil = nil_chan<int>(rt);
    auto sent = make_chan<int>(rt, 1);
    rt.go([nil, sent] {
        nil.send(1);
        sent.send(1);
    });
    rt.wait_blocked(1);
    for (int i = 0; i < 100; ++i) rt.yield();
    check_eq(int(sent.len()), 0, "the send on nil never proceeded");
}

// A send on a nil channel in main, with nothing else to run, is a deadlock.
GOSEM_CASE(CH_SND_05_main,
           .rules = "CH-SND-05 RT-02 RT-03",
           .area = "nil",
           .expect = deadlocks("chan send (nil chan)"),
           .needs = cap::nil_chan)
{
    nil_chan<int>(rt).send(1);
}

// A send on a closed channel panics; uncaught, the panic ends the program.
GOSEM_CASE(CH_SND_06,
           .rules = "CH-SND-06 RT-08",
           .area = "close",
           .expect = panics("send on closed channel"))
{
    auto ch = make_chan<int>(rt, 1);
    ch.close();
    ch.send(1);
}

// The same on an unbuffered channel: once closed it has no receiver to pair with, and the send
// panics at once.
GOSEM_CASE(CH_SND_06_unbuffered,
           .rules = "CH-SND-06",
           .area = "close",
           .expect = panics("send on closed channel"))
{
    auto ch = make_chan<int>(rt);
    ch.close();
    ch.send(1);
}

// The panic can be recovered in the sending goroutine, which then carries on.
GOSEM_CASE(CH_SND_07,
           .rules = "CH-SND-07",
           .area = "close",
           .needs = cap::recover)
{
    auto ch = make_chan<int>(rt, 1);
    ch.close();
    auto message = rt.recover([&] { ch.send(1); });
    check(message.has_value(), "the send panicked");
    check_eq(*message, std::string("send on closed channel"), "the panic's message");
    auto [v, ok] = ch.recv_ok();
    check(!ok && v == 0, "nothing was queued by the failed send");
}

// An unbuffered send completes only after the receiver took the value: what the receiver did
// before its receive is visible to the sender after its send.
GOSEM_CASE(CH_SND_08,
           .rules = "CH-SND-08 MM-03",
           .notes = "N10",
           .area = "chan",
           .flags = flag::nondeterministic)
{
    for (int round = 0; round < 200; ++round) {
        auto ch = make_chan<int>(rt);
        auto written = std::make_shared<std::atomic<int>>(0);
        rt.go([ch, written, round] {
            written->store(round + 1, std::memory_order_relaxed);
            ch.recv();
        });
        ch.send(0);
        check_eq(written->load(std::memory_order_relaxed), round + 1,
                 "the receiver's earlier write, seen after the send");
    }
}

}  // namespace gosem_conformance::cases
