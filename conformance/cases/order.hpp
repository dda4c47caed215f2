// Order and delivery (Go spec, "Channel types": a channel is a FIFO queue; test/chan/fifo.go,
// sieve1.go; runtime/chan_test.go): rules CH-ORD-*, at every capacity, through chains of
// goroutines, with many producers and consumers, and gc's order of parked goroutines.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

// The file's own words, in a namespace of their own so that no other case file's can clash.
namespace gosem_conformance::cases::order_words {

// A chain of `links` goroutines over channels of capacity n, each link passing `values` values
// on, one at a time, by forward(in, out); 0, 1, ... sent into the first channel come out of the
// last in order.
template <class R, class Forward>
void check_chain_keeps_order(R& rt, int links, int values, std::int64_t n, Forward forward) {
    auto first = make_chan<int>(rt, n);
    auto in = first;
    for (int i = 0; i < links; ++i) {
        auto out = make_chan<int>(rt, n);
        rt.go([in, out, values, forward] {
            for (int k = 0; k < values; ++k) forward(in, out);
        });
        in = out;
    }
    rt.go([first, values] {
        for (int k = 0; k < values; ++k) first.send(k);
    });
    for (int k = 0; k < values; ++k) check_eq(in.recv(), k, "order at the end of the chain");
}

// Four senders and four receivers on one channel of element type T, at every capacity: every
// value sent, 0..999, is received exactly once; number_of reads a received value's number.
template <class T, class R, class NumberOf>
void check_every_value_once(R& rt, NumberOf number_of) {
    constexpr int senders = 4, receivers = 4, per_sender = 250;
    constexpr int total = senders * per_sender;
    for (auto n : swept_capacities) {
        auto ch = make_chan<T>(rt, n);
        auto received = make_chan<int>(rt, total);
        for (int s = 0; s < senders; ++s) {
            rt.go([ch, s] {
                for (int i = 0; i < per_sender; ++i) ch.send(make_value<T>(s * per_sender + i));
            });
        }
        for (int r = 0; r < receivers; ++r) {
            rt.go([ch, received, number_of] {
                for (;;) received.send(number_of(ch.recv()));
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

// Receivers parked one after another on an unbuffered channel, each queued before the next
// starts, each taking one value by receive(ch): sent 0, 1, ..., the i-th receiver gets i.
template <class R, class Receive>
void check_receivers_served_in_order(R& rt, int receivers, Receive receive) {
    auto ch = make_chan<int>(rt);
    auto got = make_chan<int>(rt, receivers);
    for (int i = 0; i < receivers; ++i) {
        rt.go([ch, got, receive, i] { got.send(receive(ch, i) == i ? 1 : 0); });
        rt.wait_blocked(i + 1);  // receiver i is queued before receiver i+1 starts
    }
    for (int i = 0; i < receivers; ++i) ch.send(i);
    for (int i = 0; i < receivers; ++i) check_eq(got.recv(), 1, "the i-th receiver got value i");
}

}  // namespace gosem_conformance::cases::order_words

namespace gosem_conformance::cases {

using namespace order_words;

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

// Several senders on one channel: the values of each arrive in the order it sent them, at
// every capacity, however the senders interleave.
GOSEM_CASE(CH_ORD_01_senders,
           .rules = "CH-ORD-01",
           .notes = "N13",
           .area = "chan",
           .flags = flag::nondeterministic)
{
    constexpr int senders = 4, per_sender = 200;
    for (auto n : swept_capacities) {
        auto ch = make_chan<int>(rt, n);
        for (int s = 0; s < senders; ++s) {
            rt.go([ch, s] {
                for (int i = 0; i < per_sender; ++i) ch.send(s * per_sender + i);
            });
        }
        std::array<int, senders> next{};
        for (int i = 0; i < senders * per_sender; ++i) {
            int v = ch.recv();
            check(v >= 0 && v < senders * per_sender, "a value that was sent");
            check_eq(v % per_sender, next[v / per_sender]++, "each sender's values in its order");
        }
    }
}

// test/chan/fifo.go's SynchFifo: a chain of goroutines each waits for its predecessor, then
// receives one value; the i-th of them gets the i-th value sent, at every capacity.
GOSEM_CASE(CH_ORD_01_synch,
           .rules = "CH-ORD-01 CH-ORD-02",
           .area = "chan")
{
    constexpr int links = 10;
    for (auto n : swept_capacities) {
        auto ch = make_chan<int>(rt, n);
        auto start = make_chan<int>(rt);
        auto in = start;
        for (int i = 0; i < links; ++i) {
            auto out = make_chan<int>(rt);
            rt.go([ch, in, out, i] {
                in.recv();
                check_eq(ch.recv(), i, "the i-th goroutine gets the i-th value");
                out.send(1);
            });
            in = out;
        }
        start.send(0);
        for (int i = 0; i < links; ++i) ch.send(i);
        in.recv();
    }
}

// The buffer is a ring: a thousand rounds of two receives and two sends on a full channel of
// capacity 5 wrap it many times, and the values stay in order.
GOSEM_CASE(CH_ORD_01_wrap,
           .rules = "CH-ORD-01 CH-MK-03",
           .notes = "N13",
           .area = "chan")
{
    auto ch = make_chan<int>(rt, 5);
    int sent = 0, received = 0;
    while (sent < 5) ch.send(sent++);
    for (int round = 0; round < 1000; ++round) {
        for (int k = 0; k < 2; ++k) check_eq(ch.recv(), received++, "FIFO across the wrap");
        for (int k = 0; k < 2; ++k) ch.send(sent++);
    }
    while (received < sent) check_eq(ch.recv(), received++, "FIFO to the end");
}

// Sends and receives made through select keep FIFO order too, at every capacity.
GOSEM_CASE(CH_ORD_01_select,
           .rules = "CH-ORD-01 CH-SEL-08",
           .area = "chan",
           .needs = cap::select)
{
    for (auto n : swept_capacities) {
        auto ch = make_chan<int>(rt, n);
        auto quit = make_chan<int>(rt);  // never ready
        rt.go([&rt, ch, quit] {
            for (int i = 0; i < 200; ++i) select(rt, send_case{ch, i}, recv_case{quit});
        });
        for (int i = 0; i < 200; ++i) {
            recv_case r{ch};
            check_eq(select(rt, r, recv_case{quit}), 0, "the channel's case");
            check_eq(r.value, i, "FIFO order");
        }
    }
}

// A chain of goroutines forwarding through unbuffered channels keeps the order.
GOSEM_CASE(CH_ORD_02,
           .rules = "CH-ORD-02 CH-ORD-01",
           .area = "chan")
{
    constexpr int links = 100, values = 100;
    auto forward = [](auto in, auto out) { out.send(in.recv()); };
    check_chain_keeps_order(rt, links, values, 0, forward);
}

// test/chan/sieve1.go: the prime sieve, a growing chain of filtering goroutines, yields the
// first 100 primes in increasing order.
GOSEM_CASE(CH_ORD_02_sieve,
           .rules = "CH-ORD-02 CH-ORD-01",
           .area = "chan")
{
    auto is_prime = [](int v) {
        for (int d = 2; d * d <= v; ++d) {
            if (v % d == 0) return false;
        }
        return v >= 2;
    };
    auto ch = make_chan<int>(rt);
    rt.go([ch] {
        for (int i = 2;; ++i) ch.send(i);
    });
    int previous = 1;
    for (int i = 0; i < 100; ++i) {
        int prime = ch.recv();
        check(prime > previous && is_prime(prime), "the next prime");
        for (int v = previous + 1; v < prime; ++v) check(!is_prime(v), "no prime skipped");
        previous = prime;
        auto filtered = make_chan<int>(rt);
        rt.go([in = ch, filtered, prime] {
            for (;;) {
                int v = in.recv();
                if (v % prime != 0) filtered.send(v);
            }
        });
        ch = filtered;
    }
    check_eq(previous, 541, "the 100th prime");
}

// A daisy chain of 1000 goroutines, each adding one to what it passes on: ten values come out
// raised by 1000, in the order they went in.
GOSEM_CASE(CH_ORD_02_daisy,
           .rules = "CH-ORD-02 CH-ORD-01",
           .area = "chan")
{
    constexpr int links = 1000, values = 10;
    auto leftmost = make_chan<int>(rt);
    auto left = leftmost;
    for (int i = 0; i < links; ++i) {
        auto right = make_chan<int>(rt);
        rt.go([left, right] {
            for (int k = 0; k < values; ++k) left.send(1 + right.recv());
        });
        left = right;
    }
    rt.go([right = left] {
        for (int k = 0; k < values; ++k) right.send(k * 10000);
    });
    for (int k = 0; k < values; ++k) {
        check_eq(leftmost.recv(), k * 10000 + links, "raised by each link, in order");
    }
}

// A chain whose links are buffered, capacity 1 and 5, keeps the order.
GOSEM_CASE(CH_ORD_02_buffered,
           .rules = "CH-ORD-02 CH-ORD-01",
           .area = "chan")
{
    constexpr int links = 50, values = 200;
    auto forward = [](auto in, auto out) { out.send(in.recv()); };
    for (int n : {1, 5}) check_chain_keeps_order(rt, links, values, n, forward);
}

// A chain whose links forward through select keeps the order.
GOSEM_CASE(CH_ORD_02_select,
           .rules = "CH-ORD-02 CH-SEL-08",
           .area = "chan",
           .needs = cap::select)
{
    constexpr int links = 20, values = 200;
    auto quit = make_chan<int>(rt);  // never ready
    auto forward = [&rt, quit](auto in, auto out) {
        recv_case r{in};
        check_eq(select(rt, r, recv_case{quit}), 0, "a value to forward");
        check_eq(select(rt, send_case{out, r.value}, recv_case{quit}), 0, "forwarded");
    };
    check_chain_keeps_order(rt, links, values, 0, forward);
}

// Many senders and many receivers: every value is received exactly once.
GOSEM_CASE(CH_ORD_03,
           .rules = "CH-ORD-03",
           .area = "chan",
           .flags = flag::nondeterministic)
{
    check_every_value_once<int>(rt, [](int v) { return v; });
}

// Many senders and receivers of a move-only and of a string element type: every value is
// received exactly once, moved intact from its sender to its receiver.
GOSEM_CASE(CH_ORD_03_types,
           .rules = "CH-ORD-03 CH-MK-09",
           .area = "chan",
           .flags = flag::nondeterministic)
{
    check_every_value_once<move_only_value>(rt,
                                            [](const move_only_value& v) { return v ? *v : -1; });
    check_every_value_once<std::string>(
        rt, [](const std::string& v) { return v.size() > 1 ? std::stoi(v.substr(1)) : -1; });
}

// runtime/chan_test.go's TestMultiConsumer: 23 workers range over one queue, some yielding to
// disturb the order, and pass each value on; a closer closes the results once every worker has
// ended; every value is received once (count and sum).
GOSEM_CASE(CH_ORD_03_multi_consumer,
           .rules = "CH-ORD-03 CH-RNG-01",
           .area = "chan",
           .flags = flag::nondeterministic,
           .needs = cap::range)
{
    constexpr int workers = 23, iterations = 20000;
    static constexpr std::array<int, 10> pn = {2, 3, 7, 11, 13, 17, 19, 23, 27, 31};
    auto q = make_chan<int>(rt, workers * 3);
    auto r = make_chan<int>(rt, workers * 3);
    auto ended = make_chan<int>(rt, workers);
    for (int w = 0; w < workers; ++w) {
        rt.go([&rt, q, r, ended, w] {
            for (int v : q) {
                if (pn[w % pn.size()] == v) rt.yield();
                r.send(v);
            }
            ended.send(w);
        });
    }
    long expect = 0;
    for (int i = 0; i < iterations; ++i) expect += pn[i % pn.size()];
    rt.go([q, r, ended] {
        for (int i = 0; i < iterations; ++i) q.send(pn[i % pn.size()]);
        q.close();
        for (int w = 0; w < workers; ++w) ended.recv();
        r.close();
    });
    int count = 0;
    long sum = 0;
    for (int v : r) {
        ++count;
        sum += v;
    }
    check_eq(count, iterations, "every value received once");
    check_eq(sum, expect, "the sum of the values sent");
}

// Receivers parked one after another are served in that order (gc's wait queue is FIFO).
GOSEM_CASE(CH_ORD_04,
           .rules = "CH-ORD-04",
           .area = "chan",
           .flags = flag::impl_defined,
           .needs = cap::introspection)
{
    constexpr int receivers = 5;
    check_receivers_served_in_order(rt, receivers, [](auto ch, int) { return ch.recv(); });
}

// Senders parked one after another on an unbuffered channel are served in that order.
GOSEM_CASE(CH_ORD_04_senders,
           .rules = "CH-ORD-04",
           .area = "chan",
           .flags = flag::impl_defined,
           .needs = cap::introspection)
{
    constexpr int senders = 5;
    auto ch = make_chan<int>(rt);
    for (int i = 0; i < senders; ++i) {
        rt.go([ch, i] { ch.send(i); });
        rt.wait_blocked(i + 1);  // sender i is queued before sender i+1 starts
    }
    for (int i = 0; i < senders; ++i) check_eq(ch.recv(), i, "the i-th sender's value i-th");
}

// A full buffer with senders parked behind it: receives take the buffered values, then the
// parked senders' values in the order they started waiting.
GOSEM_CASE(CH_ORD_04_buffered,
           .rules = "CH-ORD-04 CH-ORD-01",
           .area = "chan",
           .flags = flag::impl_defined,
           .needs = cap::introspection)
{
    auto ch = make_chan<int>(rt, 2);
    ch.send(100);
    ch.send(101);
    for (int i = 0; i < 3; ++i) {
        rt.go([ch, i] { ch.send(i); });
        rt.wait_blocked(i + 1);
    }
    for (int want : {100, 101, 0, 1, 2}) check_eq(ch.recv(), want, "buffer, then senders in order");
}

// Receivers parked in a select and plain receivers share one queue, served in the order they
// started waiting.
GOSEM_CASE(CH_ORD_04_select,
           .rules = "CH-ORD-04 CH-SEL-08",
           .area = "chan",
           .flags = flag::impl_defined,
           .needs = cap::select | cap::introspection)
{
    constexpr int receivers = 6;
    auto idle = make_chan<int>(rt);
    auto receive = [&rt, idle](auto ch, int i) {
        if (i % 2 == 0) return ch.recv();  // a plain receive
        recv_case r{ch};
        return select(rt, r, recv_case{idle}) == 0 ? r.value : -1;
    };
    check_receivers_served_in_order(rt, receivers, receive);
}

}  // namespace gosem_conformance::cases
