// Nil channels (Go spec, "Select statements", "Channel types"): in select, rules CH-SEL-09,
// CH-SEL-11 and CH-SEL-19 (the nil-ing of a closed case, notes N17); and the plain operations
// on nil channels of every element type and through directional views, variants of the rules
// whose main cases are with their operation (send.hpp, receive.hpp, close.hpp, make.hpp,
// range.hpp).
#pragma once

#include <string>

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

namespace gosem_conformance::cases {

// A case on a nil channel is never chosen, however often the select runs.
GOSEM_CASE(CH_SEL_09,
           .rules = "CH-SEL-09",
           .area = "nil",
           .needs = cap::select | cap::nil_chan)
{
    auto ready = make_chan<int>(rt, 1);
    auto nil = nil_chan<int>(rt);
    for (int i = 0; i < 1000; ++i) {
        ready.send(i);
        recv_case from_nil{nil};
        recv_case from_ready{ready};
        int chosen = select(rt, from_nil, send_case{nil, i}, from_ready);
        check_eq(chosen, 2, "the ready case, never a nil one");
        check_eq(from_ready.value, i, "the value");
    }
}

// With only nil cases, default is taken every time.
GOSEM_CASE(CH_SEL_09_default,
           .rules = "CH-SEL-09 CH-SEL-06",
           .area = "nil",
           .needs = cap::select | cap::nil_chan)
{
    auto nil = nil_chan<int>(rt);
    for (int i = 0; i < 100; ++i) {
        check_eq(select_default(rt, recv_case{nil}, send_case{nil, i}), -1, "default");
    }
}

// A blocked select with nil cases is woken through its one real channel, never a nil one.
GOSEM_CASE(CH_SEL_09_blocking,
           .rules = "CH-SEL-09 CH-SEL-08",
           .area = "nil",
           .needs = cap::select | cap::nil_chan | cap::introspection)
{
    auto nil = nil_chan<int>(rt);
    auto ch = make_chan<int>(rt);
    for (int i = 0; i < 10; ++i) {
        rt.go([&rt, ch, i] {
            rt.wait_blocked(1);  // main is in the select
            ch.send(i);
        });
        recv_case from_nil{nil};
        recv_case from_ch{ch};
        check_eq(select(rt, from_nil, send_case{nil, -1}, from_ch), 2, "the real channel's case");
        check_eq(from_ch.value, i, "its value");
    }
}

// Nil channels of every element type are never ready: default runs while they are the only
// cases, and a ready channel of the same type is chosen over them.
GOSEM_CASE(CH_SEL_09_types,
           .rules = "CH-SEL-09 CH-SEL-06",
           .area = "nil",
           .needs = cap::select | cap::nil_chan)
{
    for_each_element_type([&]<class T>() {
        auto nil = nil_chan<T>(rt);
        auto ready = make_chan<T>(rt, 1);
        check_eq(select_default(rt, recv_case{nil}, send_case{nil, make_value<T>(1)}), -1,
                 "only nil cases: default");
        ready.send(make_value<T>(2));
        recv_case from_ready{ready};
        check_eq(select(rt, recv_case{nil}, send_case{nil, make_value<T>(1)}, from_ready), 2,
                 "the ready channel, not a nil one");
        check(same_value(from_ready.value, 2), "its value");
    });
}

// A select with only nil cases and no default blocks forever: in main, a deadlock.
GOSEM_CASE(CH_SEL_11,
           .rules = "CH-SEL-11 RT-02 RT-03",
           .area = "nil",
           .expect = deadlocks("select"),
           .needs = cap::select | cap::nil_chan)
{
    auto nil = nil_chan<int>(rt);
    select(rt, recv_case{nil}, send_case{nil, 1});
}

// A goroutine in a select of nil cases only stays blocked for good; main goes on and returns.
GOSEM_CASE(CH_SEL_11_goroutine,
           .rules = "CH-SEL-11 RT-04",
           .area = "nil",
           .needs = cap::select | cap::nil_chan | cap::introspection | cap::len_cap)
{
    auto nil = nil_chan<int>(rt);
    auto done = make_chan<int>(rt, 1);
    rt.go([&rt, nil, done] {
        select(rt, recv_case{nil}, send_case{nil, 1});
        done.send(1);
    });
    rt.wait_blocked(1);
    check_eq(int(done.len()), 0, "the select never returns");
}

// Nil channels of several element types, receive and send cases, no default: main blocks
// forever, a deadlock.
GOSEM_CASE(CH_SEL_11_types,
           .rules = "CH-SEL-11 RT-02 RT-03",
           .area = "nil",
           .expect = deadlocks("select"),
           .needs = cap::select | cap::nil_chan)
{
    select(rt, recv_case{nil_chan<std::string>(rt)}, send_case{nil_chan<empty_value>(rt), empty_value{}},
           recv_case{nil_chan<move_only_value>(rt)});
}

// A select loop sets each channel to nil once it is found closed: the loop keeps serving the
// other channel, and ends when both are nil (notes N17, second way of receiving).
GOSEM_CASE(N17_01,
           .rules = "N17-01 CH-SEL-19 CH-SEL-12",
           .notes = "N17",
           .area = "nil",
           .needs = cap::select | cap::nil_chan)
{
    auto ch1 = make_chan<int>(rt);
    auto ch2 = make_chan<int>(rt);
    rt.go([ch1] {
        for (int i = 1; i <= 3; ++i) ch1.send(i);
        ch1.close();
    });
    rt.go([ch2] {
        for (int i = 10; i <= 30; i += 10) ch2.send(i);
        ch2.close();
    });
    auto a = ch1;
    auto b = ch2;
    int sum = 0, values = 0, closes = 0;
    while (!(a == nil_chan<int>(rt) && b == nil_chan<int>(rt))) {
        recv_case ra{a};
        recv_case rb{b};
        int chosen = select(rt, ra, rb);
        auto& got = chosen == 0 ? ra : rb;
        if (got.ok) {
            sum += got.value;
            ++values;
        } else {
            ++closes;
            (chosen == 0 ? a : b) = nil_chan<int>(rt);  // stop receiving from it
        }
    }
    check_eq(values, 6, "every value from both channels");
    check_eq(sum, 66, "their sum");
    check_eq(closes, 2, "each close seen exactly once");
}

// A closed channel's receive case stays ready; once the loop sets that channel to nil its case
// is off, and default runs when the other channel is drained too (notes N17).
GOSEM_CASE(CH_SEL_19,
           .rules = "CH-SEL-19 CH-SEL-12 CH-SEL-06",
           .notes = "N17",
           .area = "nil",
           .needs = cap::select | cap::nil_chan)
{
    auto closed = make_chan<int>(rt);
    auto values = make_chan<int>(rt, 3);
    closed.close();
    for (int i = 0; i < 3; ++i) values.send(i);
    auto a = closed;
    int received = 0, closes = 0, rounds = 0;
    for (; rounds < 100; ++rounds) {
        recv_case ra{a};
        recv_case rb{values};
        int chosen = select_default(rt, ra, rb);
        if (chosen == -1) break;
        if (chosen == 0) {
            check(ra.value == 0 && !ra.ok, "the closed channel's (0, false)");
            ++closes;
            a = nil_chan<int>(rt);  // stop receiving from it
        } else {
            check_eq(rb.value, received++, "the other channel's values, in order");
        }
    }
    check(rounds < 100, "default ran once both cases were off");
    check_eq(closes, 1, "the closed case ran once, then never again");
    check_eq(received, 3, "every value of the other channel");
}

// test/chan/select.go: a send loop sets each channel to nil once it sent on it, until default
// runs; every send value is evaluated on each round, a nil channel's included.
GOSEM_CASE(CH_SEL_19_send,
           .rules = "CH-SEL-19 CH-SEL-01 CH-SEL-09",
           .area = "nil",
           .needs = cap::select | cap::nil_chan)
{
    unsigned counter = 0, shift = 0;
    auto get_value = [&] {
        ++counter;
        return 1u << shift;
    };
    auto send_until_default = [&](chan_t<R, unsigned> a, chan_t<R, unsigned> b) {
        int sent = 0;
        for (;;) {
            send_case to_a{a, get_value()};
            send_case to_b{b, get_value()};
            int chosen = select_default(rt, to_a, to_b);
            if (chosen == -1) return sent;
            ++sent;
            (chosen == 0 ? a : b) = nil_chan<unsigned>(rt);
            ++shift;
        }
    };
    auto a = make_chan<unsigned>(rt, 1);
    auto b = make_chan<unsigned>(rt, 1);
    check_eq(send_until_default(a, b), 2, "a send on each channel, then default");
    check_eq(a.recv() | b.recv(), 3u, "the two values sent");
    check_eq(send_until_default(a, nil_chan<unsigned>(rt)), 1, "a send on a, then default");
    check_eq(counter, 10u, "send values evaluated, a nil channel's included");
}

// A send on a nil channel blocks forever, for every element type: four goroutines stay parked
// and main returns.
GOSEM_CASE(CH_SND_05_nil_types,
           .rules = "CH-SND-05 RT-04",
           .area = "nil",
           .needs = cap::nil_chan | cap::introspection | cap::len_cap)
{
    auto sent = make_chan<int>(rt, 4);
    for_each_element_type([&]<class T>() {
        rt.go([nil = nil_chan<T>(rt), sent] {
            nil.send(make_value<T>(1));
            sent.send(1);
        });
    });
    rt.wait_blocked(4);
    check_eq(int(sent.len()), 0, "no send on a nil channel proceeded");
}

// A send on a nil send-only view blocks forever too: in main, a deadlock.
GOSEM_CASE(CH_SND_05_nil_view,
           .rules = "CH-SND-05 RT-02 RT-03",
           .area = "nil",
           .expect = deadlocks("chan send (nil chan)"),
           .needs = cap::nil_chan | cap::direction)
{
    send_chan_t<R, int> s = nil_chan<int>(rt);
    s.send(1);
}

// A receive from a nil channel blocks forever, for every element type, with or without ok.
GOSEM_CASE(CH_RCV_02_nil_types,
           .rules = "CH-RCV-02 RT-04",
           .area = "nil",
           .needs = cap::nil_chan | cap::introspection | cap::len_cap)
{
    auto received = make_chan<int>(rt, 8);
    for_each_element_type([&]<class T>() {
        rt.go([nil = nil_chan<T>(rt), received] {
            nil.recv();
            received.send(1);
        });
        rt.go([nil = nil_chan<T>(rt), received] {
            nil.recv_ok();
            received.send(2);
        });
    });
    rt.wait_blocked(8);
    check_eq(int(received.len()), 0, "no receive from a nil channel proceeded");
}

// A receive from a nil receive-only view blocks forever too: in main, a deadlock.
GOSEM_CASE(CH_RCV_02_nil_view,
           .rules = "CH-RCV-02 RT-02 RT-03",
           .area = "nil",
           .expect = deadlocks("chan receive (nil chan)"),
           .needs = cap::nil_chan | cap::direction)
{
    recv_chan_t<R, int> r = nil_chan<int>(rt);
    r.recv();
}

// Closing a nil channel of any element type panics; the panic is an ordinary one, recovered
// each time, and the program goes on.
GOSEM_CASE(CH_CLS_01_nil_recovered,
           .rules = "CH-CLS-01 RT-08",
           .area = "nil",
           .needs = cap::nil_chan | cap::recover)
{
    for_each_element_type([&]<class T>() {
        auto nil = nil_chan<T>(rt);
        auto message = rt.recover([&] { nil.close(); });
        check_eq(message.value_or("no panic"), std::string("close of nil channel"), "panic");
    });
}

// Closing a nil send-only view panics as closing a nil channel does.
GOSEM_CASE(CH_CLS_01_nil_send_only,
           .rules = "CH-CLS-01 CH-DIR-06",
           .area = "nil",
           .expect = panics("close of nil channel"),
           .needs = cap::nil_chan | cap::direction)
{
    send_chan_t<R, int> s = nil_chan<int>(rt);
    s.close();
}

// len and cap of a nil channel are 0 for every element type, and through both directional
// views.
GOSEM_CASE(CH_MK_06_nil_views,
           .rules = "CH-MK-06 CH-MK-12",
           .area = "nil",
           .needs = cap::nil_chan | cap::len_cap | cap::direction)
{
    for_each_element_type([&]<class T>() {
        auto nil = nil_chan<T>(rt);
        send_chan_t<R, T> s = nil;
        recv_chan_t<R, T> r = nil;
        check(nil.len() == 0 && nil.cap() == 0, "len and cap of a nil channel");
        check(s.len() == 0 && s.cap() == 0, "len and cap of a nil send-only view");
        check(r.len() == 0 && r.cap() == 0, "len and cap of a nil receive-only view");
    });
}

}  // namespace gosem_conformance::cases
