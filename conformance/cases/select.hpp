// The select statement (Go spec, "Select statements"; runtime/select.go; runtime/chan_test.go;
// test/chan/select*.go, doubleselect.go, nonblock.go): rules CH-SEL-*.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

// The file's own words, in a namespace of their own so that no other case file's can clash.
namespace gosem_conformance::cases::select_words {

// Largest |hits/trials - 1/2| that two equally likely cases reach with probability 1e-6
// (runtime/chan_test.go, TestSelectFairness).
inline double fairness_bound(int trials) { return 4.891676 / (2 * std::sqrt(double(trials))); }

// Checks that `count` of `trials` is within the six-nines bound of one half; `subject` names what
// was counted ("the first case").
inline void check_near_half(int count, int trials, const std::string& subject) {
    double deviation = std::abs(double(count) / trials - 0.5);
    check(deviation <= fairness_bound(trials),
          "share of " + subject + " off one half by " + std::to_string(deviation));
}

// Pearson's chi-squared of counts that a uniform choice makes equal.
template <std::size_t N>
double chi_squared(const std::array<int, N>& hits, int trials) {
    double expected = double(trials) / N, sum = 0;
    for (int h : hits) sum += (h - expected) * (h - expected) / expected;
    return sum;
}

// Checks that the counts are uniform: their chi-squared stays below `limit`, the 1e-6 quantile
// for N - 1 degrees of freedom; `counts` names them ("the three cases' counts").
template <std::size_t N>
void check_uniform(const std::array<int, N>& hits, int trials, double limit,
                   const std::string& counts) {
    check(chi_squared(hits, trials) < limit,
          "chi-squared of " + counts + ": " + std::to_string(chi_squared(hits, trials)));
}

// One select, without default, over a receive case on each channel of `from` (a list of cases
// built at run time, as reflect.Select takes): the index of the case that ran and its value.
template <class R, class Ch, std::size_t N>
std::pair<int, typename Ch::value_type> select_receive(R& rt, const std::array<Ch, N>& from) {
    std::array<recv_case<Ch>, N> cases;
    for (std::size_t i = 0; i < N; ++i) cases[i].chan = from[i];
    int chosen = [&]<std::size_t... I>(std::index_sequence<I...>) {
        return select(rt, cases[I]...);
    }(std::make_index_sequence<N>{});
    return {chosen, std::move(cases[chosen].value)};
}

// A channel of capacity n holding n copies of v: a receive case on it is ready n times.
template <class R>
chan_t<R, int> holding(R& rt, int n, int v) {
    auto ch = make_chan<int>(rt, n);
    for (int i = 0; i < n; ++i) ch.send(v);
    return ch;
}

// The trials of first_share_with_parked: batches of partners, each kept for one batch of trials.
inline constexpr int parked_batches = 20, parked_batch = 100;
inline constexpr int parked_trials = parked_batches * parked_batch;

// Two unbuffered channels kept ready by parked partners, 20 batches of 100 trials: each batch
// parks 100 partners on each channel by `park(ch, value)`, runs `first_chosen(c1, c2, trial)`
// (one select over both; true when c1's case ran) 100 times, then releases the partners left
// by `release(ch)`. Returns how often c1's case ran, of parked_trials.
template <class R, class Park, class FirstChosen, class Release>
int first_share_with_parked(R& rt, Park park, FirstChosen first_chosen, Release release) {
    auto c1 = make_chan<int>(rt);
    auto c2 = make_chan<int>(rt);
    int first = 0;
    for (int b = 0; b < parked_batches; ++b) {
        for (int i = 0; i < parked_batch; ++i) {
            rt.go([park, c1] { park(c1, 1); });
            rt.go([park, c2] { park(c2, 2); });
        }
        rt.wait_blocked(2 * parked_batch);
        int taken1 = 0;
        for (int i = 0; i < parked_batch; ++i) taken1 += first_chosen(c1, c2, i);
        for (int i = taken1; i < parked_batch; ++i) release(c1);
        for (int i = parked_batch - taken1; i < parked_batch; ++i) release(c2);
        first += taken1;
    }
    return first;
}

// Receives `count` values from `got` and checks that they are 0..count-1, each exactly once.
template <class Ch>
void check_each_value_once(const Ch& got, int count) {
    std::vector<int> times(count, 0);
    for (int i = 0; i < count; ++i) {
        int v = got.recv();
        check(v >= 0 && v < count, "a value that was sent");
        ++times[v];
    }
    for (int v = 0; v < count; ++v) check_eq(times[v], 1, "each value received once");
}

// A closed channel of capacity 5 that held the values 1, 2, 3, of type T, drained by six
// selects: the values first, with ok, then (zero, false). With default (CH-SEL-07) the closed
// channel's case must beat it; without (CH-SEL-12) it must be chosen over an idle case.
template <class T, class R>
void check_select_drains_closed(R& rt, bool with_default) {
    auto ch = make_chan<T>(rt, 5);
    auto idle = make_chan<T>(rt);
    for (int i = 1; i <= 3; ++i) ch.send(make_value<T>(i));
    ch.close();
    for (int i = 1; i <= 6; ++i) {
        recv_case r{ch};
        if (with_default) {
            check_eq(select_default(rt, r), 0, "the closed channel's case, not default");
        } else {
            check_eq(select(rt, recv_case{idle}, r), 1, "the closed channel's case");
        }
        if (i <= 3) check(r.ok && same_value(r.value, i), "a buffered value, in order");
        else check(!r.ok && is_zero(r.value), "drained: (zero, false)");
    }
}

// runtime/chan_test.go's non-blocking races, 1000 rounds: `round()` makes fresh channels and
// returns {probe, race}; a goroutine runs probe, a non-blocking select that returns false when
// default ran, while main runs race. The probe must never take default.
template <class R, class Round>
void check_never_default(R& rt, const char* what, Round round) {
    auto done = make_chan<bool>(rt, 1);
    for (int i = 0; i < 1000; ++i) {
        auto [probe, race] = round();
        rt.go([probe = probe, done] { done.send(probe()); });
        race();
        check(done.recv(), what);
    }
}

// runtime/chan_test.go's TestNonblockSelectRace and TestNonblockSelectRace2: c1 holds a value,
// and c2, of capacity `c2_capacity`, is made ready by ready(c2) while a goroutine runs a
// non-blocking select over both and main takes c1's value back if it is still there. One of the
// two is ready throughout, so the select must never take default.
template <class R, class Ready>
void check_select_race(R& rt, std::int64_t c2_capacity, Ready ready) {
    check_never_default(rt, "a non-blocking select found no channel ready although one was", [&] {
        auto c1 = make_chan<int>(rt, 1);
        auto c2 = make_chan<int>(rt, c2_capacity);
        c1.send(1);
        auto probe = [&rt, c1, c2] {
            return select_default(rt, recv_case{c1}, recv_case{c2}) != -1;
        };
        auto race = [&rt, c1, c2, ready] {
            ready(c2);
            select_default(rt, recv_case{c1});
        };
        return std::pair{probe, race};
    });
}

// Nothing is left waiting on b: a receiver that comes now is the one a send on b wakes.
template <class R>
void check_later_receiver_gets(R& rt, const chan_t<R, int>& b) {
    auto later = make_chan<int>(rt, 1);
    rt.go([b, later] { later.send(b.recv()); });
    rt.wait_blocked(1);
    b.send(2);
    check_eq(later.recv(), 2, "the later receiver on b got the value");
}

}  // namespace gosem_conformance::cases::select_words

namespace gosem_conformance::cases {

using namespace select_words;

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

// Every operand is evaluated on entry even when default runs, a nil channel's included
// (test/chan/select.go): each channel and each value once, in source order, and no
// communication happens.
GOSEM_CASE(CH_SEL_01_default,
           .rules = "CH-SEL-01 CH-SEL-06",
           .area = "select",
           .needs = cap::select | cap::nil_chan | cap::len_cap)
{
    std::string order;
    auto full = make_chan<int>(rt, 1);
    auto empty = make_chan<int>(rt, 1);
    full.send(0);
    auto operand = [&](char name, chan_t<R, int> ch) {
        order += name;
        return ch;
    };
    auto value = [&](char name) {
        order += name;
        return 1;
    };
    send_case to_full{operand('a', full), value('b')};
    recv_case from_empty{operand('c', empty)};
    send_case to_nil{operand('d', nil_chan<int>(rt)), value('e')};
    check_eq(select_default(rt, to_full, from_empty, to_nil), -1, "nothing ready: default");
    check_eq(order, std::string("abcde"), "every operand once, in source order");
    check_eq(int(full.len()), 1, "the full channel still holds its one value");
}

// The operands are evaluated before the select waits: a goroutine sees each evaluation, in
// source order, while the select is still blocked, and receives the value evaluated then; no
// operand is evaluated again when the select wakes.
GOSEM_CASE(CH_SEL_01_blocked,
           .rules = "CH-SEL-01 CH-SEL-08",
           .area = "select",
           .needs = cap::select | cap::len_cap)
{
    auto evaluated = make_chan<int>(rt, 4);
    auto out = make_chan<int>(rt);
    auto idle = make_chan<int>(rt);
    rt.go([evaluated, out] {
        for (int step = 1; step <= 3; ++step) check_eq(evaluated.recv(), step, "evaluation order");
        check_eq(out.recv(), 42, "the value evaluated on entry");
    });
    auto operand = [&](int step, chan_t<R, int> ch) {
        evaluated.send(step);
        return ch;
    };
    auto value = [&](int step) {
        evaluated.send(step);
        return 42;
    };
    send_case to_out{operand(1, out), value(2)};
    recv_case from_idle{operand(3, idle)};
    check_eq(select(rt, to_out, from_idle), 0, "the send, once the goroutine took the value");
    check_eq(int(evaluated.len()), 0, "no operand evaluated twice");
}

// A receive inside a send case's value is part of evaluating the operands: it happens on entry
// and blocks before the select starts, although another case is ready all along.
GOSEM_CASE(CH_SEL_01_nested_receive,
           .rules = "CH-SEL-01 CH-SEL-07",
           .area = "select",
           .needs = cap::select | cap::introspection | cap::len_cap)
{
    auto in = make_chan<int>(rt);
    auto out = make_chan<int>(rt);
    auto quit = make_chan<int>(rt);
    auto result = make_chan<int>(rt, 1);
    quit.close();
    rt.go([&rt, in, out, quit, result] {
        result.send(select(rt, send_case{out, in.recv()}, recv_case{quit}));
    });
    rt.wait_blocked(1);  // in the receive from `in`, not in the select
    check_eq(int(result.len()), 0, "the ready case did not run: operands come first");
    in.send(5);
    check_eq(result.recv(), 1, "then the ready case ran (out has no receiver)");
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

// A select woken by the close of one channel assigns (zero, false) to that case only; the
// other case's variables keep their values.
GOSEM_CASE(CH_SEL_02_blocked,
           .rules = "CH-SEL-02 CH-SEL-12 CH-SEL-08",
           .area = "select",
           .needs = cap::select | cap::introspection)
{
    auto a = make_chan<int>(rt);
    auto b = make_chan<int>(rt);
    rt.go([&rt, b] {
        rt.wait_blocked(1);  // main is in the select
        b.close();
    });
    recv_case ra{a, -1, true};
    recv_case rb{b, -1, true};
    check_eq(select(rt, ra, rb), 1, "woken through b");
    check(rb.value == 0 && !rb.ok, "b's case got (0, false)");
    check(ra.value == -1 && ra.ok, "a's case is left alone");
}

// When a send case runs, the receive case's variables are not assigned.
GOSEM_CASE(CH_SEL_02_send,
           .rules = "CH-SEL-02",
           .area = "select",
           .needs = cap::select)
{
    auto out = make_chan<int>(rt, 1);
    auto in = make_chan<int>(rt);
    recv_case r{in, -1, true};
    check_eq(select(rt, send_case{out, 4}, r), 0, "the send, the only ready case");
    check(r.value == -1 && r.ok, "the receive case is left alone");
    check_eq(out.recv(), 4, "the value sent");
}

// When default runs, no receive case's variables are assigned, a nil channel's included.
GOSEM_CASE(CH_SEL_02_default,
           .rules = "CH-SEL-02 CH-SEL-06",
           .area = "select",
           .needs = cap::select | cap::nil_chan)
{
    auto empty = make_chan<int>(rt, 1);
    recv_case from_empty{empty, 7, true};
    recv_case from_nil{nil_chan<int>(rt), 8, true};
    check_eq(select_default(rt, from_empty, from_nil), -1, "default");
    check(from_empty.value == 7 && from_empty.ok, "the empty channel's case is left alone");
    check(from_nil.value == 8 && from_nil.ok, "the nil channel's case is left alone");
}

// Only the chosen case is assigned, for every element type.
GOSEM_CASE(CH_SEL_02_types,
           .rules = "CH-SEL-02 CH-MK-09",
           .area = "select",
           .needs = cap::select)
{
    for_each_element_type([&]<class T>() {
        auto idle = make_chan<T>(rt);
        auto ready = make_chan<T>(rt, 1);
        ready.send(make_value<T>(5));
        recv_case from_idle{idle, make_value<T>(9), true};
        recv_case from_ready{ready, make_value<T>(9), false};
        check_eq(select(rt, from_idle, from_ready), 1, "the ready case");
        check(same_value(from_idle.value, 9) && from_idle.ok, "the idle case is left alone");
        check(same_value(from_ready.value, 5) && from_ready.ok, "the chosen case got the value");
    });
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
    std::array<int, 3> hits{};
    for (int i = 0; i < trials; ++i) ++hits[select(rt, recv_case{a}, recv_case{b}, recv_case{c})];
    check_uniform(hits, trials, 27.63, "the three cases' counts");
}

// Five ready receive cases are chosen uniformly: chi-squared over 50000 trials stays below
// 33.38, the 1e-6 quantile for four degrees of freedom.
GOSEM_CASE(CH_SEL_03_five,
           .rules = "CH-SEL-03 CH-SEL-12",
           .area = "select",
           .flags = flag::statistical,
           .needs = cap::select)
{
    constexpr int trials = 50000;
    std::array<chan_t<R, int>, 5> c;
    for (auto& ch : c) {
        ch = make_chan<int>(rt);
        ch.close();
    }
    std::array<int, 5> hits{};
    for (int i = 0; i < trials; ++i) {
        ++hits[select(rt, recv_case{c[0]}, recv_case{c[1]}, recv_case{c[2]}, recv_case{c[3]},
                      recv_case{c[4]})];
    }
    check_uniform(hits, trials, 33.38, "the five cases' counts");
}

// Three buffered channels each holding a value are chosen uniformly (each refilled after it
// ran): chi-squared over 30000 trials below 27.63.
GOSEM_CASE(CH_SEL_03_buffered,
           .rules = "CH-SEL-03",
           .area = "select",
           .flags = flag::statistical,
           .needs = cap::select)
{
    constexpr int trials = 30000;
    std::array<chan_t<R, int>, 3> c;
    for (int k = 0; k < 3; ++k) {
        c[k] = make_chan<int>(rt, 1);
        c[k].send(k);
    }
    std::array<int, 3> hits{};
    for (int i = 0; i < trials; ++i) {
        auto [chosen, value] = select_receive(rt, c);
        check_eq(value, chosen, "the chosen channel's value");
        ++hits[chosen];
        c[chosen].send(chosen);
    }
    check_uniform(hits, trials, 27.63, "the three cases' counts");
}

// Two ready receive cases, 10000 trials: each within Go's six-nines bound of one half.
GOSEM_CASE(CH_SEL_04,
           .rules = "CH-SEL-04 CH-SEL-03",
           .area = "select",
           .flags = flag::statistical,
           .needs = cap::select)
{
    constexpr int trials = 10000;
    auto c1 = holding(rt, trials + 1, 1);
    auto c2 = holding(rt, trials + 1, 2);
    int first = 0;
    for (int i = 0; i < trials; ++i) first += select(rt, recv_case{c1}, recv_case{c2}) == 0;
    check_near_half(first, trials, "the first case");
}

// runtime/chan_test.go's TestSelectFairness as written: a goroutine selects among two idle
// and two full channels and forwards what it got; either full channel's share stays within
// the six-nines bound of one half.
GOSEM_CASE(CH_SEL_04_idle,
           .rules = "CH-SEL-04 CH-SEL-03",
           .area = "select",
           .flags = flag::statistical,
           .needs = cap::select)
{
    constexpr int trials = 10000;
    auto c1 = holding(rt, trials + 1, 1);
    auto c2 = holding(rt, trials + 1, 2);
    auto c3 = make_chan<int>(rt);
    auto c4 = make_chan<int>(rt);
    auto out = make_chan<int>(rt);
    auto done = make_chan<int>(rt);
    rt.go([&rt, c1, c2, c3, c4, out, done] {
        for (;;) {
            int b = select_receive(rt, std::array{c3, c4, c1, c2}).second;
            if (select(rt, send_case{out, b}, recv_case{done}) == 1) return;
        }
    });
    int count1 = 0;
    for (int i = 0; i < trials; ++i) {
        int b = out.recv();
        check(b == 1 || b == 2, "a value from a full channel");
        count1 += b == 1;
    }
    done.close();
    check_near_half(count1, trials, "the first full channel");
}

// Two closed channels: each case's share within the six-nines bound of one half.
GOSEM_CASE(CH_SEL_04_closed,
           .rules = "CH-SEL-04 CH-SEL-12",
           .area = "select",
           .flags = flag::statistical,
           .needs = cap::select)
{
    constexpr int trials = 10000;
    auto c1 = make_chan<int>(rt);
    auto c2 = make_chan<int>(rt);
    c1.close();
    c2.close();
    int first = 0;
    for (int i = 0; i < trials; ++i) first += select(rt, recv_case{c1}, recv_case{c2}) == 0;
    check_near_half(first, trials, "the first closed channel");
}

// Two unbuffered channels made ready by parked senders: the choice is uniform there too. Each
// batch parks 100 senders on each channel, so both stay ready for 100 trials; the leftovers
// are drained before the next batch.
GOSEM_CASE(CH_SEL_04_parked,
           .rules = "CH-SEL-04 CH-SEL-03",
           .area = "select",
           .flags = flag::statistical,
           .needs = cap::select | cap::introspection)
{
    auto park_sender = [](auto ch, int v) { ch.send(v); };
    auto receive_first = [&rt](auto c1, auto c2, int) {
        return select(rt, recv_case{c1}, recv_case{c2}) == 0;
    };
    auto take_leftover = [](auto ch) { ch.recv(); };
    int first = first_share_with_parked(rt, park_sender, receive_first, take_leftover);
    check_near_half(first, parked_trials, "the first parked sender");
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
    check_near_half(first, trials, "the first send case");
}

// Three ready send cases are chosen uniformly (runtime/chan_test.go, TestPseudoRandomSend):
// chi-squared over 30000 trials below 27.63.
GOSEM_CASE(CH_SEL_05_three,
           .rules = "CH-SEL-05 CH-SEL-03",
           .area = "select",
           .flags = flag::statistical,
           .needs = cap::select)
{
    constexpr int trials = 30000;
    std::array<chan_t<R, int>, 3> c;
    for (auto& ch : c) ch = make_chan<int>(rt, 1);
    std::array<int, 3> hits{};
    for (int i = 0; i < trials; ++i) {
        int chosen = select(rt, send_case{c[0], 0}, send_case{c[1], 1}, send_case{c[2], 2});
        check_eq(c[chosen].recv(), chosen, "the chosen case's value, in its channel");
        ++hits[chosen];
    }
    check_uniform(hits, trials, 27.63, "the three send cases' counts");
}

// A ready receive and a ready send are equally likely.
GOSEM_CASE(CH_SEL_05_mixed,
           .rules = "CH-SEL-05 CH-SEL-04",
           .area = "select",
           .flags = flag::statistical,
           .needs = cap::select)
{
    constexpr int trials = 10000;
    auto in = make_chan<int>(rt);
    auto out = make_chan<int>(rt, 1);
    in.close();
    int sends = 0;
    for (int i = 0; i < trials; ++i) {
        if (select(rt, recv_case{in}, send_case{out, i}) == 1) {
            check_eq(out.recv(), i, "the value sent");
            ++sends;
        }
    }
    check_near_half(sends, trials, "the send case");
}

// Two unbuffered channels made ready by parked receivers: the send is spread uniformly. Each
// batch parks 100 receivers on each channel; the leftovers are fed before the next batch.
GOSEM_CASE(CH_SEL_05_parked,
           .rules = "CH-SEL-05 CH-SEL-04",
           .area = "select",
           .flags = flag::statistical,
           .needs = cap::select | cap::introspection)
{
    auto park_receiver = [](auto ch, int) { ch.recv(); };
    auto send_first = [&rt](auto c1, auto c2, int i) {
        return select(rt, send_case{c1, i}, send_case{c2, i}) == 0;
    };
    auto feed_leftover = [](auto ch) { ch.send(0); };
    int first = first_share_with_parked(rt, park_receiver, send_first, feed_leftover);
    check_near_half(first, parked_trials, "the first parked receiver");
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

// On an unbuffered channel default runs exactly when no partner is parked: a parked sender
// makes the receive ready, a parked receiver the send.
GOSEM_CASE(CH_SEL_06_parked,
           .rules = "CH-SEL-06 CH-SEL-21",
           .area = "select",
           .needs = cap::select | cap::introspection)
{
    auto ch = make_chan<int>(rt);
    auto got = make_chan<int>(rt, 1);
    check_eq(select_default(rt, recv_case{ch}), -1, "no sender: default");
    check_eq(select_default(rt, send_case{ch, 1}), -1, "no receiver: default");
    rt.go([ch] { ch.send(5); });
    rt.wait_blocked(1);
    recv_case r{ch};
    check_eq(select_default(rt, r), 0, "a parked sender makes the receive ready");
    check_eq(r.value, 5, "its value");
    rt.go([ch, got] { got.send(ch.recv()); });
    rt.wait_blocked(1);
    check_eq(select_default(rt, send_case{ch, 6}), 0, "a parked receiver makes the send ready");
    check_eq(got.recv(), 6, "the receiver got the value");
    check_eq(select_default(rt, recv_case{ch}), -1, "no partner left: default");
}

// On a buffered channel default runs exactly when the buffer is empty (receive) or full
// (send); in between, the cases run, in FIFO order.
GOSEM_CASE(CH_SEL_06_buffered,
           .rules = "CH-SEL-06 CH-ORD-01",
           .area = "select",
           .needs = cap::select)
{
    for (int n : {1, 5}) {
        auto ch = make_chan<int>(rt, n);
        check_eq(select_default(rt, recv_case{ch}), -1, "empty buffer: default");
        for (int i = 0; i < n; ++i) check_eq(select_default(rt, send_case{ch, i}), 0, "room");
        check_eq(select_default(rt, send_case{ch, n}), -1, "full buffer: default");
        for (int i = 0; i < n; ++i) {
            recv_case r{ch};
            check_eq(select_default(rt, r), 0, "a buffered value");
            check_eq(r.value, i, "in FIFO order");
        }
        check_eq(select_default(rt, recv_case{ch}), -1, "drained: default");
    }
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

// A closed channel with buffered values beats default: first its values with ok, then the zero
// value with ok false, never default; for every element type.
GOSEM_CASE(CH_SEL_07_drain,
           .rules = "CH-SEL-07 CH-SEL-12 CH-RCV-04",
           .area = "select",
           .needs = cap::select)
{
    for_each_element_type([&]<class T>() { check_select_drains_closed<T>(rt, true); });
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

// A select of two send cases waits until a receiver comes, then runs that receiver's case only.
GOSEM_CASE(CH_SEL_08_send,
           .rules = "CH-SEL-08 CH-SEL-14",
           .area = "select",
           .needs = cap::select | cap::introspection | cap::len_cap)
{
    auto a = make_chan<int>(rt);
    auto b = make_chan<int>(rt);
    auto result = make_chan<int>(rt, 1);
    rt.go([&rt, a, b, result] { result.send(select(rt, send_case{a, 1}, send_case{b, 2})); });
    rt.wait_blocked(1);
    check_eq(int(result.len()), 0, "the select waits for a receiver");
    check_eq(b.recv(), 2, "b's value");
    check_eq(result.recv(), 1, "b's case ran");
    check_eq(select_default(rt, recv_case{a}), -1, "nothing was sent on a");
}

// Two goroutines take turns through blocking selects, each waiting for the other's send.
GOSEM_CASE(CH_SEL_08_pingpong,
           .rules = "CH-SEL-08 CH-SEL-09",
           .area = "select",
           .needs = cap::select)
{
    constexpr int rounds = 1000;
    auto ping = make_chan<int>(rt);
    auto pong = make_chan<int>(rt);
    auto quit = make_chan<int>(rt);  // never ready
    rt.go([&rt, ping, pong, quit] {
        for (int i = 0; i < rounds; ++i) {
            recv_case r{ping};
            check_eq(select(rt, r, recv_case{quit}), 0, "ping");
            check_eq(select(rt, send_case{pong, r.value + 1}, recv_case{quit}), 0, "pong");
        }
    });
    for (int i = 0; i < rounds; ++i) {
        check_eq(select(rt, send_case{ping, i}, recv_case{quit}), 0, "sent ping");
        recv_case r{pong};
        check_eq(select(rt, r, recv_case{quit}), 0, "got pong");
        check_eq(r.value, i + 1, "the answer to this ping");
    }
}

// Eight goroutines wait in the same select; each send wakes exactly one of them, once.
GOSEM_CASE(CH_SEL_08_waiters,
           .rules = "CH-SEL-08 CH-SEL-14",
           .area = "select",
           .needs = cap::select | cap::introspection)
{
    constexpr int waiters = 8;
    auto a = make_chan<int>(rt);
    auto b = make_chan<int>(rt);
    auto got = make_chan<int>(rt, waiters);
    for (int w = 0; w < waiters; ++w) {
        rt.go([&rt, a, b, got] { got.send(select_receive(rt, std::array{a, b}).second); });
    }
    rt.wait_blocked(waiters);
    for (int i = 0; i < waiters; ++i) (i % 2 == 0 ? a : b).send(i);
    check_each_value_once(got, waiters);
}

// runtime/chan_test.go's TestSelectStress: plain senders and receivers on four channels of
// capacities 0, 0, 2, 3, with one goroutine sending and one receiving on all four through a
// select that nils each channel once done; everything completes, each select side exactly N
// times per channel.
GOSEM_CASE(CH_SEL_08_stress,
           .rules = "CH-SEL-08 CH-SEL-19 CH-SEL-14",
           .area = "select",
           .flags = flag::nondeterministic,
           .needs = cap::select | cap::nil_chan)
{
    static constexpr int n = 2000;  // per channel and side
    std::array<chan_t<R, int>, 4> c = {make_chan<int>(rt), make_chan<int>(rt),
                                       make_chan<int>(rt, 2), make_chan<int>(rt, 3)};
    auto done = make_chan<int>(rt, 10);
    for (int k = 0; k < 4; ++k) {
        rt.go([ch = c[k], done] {
            for (int i = 0; i < n; ++i) ch.send(0);
            done.send(0);
        });
        rt.go([ch = c[k], done] {
            for (int i = 0; i < n; ++i) ch.recv();
            done.send(0);
        });
    }
    rt.go([&rt, c, done] {
        auto c1 = c;
        std::array<int, 4> count{};
        for (int i = 0; i < 4 * n; ++i) {
            constexpr int order[4] = {3, 2, 0, 1};  // the test's case order
            int k = order[select(rt, send_case{c1[3], 0}, send_case{c1[2], 0},
                                 send_case{c1[0], 0}, send_case{c1[1], 0})];
            if (++count[k] == n) c1[k] = nil_chan<int>(rt);
        }
        for (int k = 0; k < 4; ++k) check_eq(count[k], n, "the selecting sender's count");
        done.send(0);
    });
    rt.go([&rt, c, done] {
        auto c1 = c;
        std::array<int, 4> count{};
        for (int i = 0; i < 4 * n; ++i) {
            int k = select(rt, recv_case{c1[0]}, recv_case{c1[1]}, recv_case{c1[2]},
                           recv_case{c1[3]});
            if (++count[k] == n) c1[k] = nil_chan<int>(rt);
        }
        for (int k = 0; k < 4; ++k) check_eq(count[k], n, "the selecting receiver's count");
        done.send(0);
    });
    for (int i = 0; i < 10; ++i) done.recv();
}

// A send case on a full buffer waits; a receive makes room, and the select's value goes in
// behind the buffered ones.
GOSEM_CASE(CH_SEL_08_buffered,
           .rules = "CH-SEL-08 CH-ORD-01",
           .area = "select",
           .needs = cap::select | cap::introspection | cap::len_cap)
{
    for (int n : {1, 5}) {
        auto ch = make_chan<int>(rt, n);
        auto idle = make_chan<int>(rt);
        auto result = make_chan<int>(rt, 1);
        for (int i = 0; i < n; ++i) ch.send(i);
        rt.go([&rt, ch, idle, result, n] {
            result.send(select(rt, send_case{ch, n}, recv_case{idle}));
        });
        rt.wait_blocked(1);
        check_eq(int(result.len()), 0, "the select waits for room");
        for (int i = 0; i <= n; ++i) check_eq(ch.recv(), i, "the buffer, then the select's value");
        check_eq(result.recv(), 0, "the send case ran");
    }
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

// select with no cases in a goroutine blocks it forever, and the program goes on: only
// main's blocking is a deadlock.
GOSEM_CASE(CH_SEL_10_goroutine,
           .rules = "CH-SEL-10 RT-04",
           .area = "select",
           .needs = cap::select | cap::introspection)
{
    rt.go([&rt] { select(rt); });
    rt.wait_blocked(1);
    check_eq(rt.num_goroutine(), 2, "the goroutine in select {} is still there");
}

// Main in select with no cases while another goroutine is parked on a channel: a deadlock, and
// the report names main's wait.
GOSEM_CASE(CH_SEL_10_others,
           .rules = "CH-SEL-10 RT-02 RT-03",
           .area = "select",
           .expect = deadlocks("select (no cases)"),
           .needs = cap::select)
{
    auto ch = make_chan<int>(rt);
    rt.go([ch] { ch.recv(); });
    select(rt);
}

// A receive case on a closed, empty channel is ready and yields (zero, false), every time, for
// every element type and capacity.
GOSEM_CASE(CH_SEL_12,
           .rules = "CH-SEL-12 CH-RCV-03",
           .notes = "N17",
           .area = "select",
           .needs = cap::select)
{
    for_each_element_type([&]<class T>() {
        for (auto n : swept_capacities) {
            auto ch = make_chan<T>(rt, n);
            auto idle = make_chan<T>(rt);
            ch.close();
            for (int i = 0; i < 10; ++i) {
                recv_case r{ch, make_value<T>(7), true};
                check_eq(select(rt, recv_case{idle}, r), 1, "the closed channel's case");
                check(is_zero(r.value) && !r.ok, "(zero, false)");
            }
        }
    });
}

// A closed buffered channel's receive case yields the buffered values first, with ok, then
// (zero, false).
GOSEM_CASE(CH_SEL_12_drain,
           .rules = "CH-SEL-12 CH-RCV-04",
           .notes = "N17",
           .area = "select",
           .needs = cap::select)
{
    for_each_element_type([&]<class T>() { check_select_drains_closed<T>(rt, false); });
}

// A select parked on open channels is woken by a close and gets (zero, false) from it, for
// every element type.
GOSEM_CASE(CH_SEL_12_parked,
           .rules = "CH-SEL-12 CH-CLS-06 CH-SEL-08",
           .area = "select",
           .needs = cap::select | cap::introspection)
{
    for_each_element_type([&]<class T>() {
        auto a = make_chan<T>(rt);
        auto b = make_chan<T>(rt, 1);
        auto done = make_chan<int>(rt);
        rt.go([&rt, a, b, done] {
            recv_case ra{a};
            recv_case rb{b, make_value<T>(7), true};
            check_eq(select(rt, ra, rb), 1, "woken through the closed channel");
            check(is_zero(rb.value) && !rb.ok, "(zero, false)");
            done.send(0);
        });
        rt.wait_blocked(1);
        b.close();
        done.recv();
    });
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

// The panic of a send case on a closed channel is an ordinary panic: recovered, the program
// goes on, and the channel is unchanged; at every capacity.
GOSEM_CASE(CH_SEL_13_recovered,
           .rules = "CH-SEL-13 RT-08",
           .area = "select",
           .needs = cap::select | cap::recover)
{
    for (auto n : swept_capacities) {
        auto ch = make_chan<int>(rt, n);
        ch.close();
        auto message = rt.recover([&] { select_default(rt, send_case{ch, 1}); });
        check_eq(message.value_or("no panic"), std::string("send on closed channel"), "panic");
        auto [v, ok] = ch.recv_ok();
        check(v == 0 && !ok, "the channel is still closed and empty");
    }
}

// A select parked on a send case panics when that channel is closed under it.
GOSEM_CASE(CH_SEL_13_parked,
           .rules = "CH-SEL-13 CH-CLS-04",
           .area = "select",
           .needs = cap::select | cap::recover | cap::introspection)
{
    auto ch = make_chan<int>(rt);
    auto idle = make_chan<int>(rt);
    auto result = make_chan<std::string>(rt, 1);
    rt.go([&rt, ch, idle, result] {
        auto message = rt.recover([&] { select(rt, send_case{ch, 1}, recv_case{idle}); });
        result.send(message.value_or("no panic"));
    });
    rt.wait_blocked(1);
    ch.close();
    check_eq(result.recv(), std::string("send on closed channel"), "the parked select panicked");
}

// A send case on a closed channel next to a ready receive case: the choice is random, and the
// panic comes exactly when the send case is chosen, without the receive having happened. Over
// 200 trials both outcomes occur (a correct runtime misses one with probability 2^-199).
GOSEM_CASE(CH_SEL_13_chosen,
           .rules = "CH-SEL-13 CH-SEL-03 CH-SEL-14",
           .area = "select",
           .flags = flag::statistical,
           .needs = cap::select | cap::recover | cap::len_cap)
{
    auto closed = make_chan<int>(rt, 1);
    auto ready = make_chan<int>(rt, 1);
    closed.close();
    int panics = 0, receives = 0;
    for (int i = 0; i < 200; ++i) {
        ready.send(i);
        int chosen = -1;
        auto message = rt.recover([&] { chosen = select(rt, send_case{closed, 1}, recv_case{ready}); });
        if (message) {
            check_eq(*message, std::string("send on closed channel"), "the send case's panic");
            check_eq(int(ready.len()), 1, "no receive happened");
            check_eq(ready.recv(), i, "the value is still there");
            ++panics;
        } else {
            check_eq(chosen, 1, "the receive case");
            check_eq(int(ready.len()), 0, "the receive took the value");
            ++receives;
        }
    }
    check(panics > 0 && receives > 0,
          "both cases chosen: " + std::to_string(panics) + " panics, " +
              std::to_string(receives) + " receives");
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

// test/chan/doubleselect.go: a sender selects among four channels; four goroutines range over
// them and forward to one channel; every value arrives exactly once, and all loops end.
GOSEM_CASE(CH_SEL_14_doubleselect,
           .rules = "CH-SEL-14 CH-RNG-01 CH-ORD-03",
           .area = "select",
           .flags = flag::nondeterministic,
           .needs = cap::select | cap::range)
{
    constexpr int values = 5000;
    std::array<chan_t<R, int>, 4> c = {make_chan<int>(rt), make_chan<int>(rt),
                                       make_chan<int>(rt), make_chan<int>(rt)};
    auto cmux = make_chan<int>(rt);
    auto done = make_chan<bool>(rt);
    rt.go([&rt, c] {
        for (int i = 0; i < values; ++i) {
            select(rt, send_case{c[0], i}, send_case{c[1], i}, send_case{c[2], i},
                   send_case{c[3], i});
        }
        for (const auto& ch : c) ch.close();
    });
    for (const auto& in : c) {
        rt.go([in, cmux, done] {
            for (int v : in) cmux.send(v);
            done.send(true);
        });
    }
    rt.go([cmux, done] {
        for (int i = 0; i < 4; ++i) done.recv();
        cmux.close();
    });
    std::vector<int> times(values, 0);
    int received = 0;
    for (int v : cmux) {
        check(v >= 0 && v < values, "a value that was sent");
        check_eq(++times[v], 1, "no value delivered twice");
        ++received;
    }
    check_eq(received, values, "every value delivered");
}

// Senders and receivers both select among the same three channels, at every capacity: each
// value is received exactly once.
GOSEM_CASE(CH_SEL_14_both,
           .rules = "CH-SEL-14 CH-ORD-03",
           .area = "select",
           .flags = flag::nondeterministic,
           .needs = cap::select)
{
    constexpr int senders = 2, receivers = 2, per_sender = 1000;
    constexpr int total = senders * per_sender;
    for (auto n : swept_capacities) {
        auto c1 = make_chan<int>(rt, n);
        auto c2 = make_chan<int>(rt, n);
        auto c3 = make_chan<int>(rt, n);
        auto collected = make_chan<int>(rt, total);
        for (int s = 0; s < senders; ++s) {
            rt.go([&rt, c1, c2, c3, s] {
                for (int i = s * per_sender; i < (s + 1) * per_sender; ++i) {
                    select(rt, send_case{c1, i}, send_case{c2, i}, send_case{c3, i});
                }
            });
        }
        for (int r = 0; r < receivers; ++r) {
            rt.go([&rt, c1, c2, c3, collected] {
                for (;;) collected.send(select_receive(rt, std::array{c1, c2, c3}).second);
            });
        }
        check_each_value_once(collected, total);
    }
}

// A select with a ready send case and a ready receive case performs exactly one of them: the
// lengths of the two buffers show which, never both.
GOSEM_CASE(CH_SEL_14_sendrecv,
           .rules = "CH-SEL-14 CH-SEL-05",
           .area = "select",
           .needs = cap::select | cap::len_cap)
{
    constexpr int trials = 1000;
    auto in = make_chan<int>(rt, trials);
    auto out = make_chan<int>(rt, trials);
    for (int i = 0; i < trials; ++i) in.send(i);
    for (int i = 0; i < trials; ++i) {
        int in_before = int(in.len()), out_before = int(out.len());
        int chosen = select(rt, send_case{out, i}, recv_case{in});
        if (chosen == 0) {
            check(int(out.len()) == out_before + 1 && int(in.len()) == in_before,
                  "the send alone happened");
        } else {
            check(int(in.len()) == in_before - 1 && int(out.len()) == out_before,
                  "the receive alone happened");
        }
    }
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

// A self-select stays blocked until a partner comes, and then communicates with the partner:
// main's receive takes its send; main's send feeds its receive.
GOSEM_CASE(CH_SEL_15_partner,
           .rules = "CH-SEL-15 CH-SEL-08",
           .area = "select",
           .flags = flag::impl_defined,
           .needs = cap::select | cap::introspection)
{
    auto ch = make_chan<int>(rt);
    auto result = make_chan<int>(rt, 1);
    auto self_select = [&rt, ch, result] {
        recv_case r{ch};
        int chosen = select(rt, send_case{ch, 1}, r);
        result.send(chosen == 0 ? -1 : r.value);
    };
    rt.go(self_select);
    rt.wait_blocked(1);
    check_eq(ch.recv(), 1, "main received the select's value");
    check_eq(result.recv(), -1, "the select's send case ran");
    rt.go(self_select);
    rt.wait_blocked(1);
    ch.send(2);
    check_eq(result.recv(), 2, "the select's receive case got main's value");
}

// runtime/chan_test.go's TestSelfSelect: two goroutines each run 1000 selects that send and
// receive on one channel; on an unbuffered channel neither ever receives its own value, and
// nothing deadlocks. Capacities 0 and 10.
GOSEM_CASE(CH_SEL_15_pair,
           .rules = "CH-SEL-15 CH-SEL-14",
           .area = "select",
           .flags = flag::impl_defined | flag::nondeterministic,
           .needs = cap::select)
{
    for (int capacity : {0, 10}) {
        auto c = make_chan<int>(rt, capacity);
        auto done = make_chan<int>(rt, 2);
        for (int p = 0; p < 2; ++p) {
            rt.go([&rt, c, done, p, capacity] {
                for (int i = 0; i < 1000; ++i) {
                    recv_case r{c};
                    int received;
                    if (p == 0 || i % 2 == 0) received = select(rt, send_case{c, p}, r) == 1;
                    else received = select(rt, r, send_case{c, p}) == 0;
                    if (received && capacity == 0) check(r.value != p, "no self receive");
                }
                done.send(0);
            });
        }
        done.recv();
        done.recv();
    }
}

// On a buffered channel a select may receive its own earlier send: with capacity 1 and nobody
// else, the send and the receive case alternate.
GOSEM_CASE(CH_SEL_15_buffered,
           .rules = "CH-SEL-15 CH-SEL-06",
           .area = "select",
           .needs = cap::select)
{
    auto ch = make_chan<int>(rt, 1);
    for (int i = 0; i < 10; ++i) {
        recv_case r{ch};
        int chosen = select(rt, send_case{ch, i}, r);
        if (i % 2 == 0) {
            check_eq(chosen, 0, "empty buffer: only the send can run");
        } else {
            check_eq(chosen, 1, "full buffer: only the receive can run");
            check_eq(r.value, i - 1, "its own earlier value");
        }
    }
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

// A channel named in two cases counts as two cases: with {c, c, d} all ready, each of the
// three is chosen a third of the time (chi-squared over 30000 trials below 27.63).
GOSEM_CASE(CH_SEL_16_uniform,
           .rules = "CH-SEL-16 CH-SEL-03",
           .area = "select",
           .flags = flag::statistical,
           .needs = cap::select)
{
    constexpr int trials = 30000;
    auto c = make_chan<int>(rt);
    auto d = make_chan<int>(rt);
    c.close();
    d.close();
    std::array<int, 3> hits{};
    for (int i = 0; i < trials; ++i) ++hits[select(rt, recv_case{c}, recv_case{c}, recv_case{d})];
    check_uniform(hits, trials, 27.63, "the three cases' counts");
}

// Two send cases on one unbuffered channel: a receiver gets the value of the case that ran,
// and only that one; the other case's value is never delivered.
GOSEM_CASE(CH_SEL_16_send,
           .rules = "CH-SEL-16 CH-SEL-14",
           .area = "select",
           .needs = cap::select | cap::introspection)
{
    auto c = make_chan<int>(rt);
    auto result = make_chan<int>(rt, 1);
    for (int i = 0; i < 100; ++i) {
        rt.go([&rt, c, result] { result.send(select(rt, send_case{c, 1}, send_case{c, 2})); });
        rt.wait_blocked(1);
        int v = c.recv();
        check_eq(v, result.recv() + 1, "the value of the case that ran");
        check_eq(select_default(rt, recv_case{c}), -1, "one communication: no second value");
    }
}

// A non-blocking select over channels one of which always holds a value never takes default
// (runtime/chan_test.go, TestNonblockSelectRace).
GOSEM_CASE(CH_SEL_17,
           .rules = "CH-SEL-17",
           .area = "select",
           .flags = flag::nondeterministic,
           .needs = cap::select)
{
    check_select_race(rt, 1, [](auto c2) { c2.send(1); });  // c2 buffered, filled meanwhile
}

// runtime/chan_test.go's TestNonblockSelectRace2: one channel holds a value, the other is
// closed concurrently; a non-blocking select over both never takes default.
GOSEM_CASE(CH_SEL_17_close,
           .rules = "CH-SEL-17 CH-SEL-12",
           .area = "select",
           .flags = flag::nondeterministic,
           .needs = cap::select)
{
    check_select_race(rt, 0, [](auto c2) { c2.close(); });  // c2 unbuffered, closed meanwhile
}

// runtime/chan_test.go's TestNonblockRecvRace: a channel holding a value is closed and drained
// concurrently with a non-blocking receive, which never takes default.
GOSEM_CASE(CH_SEL_17_recv,
           .rules = "CH-SEL-17 CH-SEL-12",
           .area = "select",
           .flags = flag::nondeterministic,
           .needs = cap::select)
{
    check_never_default(rt, "a non-blocking receive found the channel not ready", [&rt] {
        auto c = make_chan<int>(rt, 1);
        c.send(1);
        auto probe = [&rt, c] { return select_default(rt, recv_case{c}) != -1; };
        auto race = [c] {
            c.close();
            c.recv();
        };
        return std::pair{probe, race};
    });
}

// A non-blocking send into a buffer that always has room never takes default, while a
// receiver drains the buffer concurrently.
GOSEM_CASE(CH_SEL_17_send,
           .rules = "CH-SEL-17 CH-SEL-21",
           .area = "select",
           .flags = flag::nondeterministic,
           .needs = cap::select)
{
    check_never_default(rt, "a non-blocking send found no room although there was", [&rt] {
        auto c = make_chan<int>(rt, 1);
        auto probe = [&rt, c] { return select_default(rt, send_case{c, 1}) != -1; };
        auto race = [&rt, c] { select_default(rt, recv_case{c}); };
        return std::pair{probe, race};
    });
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
    rt.go([&rt, a, b, selected] { selected.send(select(rt, recv_case{a}, recv_case{b})); });
    rt.wait_blocked(1);
    a.send(1);
    check_eq(selected.recv(), 0, "the select ran its case on a");
    check_later_receiver_gets(rt, b);
}

// The send side of select6: a select of two sends woken through one leaves no sender behind on
// the other; a later receive there gets a later sender's value, not the select's.
GOSEM_CASE(CH_SEL_20_send,
           .rules = "CH-SEL-20 CH-SEL-14",
           .area = "select",
           .flags = flag::impl_defined,
           .needs = cap::select | cap::introspection)
{
    auto a = make_chan<int>(rt);
    auto b = make_chan<int>(rt);
    auto selected = make_chan<int>(rt, 1);
    rt.go([&rt, a, b, selected] { selected.send(select(rt, send_case{a, 1}, send_case{b, 2})); });
    rt.wait_blocked(1);
    check_eq(a.recv(), 1, "the select's value on a");
    check_eq(selected.recv(), 0, "the select ran its case on a");
    rt.go([b] { b.send(3); });
    rt.wait_blocked(1);
    check_eq(b.recv(), 3, "the later sender's value on b");
    check_eq(select_default(rt, recv_case{b}), -1, "nothing else waits on b");
}

// test/chan/select6.go, ordered with waits: a select on c1 and c2 is woken through c2; the
// receivers queued on c1 around it, before and after, get main's two sends on c1.
GOSEM_CASE(CH_SEL_20_select6,
           .rules = "CH-SEL-20",
           .area = "select",
           .flags = flag::impl_defined,
           .needs = cap::select | cap::introspection)
{
    auto c1 = make_chan<bool>(rt);
    auto c2 = make_chan<bool>(rt);
    auto c3 = make_chan<bool>(rt);
    rt.go([&rt, c1, c2, c3] {
        check_eq(select(rt, recv_case{c1}, recv_case{c2}), 1, "woken through c2, never c1");
        c3.send(true);
        c1.recv();
    });
    rt.wait_blocked(1);  // the select waits on c1 and c2
    rt.go([c1] { c1.recv(); });
    rt.wait_blocked(2);  // a receiver waits on c1 behind the select
    rt.go([c2] { c2.send(true); });
    c3.recv();
    c1.send(true);
    c1.send(true);
}

// A select woken through a a thousand times leaves no receiver on b: a non-blocking send on b
// finds nobody, and a receiver that comes later is the one a send wakes.
GOSEM_CASE(CH_SEL_20_loop,
           .rules = "CH-SEL-20",
           .area = "select",
           .flags = flag::impl_defined,
           .needs = cap::select | cap::introspection)
{
    auto a = make_chan<int>(rt);
    auto b = make_chan<int>(rt);
    auto done = make_chan<int>(rt);
    rt.go([&rt, a, b, done] {
        for (int i = 0; i < 1000; ++i) check_eq(select(rt, recv_case{a}, recv_case{b}), 0, "a");
        done.send(0);
    });
    for (int i = 0; i < 1000; ++i) a.send(i);
    done.recv();
    check_eq(select_default(rt, send_case{b, 1}), -1, "no receiver is left on b");
    check_later_receiver_gets(rt, b);
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

// test/chan/nonblock.go with partners, at capacities 0 and 1 and for every element type: a
// non-blocking send succeeds at once to a parked receiver; a non-blocking receive succeeds at
// once from a parked sender (capacity 0) or from the value a sender left (capacity 1).
GOSEM_CASE(CH_SEL_21_partner,
           .rules = "CH-SEL-21 CH-SEL-06",
           .area = "select",
           .needs = cap::select | cap::introspection)
{
    for_each_element_type([&]<class T>() {
        for (int n : {0, 1}) {
            auto ch = make_chan<T>(rt, n);
            auto strobe = make_chan<int>(rt);
            rt.go([ch, strobe] {
                check(same_value(ch.recv(), 1), "the receiver got the value");
                strobe.send(0);
            });
            rt.wait_blocked(1);
            check_eq(select_default(rt, send_case{ch, make_value<T>(1)}), 0,
                     "non-blocking send to a parked receiver");
            strobe.recv();
            rt.go([ch, strobe] {
                ch.send(make_value<T>(2));
                strobe.send(0);
            });
            if (n > 0) strobe.recv();  // the send went into the buffer
            else rt.wait_blocked(1);   // the sender is parked
            recv_case r{ch};
            check_eq(select_default(rt, r), 0, "non-blocking receive from the sender");
            check(r.ok && same_value(r.value, 2), "the sender's value");
            if (n == 0) strobe.recv();
        }
    });
}

// A non-blocking send takes default on a full buffer, and on an unbuffered channel where only
// another sender waits; the values already there are intact. For every element type.
GOSEM_CASE(CH_SEL_21_full,
           .rules = "CH-SEL-21 CH-SEL-06",
           .area = "select",
           .needs = cap::select | cap::introspection)
{
    for_each_element_type([&]<class T>() {
        auto full = make_chan<T>(rt, 1);
        full.send(make_value<T>(1));
        check_eq(select_default(rt, send_case{full, make_value<T>(2)}), -1, "full buffer: default");
        check(same_value(full.recv(), 1), "the buffered value is intact");
        auto unbuffered = make_chan<T>(rt);
        rt.go([unbuffered] { unbuffered.send(make_value<T>(3)); });
        rt.wait_blocked(1);
        check_eq(select_default(rt, send_case{unbuffered, make_value<T>(4)}), -1,
                 "two senders do not pair: default");
        check(same_value(unbuffered.recv(), 3), "the parked sender's value");
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

// Send cases in selects of one, two and five cases, with and without default.
GOSEM_CASE(CH_SEL_22_send,
           .rules = "CH-SEL-22",
           .area = "select",
           .needs = cap::select)
{
    std::array<chan_t<R, int>, 5> c;
    for (auto& ch : c) {
        ch = make_chan<int>(rt, 1);
        ch.send(0);  // full: no send case ready
    }
    check_eq(select_default(rt, send_case{c[0], 1}), -1, "one case, none ready");
    c[0].recv();
    check_eq(select(rt, send_case{c[0], 1}), 0, "one case, ready");
    check_eq(select_default(rt, send_case{c[0], 2}, send_case{c[1], 2}), -1, "two cases, none ready");
    c[1].recv();
    check_eq(select(rt, send_case{c[0], 2}, send_case{c[1], 2}), 1, "two cases, the second ready");
    auto five = [&](bool with_default, int v) {
        return with_default ? select_default(rt, send_case{c[0], v}, send_case{c[1], v},
                                             send_case{c[2], v}, send_case{c[3], v},
                                             send_case{c[4], v})
                            : select(rt, send_case{c[0], v}, send_case{c[1], v}, send_case{c[2], v},
                                     send_case{c[3], v}, send_case{c[4], v});
    };
    check_eq(five(true, 3), -1, "five cases, none ready");
    for (int k = 0; k < 5; ++k) {
        c[k].recv();
        check_eq(five(false, 10 + k), k, "five cases, only one ready");
    }
    for (int k = 0; k < 5; ++k) check_eq(c[k].recv(), 10 + k, "the value each select sent");
}

// test/chan/select7.go: every pairing of a receiver (plain, one-case select, two-case select)
// with a sender (plain, one-case select, two-case select) on an unbuffered channel.
GOSEM_CASE(CH_SEL_22_select7,
           .rules = "CH-SEL-22 CH-SEL-08",
           .area = "select",
           .needs = cap::select)
{
    auto receive = [&rt](int how, chan_t<R, int> c) {
        auto other = make_chan<int>(rt);
        recv_case r{c};
        if (how == 0) return c.recv();
        if (how == 1) check_eq(select(rt, r), 0, "one-case receive");
        else check_eq(select(rt, r, recv_case{other}), 0, "two-case receive");
        return r.value;
    };
    auto send = [&rt](int how, chan_t<R, int> c, int v) {
        auto other = make_chan<int>(rt);
        if (how == 0) c.send(v);
        else if (how == 1) check_eq(select(rt, send_case{c, v}), 0, "one-case send");
        else check_eq(select(rt, send_case{c, v}, send_case{other, v}), 0, "two-case send");
    };
    for (int how_recv = 0; how_recv < 3; ++how_recv) {
        for (int how_send = 0; how_send < 3; ++how_send) {
            auto c = make_chan<int>(rt);
            auto got = make_chan<int>(rt, 1);
            rt.go([receive, c, got, how_recv] { got.send(receive(how_recv, c)); });
            rt.yield();
            send(how_send, c, 10 * how_recv + how_send);
            check_eq(got.recv(), 10 * how_recv + how_send, "the value crossed");
        }
    }
}

// Eight mixed cases, four receives and four sends: default when none is ready; each one
// chosen when it alone is ready, with its value.
GOSEM_CASE(CH_SEL_22_many,
           .rules = "CH-SEL-22 CH-SEL-06",
           .area = "select",
           .needs = cap::select)
{
    std::array<chan_t<R, int>, 4> from;  // receive cases 0..3, empty
    std::array<chan_t<R, int>, 4> to;    // send cases 4..7, full
    for (int k = 0; k < 4; ++k) {
        from[k] = make_chan<int>(rt, 1);
        to[k] = make_chan<int>(rt, 1);
        to[k].send(-1);
    }
    auto eight = [&](bool with_default, int& received) {
        recv_case r0{from[0]};
        recv_case r1{from[1]};
        recv_case r2{from[2]};
        recv_case r3{from[3]};
        send_case s4{to[0], 4};
        send_case s5{to[1], 5};
        send_case s6{to[2], 6};
        send_case s7{to[3], 7};
        int chosen = with_default ? select_default(rt, r0, r1, r2, r3, s4, s5, s6, s7)
                                  : select(rt, r0, r1, r2, r3, s4, s5, s6, s7);
        received = chosen == 0 ? r0.value : chosen == 1 ? r1.value : chosen == 2 ? r2.value
                 : chosen == 3 ? r3.value : -1;
        return chosen;
    };
    int received = 0;
    check_eq(eight(true, received), -1, "eight cases, none ready");
    for (int k = 0; k < 8; ++k) {
        if (k < 4) from[k].send(k);
        else check_eq(to[k - 4].recv(), -1, "make room");
        check_eq(eight(k % 2 == 0, received), k, "eight cases, only one ready");
        if (k < 4) check_eq(received, k, "the value received");
        else check_eq(to[k - 4].recv(), k, "the value sent");
        if (k >= 4) to[k - 4].send(-1);
    }
}

// A select of eight receive cases, blocked, is woken through whichever case a goroutine sends
// on, each in turn.
GOSEM_CASE(CH_SEL_22_blocking,
           .rules = "CH-SEL-22 CH-SEL-08",
           .area = "select",
           .needs = cap::select | cap::introspection)
{
    std::array<chan_t<R, int>, 8> c;
    for (auto& ch : c) ch = make_chan<int>(rt);
    for (int k = 0; k < 8; ++k) {
        rt.go([&rt, ch = c[k], k] {
            rt.wait_blocked(1);  // main is in the select
            ch.send(k);
        });
        auto [chosen, value] = select_receive(rt, c);
        check_eq(chosen, k, "the case the goroutine sent on");
        check_eq(value, k, "its value");
    }
}

}  // namespace gosem_conformance::cases
