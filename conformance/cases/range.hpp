// range over a channel (Go spec, "For statements with range clause"): rules CH-RNG-*, for
// every capacity and element type, through a receive-only view, and with nil channels.
#pragma once

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

// The file's own words, in a namespace of their own so that no other case file's can clash.
namespace gosem_conformance::cases::range_words {

// A channel of capacity n holding 0..n-1, closed.
template <class R>
chan_t<R, int> closed_holding(R& rt, int n) {
    auto ch = make_chan<int>(rt, n);
    for (int i = 0; i < n; ++i) ch.send(i);
    ch.close();
    return ch;
}

// A goroutine sends the values of type T numbered 1..10 on `to` and closes it, while main
// ranges over `from` (the same channel, or a view of it): every value, in order, then the loop
// ends.
template <class T, class R, class To, class From>
void check_range_until_closed(R& rt, const To& to, const From& from) {
    rt.go([to] {
        for (int i = 1; i <= 10; ++i) to.send(make_value<T>(i));
        to.close();
    });
    int expected = 1;
    for (auto& v : from) check(same_value(v, expected++), "the next value, in order");
    check_eq(expected, 11, "every value, then the loop ended");
}

// range over a closed, empty channel of element type T runs no iteration, at every capacity.
template <class T, class R>
void check_no_iteration_when_closed_empty(R& rt) {
    for (auto n : swept_capacities) {
        auto ch = make_chan<T>(rt, n);
        ch.close();
        for ([[maybe_unused]] auto& v : ch) check(false, "an iteration over a closed, empty channel");
    }
}

// Ranges over ch, a closed channel holding 0, 1, 2, assigning `other` to the variable inside the
// loop: the loop still yields the values of the channel it started on, then ends. Returns the
// variable.
template <class Ch>
Ch range_reassigning(Ch ch, const Ch& other) {
    int expected = 0;
    for (int v : ch) {
        check_eq(v, expected++, "values of the channel the loop started on");
        ch = other;
    }
    check_eq(expected, 3, "all of them, then the loop ended");
    return ch;
}

}  // namespace gosem_conformance::cases::range_words

namespace gosem_conformance::cases {

using namespace range_words;

// range yields every value until the channel is closed and drained, then ends.
GOSEM_CASE(CH_RNG_01,
           .rules = "CH-RNG-01",
           .notes = "N17",
           .area = "range",
           .needs = cap::range)
{
    for (auto n : swept_capacities) {
        auto ch = make_chan<int>(rt, n);
        check_range_until_closed<int>(rt, ch, ch);
    }
}

// range yields every value of every element type, in order, then ends, at every capacity.
GOSEM_CASE(CH_RNG_01_types,
           .rules = "CH-RNG-01 CH-MK-09 CH-ORD-01",
           .area = "range",
           .needs = cap::range)
{
    for_each_element_type([&]<class T>() {
        for (auto n : swept_capacities) {
            auto ch = make_chan<T>(rt, n);
            check_range_until_closed<T>(rt, ch, ch);
        }
    });
}

// range over a receive-only view of a channel that a send-only view feeds and closes.
GOSEM_CASE(CH_RNG_01_recv_only,
           .rules = "CH-RNG-01 CH-DIR-07",
           .notes = "N14",
           .area = "range",
           .needs = cap::range | cap::direction)
{
    for (auto n : swept_capacities) {
        auto ch = make_chan<int>(rt, n);
        send_chan_t<R, int> s = ch;
        recv_chan_t<R, int> r = ch;
        check_range_until_closed<int>(rt, s, r);
    }
}

// A channel filled and closed before the loop starts: range yields the buffered values, then
// ends without blocking.
GOSEM_CASE(CH_RNG_01_closed_first,
           .rules = "CH-RNG-01 CH-RCV-04",
           .area = "range",
           .needs = cap::range)
{
    for (int n : {1, 5}) {
        auto ch = closed_holding(rt, n);
        int expected = 0;
        for (int v : ch) check_eq(v, expected++, "a buffered value, in order");
        check_eq(expected, n, "every buffered value, then the loop ended");
    }
}

// Leaving a range loop early leaves the other values in the channel: a second loop over it
// yields them, in order, then ends.
GOSEM_CASE(CH_RNG_01_break,
           .rules = "CH-RNG-01 CH-ORD-01",
           .area = "range",
           .needs = cap::range)
{
    auto ch = closed_holding(rt, 5);
    int expected = 0;
    for (int v : ch) {
        check_eq(v, expected++, "the first loop's values");
        if (v == 1) break;
    }
    for (int v : ch) check_eq(v, expected++, "the second loop's values");
    check_eq(expected, 5, "every value once over the two loops");
}

// A range loop parked on an empty channel ends when the channel is closed.
GOSEM_CASE(CH_RNG_01_parked,
           .rules = "CH-RNG-01 CH-CLS-03",
           .area = "range",
           .needs = cap::range | cap::introspection | cap::len_cap)
{
    auto ch = make_chan<int>(rt);
    auto result = make_chan<int>(rt, 1);
    rt.go([ch, result] {
        int count = 0;
        for (int v : ch) count += v == count;
        result.send(count);
    });
    for (int i = 0; i < 3; ++i) ch.send(i);
    rt.wait_blocked(1);  // the loop waits for a fourth value
    check_eq(int(result.len()), 0, "the loop has not ended");
    ch.close();
    check_eq(result.recv(), 3, "the loop saw three values in order, then ended");
}

// range over a nil channel blocks forever: alone in main, a deadlock.
GOSEM_CASE(CH_RNG_02,
           .rules = "CH-RNG-02 RT-02",
           .area = "range",
           .expect = deadlocks("chan receive (nil chan)"),
           .needs = cap::range | cap::nil_chan)
{
    for ([[maybe_unused]] int v : nil_chan<int>(rt)) check(false, "a value from a nil channel");
}

// range over a nil channel in a goroutine blocks it for good; main goes on and returns.
GOSEM_CASE(CH_RNG_02_goroutine,
           .rules = "CH-RNG-02 RT-04",
           .area = "range",
           .needs = cap::range | cap::nil_chan | cap::introspection | cap::len_cap)
{
    auto done = make_chan<int>(rt, 1);
    rt.go([nil = nil_chan<int>(rt), done] {
        for ([[maybe_unused]] int v : nil) check(false, "a value from a nil channel");
        done.send(1);
    });
    rt.wait_blocked(1);
    check_eq(int(done.len()), 0, "the loop never ends");
}

// range over a nil receive-only view blocks forever: alone in main, a deadlock.
GOSEM_CASE(CH_RNG_02_view,
           .rules = "CH-RNG-02 RT-02 RT-03",
           .area = "range",
           .expect = deadlocks("chan receive (nil chan)"),
           .needs = cap::range | cap::nil_chan | cap::direction)
{
    recv_chan_t<R, int> r = nil_chan<int>(rt);
    for ([[maybe_unused]] int v : r) check(false, "a value from a nil channel");
}

// range over a closed, empty channel runs no iteration.
GOSEM_CASE(CH_RNG_03,
           .rules = "CH-RNG-03",
           .area = "range",
           .needs = cap::range)
{
    check_no_iteration_when_closed_empty<int>(rt);
}

// range over a closed, empty channel runs no iteration, for every element type.
GOSEM_CASE(CH_RNG_03_types,
           .rules = "CH-RNG-03 CH-MK-09",
           .area = "range",
           .needs = cap::range)
{
    for_each_element_type([&]<class T>() { check_no_iteration_when_closed_empty<T>(rt); });
}

// range over a channel never closed waits for more once drained: alone in main, a deadlock.
GOSEM_CASE(CH_RNG_04,
           .rules = "CH-RNG-04 RT-02 RT-03",
           .area = "range",
           .expect = deadlocks("chan receive"),
           .needs = cap::range)
{
    auto ch = make_chan<int>(rt, 3);
    for (int i = 0; i < 3; ++i) ch.send(i);
    int seen = 0;
    for (int v : ch) check_eq(v, seen++, "a buffered value");
}

// range in a goroutine over a channel never closed: it gets every value sent, then stays
// blocked; main goes on and returns.
GOSEM_CASE(CH_RNG_04_goroutine,
           .rules = "CH-RNG-04 RT-04",
           .area = "range",
           .needs = cap::range | cap::introspection | cap::len_cap)
{
    auto ch = make_chan<int>(rt);
    auto got = make_chan<int>(rt, 5);
    auto ended = make_chan<int>(rt, 1);
    rt.go([ch, got, ended] {
        for (int v : ch) got.send(v);
        ended.send(1);
    });
    for (int i = 0; i < 5; ++i) ch.send(i);
    for (int i = 0; i < 5; ++i) check_eq(got.recv(), i, "every value sent, in order");
    rt.wait_blocked(1);
    check_eq(int(ended.len()), 0, "the loop waits for more, never ends");
}

// Main ranges over an unbuffered channel whose sender leaves without closing it: once the
// values are received, a deadlock.
GOSEM_CASE(CH_RNG_04_unbuffered,
           .rules = "CH-RNG-04 RT-02 RT-03",
           .area = "range",
           .expect = deadlocks("chan receive"),
           .needs = cap::range)
{
    auto ch = make_chan<int>(rt);
    rt.go([ch] {
        for (int i = 0; i < 3; ++i) ch.send(i);
    });
    int seen = 0;
    for (int v : ch) check_eq(v, seen++, "a value sent");
}

// The range expression is evaluated once, not per iteration.
GOSEM_CASE(CH_RNG_05,
           .rules = "CH-RNG-05",
           .area = "range",
           .needs = cap::range)
{
    auto ch = closed_holding(rt, 5);
    int evaluations = 0;
    auto range_expression = [&] {
        ++evaluations;
        return ch;
    };
    int iterations = 0;
    for (int v : range_expression()) iterations += v >= 0;
    check_eq(iterations, 5, "iterations");
    check_eq(evaluations, 1, "evaluations of the range expression");
}

// Assigning another channel to the range variable's source inside the loop changes nothing: the
// loop keeps receiving from the channel it started on.
GOSEM_CASE(CH_RNG_05_reassign,
           .rules = "CH-RNG-05 CH-MK-11",
           .area = "range",
           .needs = cap::range)
{
    auto first = closed_holding(rt, 3);
    auto second = make_chan<int>(rt, 1);
    second.send(100);
    second.close();
    auto ch = range_reassigning(first, second);
    check(ch == second, "the variable was reassigned");
    check_eq(second.recv(), 100, "the other channel was not read");
}

// Setting the range source to nil inside the loop changes nothing either: the loop ends when
// the original channel is closed and drained, instead of blocking on nil.
GOSEM_CASE(CH_RNG_05_nil,
           .rules = "CH-RNG-05 CH-RNG-02",
           .area = "range",
           .needs = cap::range | cap::nil_chan)
{
    range_reassigning(closed_holding(rt, 3), nil_chan<int>(rt));
}

}  // namespace gosem_conformance::cases
