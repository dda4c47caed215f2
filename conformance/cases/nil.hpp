// Nil channels in select (Go spec, "Select statements"): rules CH-SEL-09, CH-SEL-11, and the
// nil-ing of a closed case (notes N17). Plain operations on nil channels are with their
// operation (send.hpp, receive.hpp, close.hpp, range.hpp).
#pragma once

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

}  // namespace gosem_conformance::cases
