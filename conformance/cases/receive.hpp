// The receive operator (Go spec, "Receive operator"): rules CH-RCV-*.
#pragma once

#include <string>

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

namespace gosem_conformance::cases {

// A receive waits for a value: the receiver has not gone on until the send.
GOSEM_CASE(CH_RCV_01,
           .rules = "CH-RCV-01 N12-01",
           .notes = "N12",
           .area = "chan",
           .needs = cap::introspection | cap::len_cap)
{
    auto ch = make_chan<int>(rt);
    auto got = make_chan<int>(rt, 1);
    rt.go([ch, got] { got.send(ch.recv()); });
    rt.wait_blocked(1);
    check_eq(int(got.len()), 0, "the receiver waits");
    ch.send(5);
    check_eq(got.recv(), 5, "the receiver got the value sent");
}

// What one goroutine sends, another receives, whichever arrives first.
GOSEM_CASE(CH_RCV_01_value,
           .rules = "CH-RCV-01 N9-01",
           .notes = "N17",
           .area = "chan")
{
    for (auto n : swept_capacities) {
        auto ch = make_chan<int>(rt, n);
        rt.go([ch] { ch.send(5); });
        check_eq(ch.recv(), 5, "x := <-ch");
    }
}

// A receive from a nil channel never proceeds; main goes on and returns.
GOSEM_CASE(CH_RCV_02,
           .rules = "CH-RCV-02 RT-04",
           .area = "nil",
           .needs = cap::nil_chan | cap::introspection | cap::len_cap)
{
    auto nil = nil_chan<int>(rt);
    auto got = make_chan<int>(rt, 1);
    rt.go([nil, got] { got.send(nil.recv()); });
    rt.wait_blocked(1);
    for (int i = 0; i < 100; ++i) rt.yield();
    check_eq(int(got.len()), 0, "the receive from nil never proceeded");
}

// A receive from a nil channel in main, with nothing else to run, is a deadlock.
GOSEM_CASE(CH_RCV_02_main,
           .rules = "CH-RCV-02 RT-02 RT-03",
           .area = "nil",
           .expect = deadlocks("chan receive (nil chan)"),
           .needs = cap::nil_chan)
{
    nil_chan<int>(rt).recv();
}

// Receives from a closed channel never block, however many.
GOSEM_CASE(CH_RCV_03,
           .rules = "CH-RCV-03 CH-RCV-05",
           .area = "close")
{
    for (auto n : swept_capacities) {
        auto ch = make_chan<int>(rt, n);
        ch.close();
        for (int i = 0; i < 100; ++i) {
            auto [v, ok] = ch.recv_ok();
            check(!ok && v == 0, "(0, false) from a closed channel");
        }
    }
}

// Values sent before close come first, in order and with ok true; then (zero, false).
GOSEM_CASE(CH_RCV_04,
           .rules = "CH-RCV-04 CH-RCV-05 CH-ORD-01",
           .area = "close")
{
    for_each_element_type([&]<class T>() {
        for (auto n : swept_capacities) {
            auto ch = make_chan<T>(rt, n);
            rt.go([ch] {
                for (int i = 1; i <= 5; ++i) ch.send(make_value<T>(i));
                ch.close();
            });
            for (int i = 1; i <= 5; ++i) {
                auto [v, ok] = ch.recv_ok();
                check(ok && same_value(v, i), "a value sent before close, in order");
            }
            for (int i = 0; i < 3; ++i) {
                auto [v, ok] = ch.recv_ok();
                check(!ok && is_zero(v), "then the zero value, not ok");
            }
        }
    });
}

// The value a closed channel yields is the element type's zero value.
GOSEM_CASE(CH_RCV_06,
           .rules = "CH-RCV-06 CH-RCV-03",
           .area = "close")
{
    for_each_element_type([&]<class T>() {
        auto ch = make_chan<T>(rt, 1);
        ch.close();
        auto [v, ok] = ch.recv_ok();
        check(!ok && is_zero(v), "the zero value of the element type");
        T plain = ch.recv();
        check(is_zero(plain), "also from a plain receive");
    });
}

// ok reports where the value came from: a sent zero value is received with ok true.
GOSEM_CASE(CH_RCV_07,
           .rules = "CH-RCV-07",
           .area = "close")
{
    for_each_element_type([&]<class T>() {
        auto ch = make_chan<T>(rt, 1);
        ch.send(T{});
        ch.close();
        auto [sent, sent_ok] = ch.recv_ok();
        check(sent_ok && is_zero(sent), "a sent zero value: ok is true");
        auto [closed, closed_ok] = ch.recv_ok();
        check(!closed_ok && is_zero(closed), "closed: ok is false");
    });
}

// A receive from an empty buffered channel waits for a send.
GOSEM_CASE(CH_RCV_08,
           .rules = "CH-RCV-08",
           .area = "chan",
           .needs = cap::introspection | cap::len_cap)
{
    auto ch = make_chan<int>(rt, 3);
    auto got = make_chan<int>(rt, 1);
    rt.go([ch, got] { got.send(ch.recv()); });
    rt.wait_blocked(1);
    check_eq(int(got.len()), 0, "the receiver waits on the empty buffer");
    ch.send(9);
    check_eq(got.recv(), 9, "then gets the value");
}

// A non-blocking receive from an empty buffered channel takes default.
GOSEM_CASE(CH_RCV_08_select,
           .rules = "CH-RCV-08 CH-SEL-06",
           .area = "chan",
           .needs = cap::select)
{
    auto ch = make_chan<int>(rt, 3);
    recv_case r{ch};
    check_eq(select_default(rt, r), -1, "empty: default");
    ch.send(4);
    check_eq(select_default(rt, r), 0, "a value: the receive");
    check(r.ok && r.value == 4, "the value received by select");
}

}  // namespace gosem_conformance::cases
