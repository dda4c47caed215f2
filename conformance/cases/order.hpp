// Order and delivery (Go spec, "Channel types": a channel is a FIFO queue; test/chan/fifo.go,
// sieve1.go): rules CH-ORD-*.
#pragma once

#include <vector>

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

namespace gosem_conformance::cases {

// One sender's values arrive in the order sent, at every capacity and for every element type.
GOSEM_CASE(CH_ORD_01,
           .rules = "CH-ORD-01 N13-02",
           .notes = "N13",
           .area = "chan")
{
    for_each_element_type([&]<class T>() {
        for (auto n : swept_capacities) {
            auto ch = make_chan<T>(rt, n);
            rt.go([ch] {
                for (int i = 0; i < 100; ++i) ch.send(make_value<T>(i));
            });
            for (int i = 0; i < 100; ++i) check(same_value(ch.recv(), i), "FIFO order");
        }
    });
}

// A chain of goroutines forwarding through unbuffered channels keeps the order.
GOSEM_CASE(CH_ORD_02,
           .rules = "CH-ORD-02 CH-ORD-01",
           .area = "chan")
{
    constexpr int links = 100, values = 100;
    auto first = make_chan<int>(rt);
    auto in = first;
    for (int i = 0; i < links; ++i) {
        auto out = make_chan<int>(rt);
        rt.go([in, out] {
            for (int k = 0; k < values; ++k) out.send(in.recv());
        });
        in = out;
    }
    rt.go([first] {
        for (int k = 0; k < values; ++k) first.send(k);
    });
    for (int k = 0; k < values; ++k) check_eq(in.recv(), k, "order at the end of the chain");
}

// Many senders and many receivers: every value is received exactly once.
GOSEM_CASE(CH_ORD_03,
           .rules = "CH-ORD-03",
           .area = "chan",
           .flags = flag::nondeterministic)
{
    constexpr int senders = 4, receivers = 4, per_sender = 250;
    constexpr int total = senders * per_sender;
    for (auto n : swept_capacities) {
        auto ch = make_chan<int>(rt, n);
        auto received = make_chan<int>(rt, total);
        for (int s = 0; s < senders; ++s) {
            rt.go([ch, s] {
                for (int i = 0; i < per_sender; ++i) ch.send(s * per_sender + i);
            });
        }
        for (int r = 0; r < receivers; ++r) {
            rt.go([ch, received] {
                for (;;) received.send(ch.recv());
            });
        }
        std::vector<int> times(total, 0);
        for (int i = 0; i < total; ++i) {
            int v = received.recv();
            check(v >= 0 && v < total, "a value that was sent");
            ++times[v];
        }
        for (int v = 0; v < total; ++v) check_eq(times[v], 1, "each value received once");
    }
}

// Receivers parked one after another are served in that order (gc's wait queue is FIFO).
GOSEM_CASE(CH_ORD_04,
           .rules = "CH-ORD-04",
           .area = "chan",
           .flags = flag::impl_defined,
           .needs = cap::introspection)
{
    constexpr int receivers = 5;
    auto ch = make_chan<int>(rt);
    auto got = make_chan<int>(rt, receivers);
    for (int i = 0; i < receivers; ++i) {
        rt.go([ch, got, i] {
            int v = ch.recv();
            got.send(v == i ? 1 : 0);
        });
        rt.wait_blocked(i + 1);  // receiver i is queued before receiver i+1 starts
    }
    for (int i = 0; i < receivers; ++i) ch.send(i);
    for (int i = 0; i < receivers; ++i) check_eq(got.recv(), 1, "the i-th receiver got value i");
}

}  // namespace gosem_conformance::cases
