// The receive operator (Go spec, "Receive operator"): rules CH-RCV-*.
#pragma once

#include <string>

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

// The file's own words, in a namespace of their own so that no other case file's can clash.
namespace gosem_conformance::cases::receive_words {

// A goroutine receiving from ch, empty, waits: it has not gone on (`waits`) until main sends
// `value`, which it gets (`gets`).
template <class R>
void check_receiver_waits(R& rt, const chan_t<R, int>& ch, int value, const char* waits,
                          const char* gets) {
    auto got = make_chan<int>(rt, 1);
    rt.go([ch, got] { got.send(ch.recv()); });
    rt.wait_blocked(1);
    check_eq(int(got.len()), 0, waits);
    ch.send(value);
    check_eq(got.recv(), value, gets);
}

// Three more receives from ch, closed and drained: each gets (zero, false).
template <class Ch>
void check_drained_gives_zero(const Ch& ch) {
    for (int i = 0; i < 3; ++i) {
        auto [v, ok] = ch.recv_ok();
        check(!ok && is_zero(v), "then the zero value, not ok");
    }
}

}  // namespace gosem_conformance::cases::receive_words

namespace gosem_conformance::cases {

using namespace receive_words;

// A receive waits for a value: the receiver has not gone on until the send.
GOSEM_CASE(CH_RCV_01,
           .rules = "CH-RCV-01 N12-01",
           .notes = "N12",
           .area = "chan",
           .needs = cap::introspection | cap::len_cap)
{
    check_receiver_waits(rt, make_chan<int>(rt), 5, "the receiver waits",
                         "the receiver got the value sent");
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
            check_drained_gives_zero(ch);
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
    check_receiver_waits(rt, make_chan<int>(rt, 3), 9, "the receiver waits on the empty buffer",
                         "then gets the value");
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


// A receiver of any element type that came first, at any capacity, waits and then gets the
// value sent.
GOSEM_CASE(CH_RCV_01_types,
           .rules = "CH-RCV-01 CH-RCV-08 N12-01",
           .notes = "N12",
           .area = "chan",
           .needs = cap::introspection)
{
    for_each_element_type([&]<class T>() {
        for (auto n : swept_capacities) {
            auto ch = make_chan<T>(rt, n);
            auto got = make_chan<bool>(rt, 1);
            rt.go([ch, got] { got.send(same_value(ch.recv(), 3)); });
            rt.wait_blocked(1);
            ch.send(make_value<T>(3));
            check(got.recv(), "the parked receiver got the value sent");
        }
    });
}

// Several parked receivers, at any capacity: each value sent goes to exactly one of them.
GOSEM_CASE(CH_RCV_01_several,
           .rules = "CH-RCV-01 CH-ORD-03",
           .area = "chan",
           .needs = cap::introspection)
{
    constexpr int receivers = 4;
    for (auto n : swept_capacities) {
        auto ch = make_chan<int>(rt, n);
        auto got = make_chan<int>(rt, receivers);
        for (int i = 0; i < receivers; ++i) rt.go([ch, got] { got.send(ch.recv()); });
        rt.wait_blocked(receivers);
        for (int v = 1; v <= receivers; ++v) ch.send(v);
        unsigned seen = 0;
        for (int i = 0; i < receivers; ++i) {
            int v = got.recv();
            check(v >= 1 && v <= receivers && !(seen & (1u << v)), "each value received once");
            seen |= 1u << v;
        }
    }
}

// A receive through a nil receive-only view blocks for ever: in main, a deadlock.
GOSEM_CASE(CH_RCV_02_view,
           .rules = "CH-RCV-02 CH-DIR-01 RT-03",
           .notes = "N14",
           .area = "nil",
           .expect = deadlocks("chan receive (nil chan)"),
           .needs = cap::nil_chan | cap::direction)
{
    recv_chan_t<R, int> r = nil_chan<int>(rt);
    r.recv();
}

// A receive with ok from a nil channel blocks for ever as well.
GOSEM_CASE(CH_RCV_02_ok,
           .rules = "CH-RCV-02 RT-03",
           .area = "nil",
           .expect = deadlocks("chan receive (nil chan)"),
           .needs = cap::nil_chan)
{
    [[maybe_unused]] auto [v, ok] = nil_chan<int>(rt).recv_ok();
    check(false, "a receive from nil returned");
}

// A closed, empty channel of any element type and capacity never blocks: every receive, plain
// or with ok, yields the zero value at once.
GOSEM_CASE(CH_RCV_03_types,
           .rules = "CH-RCV-03 CH-RCV-05 CH-RCV-06",
           .area = "close")
{
    for_each_element_type([&]<class T>() {
        for (auto n : swept_capacities) {
            auto ch = make_chan<T>(rt, n);
            ch.close();
            for (int i = 0; i < 10; ++i) {
                auto [v, ok] = ch.recv_ok();
                check(!ok && is_zero(v), "(zero, false) from a closed channel");
                check(is_zero(ch.recv()), "the zero value from a plain receive");
            }
        }
    });
}

// A buffer full at close, of any element type and size, is delivered whole, in order and with
// ok true, before the zero values.
GOSEM_CASE(CH_RCV_04_full,
           .rules = "CH-RCV-04 CH-RCV-05 CH-MK-08",
           .area = "close")
{
    for_each_element_type([&]<class T>() {
        for (auto n : swept_capacities) {
            if (n == 0) continue;  // nothing to buffer
            auto ch = make_chan<T>(rt, n);
            for (int i = 0; i < n; ++i) ch.send(make_value<T>(i));
            ch.close();
            for (int i = 0; i < n; ++i) {
                auto [v, ok] = ch.recv_ok();
                check(ok && same_value(v, i), "a value buffered before close, in order");
            }
            check_drained_gives_zero(ch);
        }
    });
}

// Zero values sent, among others, at any capacity, are received with ok true; only the close
// gives ok false.
GOSEM_CASE(CH_RCV_07_sweep,
           .rules = "CH-RCV-07 CH-RCV-05",
           .area = "close")
{
    for_each_element_type([&]<class T>() {
        for (auto n : swept_capacities) {
            auto ch = make_chan<T>(rt, n);
            rt.go([ch] {
                ch.send(T{});
                ch.send(make_value<T>(1));
                ch.send(T{});
                ch.close();
            });
            auto [first, first_ok] = ch.recv_ok();
            check(first_ok && is_zero(first), "a sent zero value: ok is true");
            auto [second, second_ok] = ch.recv_ok();
            check(second_ok && same_value(second, 1), "a sent value: ok is true");
            auto [third, third_ok] = ch.recv_ok();
            check(third_ok && is_zero(third), "another sent zero value: ok is true");
            auto [closed, closed_ok] = ch.recv_ok();
            check(!closed_ok && is_zero(closed), "closed: ok is false");
        }
    });
}

// A buffer of any size and element type, empty or emptied, blocks its receiver until a send.
GOSEM_CASE(CH_RCV_08_sweep,
           .rules = "CH-RCV-08 CH-RCV-01",
           .area = "chan",
           .needs = cap::introspection | cap::len_cap)
{
    for_each_element_type([&]<class T>() {
        for (auto n : swept_capacities) {
            if (n == 0) continue;  // unbuffered: CH-RCV-01
            auto ch = make_chan<T>(rt, n);
            auto got = make_chan<bool>(rt, 1);
            ch.send(make_value<T>(1));
            ch.recv();
            rt.go([ch, got] { got.send(same_value(ch.recv(), 9)); });
            rt.wait_blocked(1);
            check_eq(int(got.len()), 0, "the receiver waits on the emptied buffer");
            ch.send(make_value<T>(9));
            check(got.recv(), "then gets the value sent");
        }
    });
}

}  // namespace gosem_conformance::cases
