// The select statement (Go spec, "Select statements"; runtime/select.go; runtime/chan_test.go;
// test/chan/select*.go, doubleselect.go, nonblock.go): rules CH-SEL-*.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

namespace gosem_conformance::cases {

// Largest |hits/trials - 1/2| that two equally likely cases reach with probability 1e-6
// (runtime/chan_test.go, TestSelectFairness).
inline double fairness_bound(int trials) { return 4.891676 / (2 * std::sqrt(double(trials))); }

// Every channel operand and send value is evaluated once on entry, whichever case runs; within
// a send case, the channel before the value.
GOSEM_CASE(CH_SEL_01,
           .rules = "CH-SEL-01",
           .area = "select",
           .needs = cap::select)
{
    std::string order;
    auto ready = make_chan<int>(rt, 1);
    auto idle = make_chan<int>(rt);
    ready.send(1);
    auto operand = [&](const char* name, chan_t<R, int> ch) {
        order += name;
        return ch;
    };
    auto value = [&](const char* name) {
        order += name;
        return 2;
    };
    int chosen = select(rt, send_case{operand("a", idle), value("b")}, recv_case{operand("c", ready)});
    check_eq(chosen, 1, "the ready case");
    check_eq(int(order.size()), 3, "each operand evaluated exactly once");
    check(order.find('a') < order.find('b'), "a send case's channel before its value");
}

// Only the chosen receive case assigns what it received.
GOSEM_CASE(CH_SEL_02,
           .rules = "CH-SEL-02",
           .area = "select",
           .needs = cap::select)
{
    auto a = make_chan<int>(rt, 1);
    auto b = make_chan<int>(rt, 1);
    b.send(5);
    recv_case ra{a, -1, true};
    recv_case rb{b, -1, false};
    check_eq(select(rt, ra, rb), 1, "the ready case");
    check(ra.value == -1 && ra.ok, "the case not chosen is left alone");
    check(rb.value == 5 && rb.ok, "the chosen case got the value");
}

// Three ready cases are chosen uniformly: chi-squared over 30000 trials stays below 27.63,
// the 1e-6 quantile for two degrees of freedom.
GOSEM_CASE(CH_SEL_03,
           .rules = "CH-SEL-03",
           .area = "select",
           .flags = flag::statistical,
           .needs = cap::select)
{
    constexpr int trials = 30000;
    auto a = make_chan<int>(rt);
    auto b = make_chan<int>(rt);
    auto c = make_chan<int>(rt);
    a.close();
    b.close();
    c.close();
    int hits[3] = {0, 0, 0};
    for (int i = 0; i < trials; ++i) ++hits[select(rt, recv_case{a}, recv_case{b}, recv_case{c})];
    double expected = trials / 3.0, chi2 = 0;
    for (int h : hits) chi2 += (h - expected) * (h - expected) / expected;
    check(chi2 < 27.63, "chi-squared of the three cases' counts: " + std::to_string(chi2));
}

// Two ready receive cases, 10000 trials: each within Go's six-nines bound of one half.
GOSEM_CASE(CH_SEL_04,
           .rules = "CH-SEL-04 CH-SEL-03",
           .area = "select",
           .flags = flag::statistical,
           .needs = cap::select)
{
    constexpr int trials = 10000;
    auto c1 = make_chan<int>(rt, trials + 1);
    auto c2 = make_chan<int>(rt, trials + 1);
    for (int i = 0; i < trials + 1; ++i) {
        c1.send(1);
        c2.send(2);
    }
    int first = 0;
    for (int i = 0; i < trials; ++i) first += select(rt, recv_case{c1}, recv_case{c2}) == 0;
    double deviation = std::abs(double(first) / trials - 0.5);
    check(deviation <= fairness_bound(trials),
          "share of the first case off one half by " + std::to_string(deviation));
}

// The random choice covers send cases too.
GOSEM_CASE(CH_SEL_05,
           .rules = "CH-SEL-05 CH-SEL-04",
           .area = "select",
           .flags = flag::statistical,
           .needs = cap::select)
{
    constexpr int trials = 10000;
    auto c1 = make_chan<int>(rt, trials);
    auto c2 = make_chan<int>(rt, trials);
    int first = 0;
    for (int i = 0; i < trials; ++i) first += select(rt, send_case{c1, i}, send_case{c2, i}) == 0;
    double deviation = std::abs(double(first) / trials - 0.5);
    check(deviation <= fairness_bound(trials),
          "share of the first send case off one half by " + std::to_string(deviation));
}

// default runs exactly when no case can proceed.
GOSEM_CASE(CH_SEL_06,
           .rules = "CH-SEL-06",
           .area = "select",
           .needs = cap::select)
{
    auto in = make_chan<int>(rt, 1);
    auto out = make_chan<int>(rt, 1);
    out.send(0);  // full: its send case cannot proceed
    check_eq(select_default(rt, recv_case{in}, send_case{out, 1}), -1, "nothing ready: default");
    in.send(3);
    check_eq(select_default(rt, recv_case{in}, send_case{out, 1}), 0, "the receive is ready");
    out.recv();
    check_eq(select_default(rt, recv_case{in}, send_case{out, 1}), 1, "the send is ready");
}

// A ready case always beats default, a receive from a closed channel included.
GOSEM_CASE(CH_SEL_07,
           .rules = "CH-SEL-07 CH-SEL-12",
           .area = "select",
           .needs = cap::select)
{
    auto closed = make_chan<int>(rt);
    closed.close();
    for (int i = 0; i < 1000; ++i) {
        recv_case r{closed, 7, true};
        check_eq(select_default(rt, r), 0, "the closed channel's case, not default");
        check(r.value == 0 && !r.ok, "(0, false)");
    }
}

// Without default, select waits until a case can proceed, then runs that one.
GOSEM_CASE(CH_SEL_08,
           .rules = "CH-SEL-08",
           .area = "select",
           .needs = cap::select | cap::introspection | cap::len_cap)
{
    auto a = make_chan<int>(rt);
    auto b = make_chan<int>(rt);
    auto result = make_chan<int>(rt, 1);
    rt.go([&rt, a, b, result] {
        recv_case ra{a};
        recv_case rb{b};
        int chosen = select(rt, ra, rb);
        result.send(chosen == 1 && rb.ok ? rb.value : -1);
    });
    rt.wait_blocked(1);
    check_eq(int(result.len()), 0, "the select waits");
    b.send(42);
    check_eq(result.recv(), 42, "the case that became ready ran, with its value");
}

// select with no cases blocks forever: alone in main, a deadlock.
GOSEM_CASE(CH_SEL_10,
           .rules = "CH-SEL-10 RT-02 RT-03",
           .area = "select",
           .expect = deadlocks("select (no cases)"),
           .needs = cap::select)
{
    select(rt);
}

// A send case on a closed channel panics when chosen, although default is there.
GOSEM_CASE(CH_SEL_13,
           .rules = "CH-SEL-13 CH-SND-06",
           .area = "select",
           .expect = panics("send on closed channel"),
           .needs = cap::select)
{
    auto ch = make_chan<int>(rt, 1);
    ch.close();
    select_default(rt, send_case{ch, 1});
}

// One select, one communication: a sender selecting among three channels delivers each value
// exactly once (test/chan/doubleselect.go).
GOSEM_CASE(CH_SEL_14,
           .rules = "CH-SEL-14 CH-ORD-03",
           .area = "select",
           .flags = flag::nondeterministic,
           .needs = cap::select)
{
    constexpr int values = 3000;
    auto c1 = make_chan<int>(rt);
    auto c2 = make_chan<int>(rt);
    auto c3 = make_chan<int>(rt);
    auto collected = make_chan<int>(rt, values);
    rt.go([&rt, c1, c2, c3] {
        for (int i = 0; i < values; ++i) select(rt, send_case{c1, i}, send_case{c2, i}, send_case{c3, i});
    });
    for (const auto& c : {c1, c2, c3}) {
        rt.go([c, collected] {
            for (;;) collected.send(c.recv());
        });
    }
    std::vector<int> times(values, 0);
    for (int i = 0; i < values; ++i) ++times[collected.recv()];
    for (int i = 0; i < values; ++i) check_eq(times[i], 1, "each value delivered once");
}

// A select never pairs its own send with its own receive: alone, it blocks.
GOSEM_CASE(CH_SEL_15,
           .rules = "CH-SEL-15 RT-02",
           .area = "select",
           .expect = deadlocks("select"),
           .flags = flag::impl_defined,
           .needs = cap::select)
{
    auto ch = make_chan<int>(rt);
    select(rt, send_case{ch, 1}, recv_case{ch});
}

// A channel named in two cases of one select: woken through another channel, the select leaves
// both queues, so a later receiver on that channel is the one woken
// (runtime/chan_test.go, TestSelectDuplicateChannel).
GOSEM_CASE(CH_SEL_16,
           .rules = "CH-SEL-16 CH-SEL-20",
           .area = "select",
           .needs = cap::select | cap::introspection)
{
    auto c = make_chan<int>(rt);
    auto d = make_chan<int>(rt);
    auto e = make_chan<int>(rt);
    auto b_got = make_chan<int>(rt, 1);
    rt.go([&rt, c, d, e] {
        select(rt, recv_case{c}, recv_case{c}, recv_case{d});
        e.send(9);
    });
    rt.wait_blocked(1);  // A is queued on c, twice, and on d
    rt.go([c, b_got] { b_got.send(c.recv()); });
    rt.wait_blocked(2);  // B is queued on c behind A
    d.send(7);           // wakes A, which must leave c's queue
    check_eq(e.recv(), 9, "A ran");
    c.send(8);  // must wake B
    check_eq(b_got.recv(), 8, "B got the value sent on c");
}

// A non-blocking select over channels one of which always holds a value never takes default
// (runtime/chan_test.go, TestNonblockSelectRace).
GOSEM_CASE(CH_SEL_17,
           .rules = "CH-SEL-17",
           .area = "select",
           .flags = flag::nondeterministic,
           .needs = cap::select)
{
    auto done = make_chan<bool>(rt, 1);
    for (int i = 0; i < 1000; ++i) {
        auto c1 = make_chan<int>(rt, 1);
        auto c2 = make_chan<int>(rt, 1);
        c1.send(1);
        rt.go([&rt, c1, c2, done] {
            done.send(select_default(rt, recv_case{c1}, recv_case{c2}) != -1);
        });
        c2.send(1);
        select_default(rt, recv_case{c1});
        check(done.recv(), "a non-blocking select found no channel ready although one was");
    }
}

// A select woken through one channel leaves no waiter behind on the others: a goroutine that
// waits on one of them later is the one a send wakes (test/chan/select6.go).
GOSEM_CASE(CH_SEL_20,
           .rules = "CH-SEL-20",
           .area = "select",
           .flags = flag::impl_defined,
           .needs = cap::select | cap::introspection)
{
    auto a = make_chan<int>(rt);
    auto b = make_chan<int>(rt);
    auto selected = make_chan<int>(rt, 1);
    auto later = make_chan<int>(rt, 1);
    rt.go([&rt, a, b, selected] { selected.send(select(rt, recv_case{a}, recv_case{b})); });
    rt.wait_blocked(1);
    a.send(1);
    check_eq(selected.recv(), 0, "the select ran its case on a");
    rt.go([b, later] { later.send(b.recv()); });
    rt.wait_blocked(1);
    b.send(2);
    check_eq(later.recv(), 2, "the later receiver on b got the value");
}

// Non-blocking sends and receives at capacity 0 and 1, for every element type
// (test/chan/nonblock.go).
GOSEM_CASE(CH_SEL_21,
           .rules = "CH-SEL-21 CH-SEL-06",
           .area = "select",
           .needs = cap::select)
{
    for_each_element_type([&]<class T>() {
        for (int n : {0, 1}) {
            auto ch = make_chan<T>(rt, n);
            check_eq(select_default(rt, recv_case{ch}), -1, "receive from empty: default");
            int sent = select_default(rt, send_case{ch, make_value<T>(1)});
            check_eq(sent, n == 0 ? -1 : 0, "send: default unbuffered, sent with room");
            recv_case r{ch};
            check_eq(select_default(rt, r), n == 0 ? -1 : 0, "receive what was sent");
            if (n == 1) check(r.ok && same_value(r.value, 1), "the value sent without blocking");
        }
    });
}

// select with one, two and five cases, with and without default (test/chan/select7.go).
GOSEM_CASE(CH_SEL_22,
           .rules = "CH-SEL-22",
           .area = "select",
           .needs = cap::select)
{
    std::vector<chan_t<R, int>> c;
    for (int i = 0; i < 5; ++i) c.push_back(make_chan<int>(rt, 1));
    check_eq(select_default(rt, recv_case{c[0]}), -1, "one case, none ready");
    c[0].send(1);
    check_eq(select(rt, recv_case{c[0]}), 0, "one case, ready");
    check_eq(select_default(rt, recv_case{c[0]}, recv_case{c[1]}), -1, "two cases, none ready");
    c[1].send(1);
    check_eq(select(rt, recv_case{c[0]}, recv_case{c[1]}), 1, "two cases, the second ready");
    check_eq(select_default(rt, recv_case{c[0]}, recv_case{c[1]}, recv_case{c[2]},
                            recv_case{c[3]}, recv_case{c[4]}),
             -1, "five cases, none ready");
    for (int k = 0; k < 5; ++k) {
        c[k].send(1);
        int chosen = select(rt, recv_case{c[0]}, recv_case{c[1]}, recv_case{c[2]},
                            recv_case{c[3]}, recv_case{c[4]});
        check_eq(chosen, k, "five cases, only one ready");
    }
}

}  // namespace gosem_conformance::cases
