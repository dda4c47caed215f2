// range over a channel (Go spec, "For statements with range clause"): rules CH-RNG-*.
#pragma once

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

namespace gosem_conformance::cases {

// range yields every value until the channel is closed and drained, then ends.
GOSEM_CASE(CH_RNG_01,
           .rules = "CH-RNG-01",
           .notes = "N17",
           .area = "range",
           .needs = cap::range)
{
    for (auto n : swept_capacities) {
        auto ch = make_chan<int>(rt, n);
        rt.go([ch] {
            for (int i = 1; i <= 10; ++i) ch.send(i);
            ch.close();
        });
        int expected = 1;
        for (int v : ch) check_eq(v, expected++, "the next value, in order");
        check_eq(expected, 11, "every value, then the loop ended");
    }
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

// range over a closed, empty channel runs no iteration.
GOSEM_CASE(CH_RNG_03,
           .rules = "CH-RNG-03",
           .area = "range",
           .needs = cap::range)
{
    for (auto n : swept_capacities) {
        auto ch = make_chan<int>(rt, n);
        ch.close();
        for ([[maybe_unused]] int v : ch) check(false, "an iteration over a closed, empty channel");
    }
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

// The range expression is evaluated once, not per iteration.
GOSEM_CASE(CH_RNG_05,
           .rules = "CH-RNG-05",
           .area = "range",
           .needs = cap::range)
{
    auto ch = make_chan<int>(rt, 5);
    for (int i = 0; i < 5; ++i) ch.send(i);
    ch.close();
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

}  // namespace gosem_conformance::cases
