// Making channels, len and cap (Go spec: "Channel types", "Making slices, maps and channels",
// "Length and capacity"): rules CH-MK-*.
#pragma once

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

namespace gosem_conformance::cases {

// A channel variable that was never assigned is nil, and equal to any other nil channel.
GOSEM_CASE(CH_MK_01,
           .rules = "CH-MK-01 CH-MK-10",
           .area = "nil",
           .needs = cap::nil_chan)
{
    chan_t<R, int> zero{};
    check(zero == nil_chan<int>(rt), "a zero channel value equals nil");
    check(!(zero == make_chan<int>(rt)), "a made channel is not nil");
}

// make(chan T) and make(chan T, 0) are both unbuffered: capacity 0, nothing queued.
GOSEM_CASE(CH_MK_02,
           .rules = "CH-MK-02 CH-MK-05 N10-01",
           .notes = "N10",
           .area = "chan",
           .needs = cap::len_cap)
{
    auto a = make_chan<int>(rt);
    auto b = make_chan<int>(rt, 0);
    check_eq(int(a.cap()), 0, "cap(make(chan int))");
    check_eq(int(b.cap()), 0, "cap(make(chan int, 0))");
    check_eq(int(a.len()) + int(b.len()), 0, "len of new unbuffered channels");
}

// make(chan T, n) has a buffer of exactly n: cap is n, and len counts what is queued.
GOSEM_CASE(CH_MK_03,
           .rules = "CH-MK-03 CH-MK-05",
           .notes = "N13",
           .area = "chan",
           .needs = cap::len_cap)
{
    for (int n : {1, 2, 5, 100}) {
        auto ch = make_chan<int>(rt, n);
        check_eq(int(ch.cap()), n, "cap(make(chan int, n))");
        check_eq(int(ch.len()), 0, "len of a new channel");
    }
}

// A buffer of n takes exactly n values without a receiver: the next send would block.
GOSEM_CASE(CH_MK_03_room,
           .rules = "CH-MK-03 CH-SND-03 CH-SND-04",
           .notes = "N13",
           .area = "chan",
           .needs = cap::select)
{
    for (int n : {1, 2, 3, 5, 6}) {
        auto ch = make_chan<int>(rt, n);
        for (int i = 0; i < n; ++i) {
            check_eq(select_default(rt, send_case{ch, i}), 0, "a send while there is room");
        }
        check_eq(select_default(rt, send_case{ch, n}), -1, "a send to the full buffer");
    }
}

// A negative size computed at run time panics.
GOSEM_CASE(CH_MK_04,
           .rules = "CH-MK-04 RT-08",
           .area = "chan",
           .expect = panics("makechan: size out of range"))
{
    std::int64_t size = -1;
    auto ch = make_chan<int>(rt, size);
    ch.send(1);
}

// len follows sends and receives; cap never changes.
GOSEM_CASE(CH_MK_05,
           .rules = "CH-MK-05",
           .area = "chan",
           .needs = cap::len_cap)
{
    auto ch = make_chan<int>(rt, 5);
    for (int i = 1; i <= 3; ++i) {
        ch.send(i);
        check_eq(int(ch.len()), i, "len after a send");
    }
    ch.recv();
    check_eq(int(ch.len()), 2, "len after a receive");
    check_eq(int(ch.cap()), 5, "cap is unchanged");
}

// len and cap of a nil channel are 0.
GOSEM_CASE(CH_MK_06,
           .rules = "CH-MK-06",
           .area = "nil",
           .needs = cap::nil_chan | cap::len_cap)
{
    auto ch = nil_chan<int>(rt);
    check_eq(int(ch.len()), 0, "len(nil chan)");
    check_eq(int(ch.cap()), 0, "cap(nil chan)");
}

// A parked sender is not in the buffer: len is 0 unbuffered, and cap when the buffer is full.
GOSEM_CASE(CH_MK_07,
           .rules = "CH-MK-07",
           .area = "chan",
           .flags = flag::impl_defined,
           .needs = cap::len_cap | cap::introspection)
{
    auto unbuffered = make_chan<int>(rt);
    rt.go([unbuffered] { unbuffered.send(1); });
    rt.wait_blocked(1);
    check_eq(int(unbuffered.len()), 0, "len(unbuffered) with a parked sender");

    auto full = make_chan<int>(rt, 2);
    full.send(1);
    full.send(2);
    rt.go([full] { full.send(3); });
    rt.wait_blocked(2);
    check_eq(int(full.len()), 2, "len(full buffer) with a parked sender");
    check_eq(unbuffered.recv(), 1, "the parked sender's value");
}

// Closing changes neither len nor cap, and the buffered values stay.
GOSEM_CASE(CH_MK_08,
           .rules = "CH-MK-08 CH-RCV-04",
           .area = "close",
           .needs = cap::len_cap)
{
    auto ch = make_chan<int>(rt, 3);
    ch.send(10);
    ch.send(20);
    ch.close();
    check_eq(int(ch.len()), 2, "len after close");
    check_eq(int(ch.cap()), 3, "cap after close");
    check_eq(ch.recv(), 10, "first buffered value after close");
    check_eq(int(ch.len()), 1, "len after receiving one");
}

// Zero-size elements travel like any others, buffered or not, up to close.
GOSEM_CASE(CH_MK_09,
           .rules = "CH-MK-09",
           .area = "chan")
{
    for (auto n : swept_capacities) {
        auto ch = make_chan<empty_value>(rt, n);
        rt.go([ch] {
            for (int i = 0; i < 10; ++i) ch.send(empty_value{});
            ch.close();
        });
        int received = 0;
        for (;;) {
            auto [v, ok] = ch.recv_ok();
            if (!ok) break;
            ++received;
        }
        check_eq(received, 10, "zero-size values received");
    }
}

// Channels are equal when they come from the same make.
GOSEM_CASE(CH_MK_10,
           .rules = "CH-MK-10 CH-MK-11",
           .area = "chan")
{
    auto a = make_chan<int>(rt, 1);
    auto copy = a;
    auto b = make_chan<int>(rt, 1);
    check(a == copy, "a copy equals its original");
    check(!(a == b), "two makes are different channels");
}

// Every copy of a channel value operates on the same channel.
GOSEM_CASE(CH_MK_11,
           .rules = "CH-MK-11 N9-01",
           .notes = "N9",
           .area = "chan")
{
    auto original = make_chan<int>(rt, 1);
    auto copy = original;
    rt.go([copy] { copy.send(42); });
    check_eq(original.recv(), 42, "sent through a copy, received through the original");
    copy.close();
    auto [v, ok] = original.recv_ok();
    check(!ok && v == 0, "closed through a copy");
}

// len and cap see the channel through its directional views.
GOSEM_CASE(CH_MK_12,
           .rules = "CH-MK-12 CH-DIR-07",
           .notes = "N14",
           .area = "direction",
           .needs = cap::len_cap | cap::direction)
{
    auto ch = make_chan<int>(rt, 4);
    send_chan_t<R, int> s = ch;
    recv_chan_t<R, int> r = ch;
    s.send(1);
    s.send(2);
    check_eq(int(s.len()), 2, "len through the send-only view");
    check_eq(int(r.len()), 2, "len through the receive-only view");
    check_eq(int(s.cap()) + int(r.cap()), 8, "cap through both views");
}

}  // namespace gosem_conformance::cases
