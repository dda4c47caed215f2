// Directional channel types at run time (Go spec, "Channel types", "Assignability"): rules
// CH-DIR-*. What must not compile is in compile_fail/, one case per file.
#pragma once

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

namespace gosem_conformance::cases {

// A bidirectional channel converts to both directions, and the views share the channel.
GOSEM_CASE(CH_DIR_01,
           .rules = "CH-DIR-01 CH-DIR-07",
           .notes = "N14",
           .area = "direction",
           .needs = cap::direction)
{
    auto ch = make_chan<int>(rt, 2);
    send_chan_t<R, int> s = ch;
    recv_chan_t<R, int> r = ch;
    s.send(1);
    ch.send(2);
    check_eq(r.recv(), 1, "sent through the send-only view");
    auto [v, ok] = r.recv_ok();
    check(ok && v == 2, "sent through the channel, received through the receive-only view");
}

// A producer given only the send side and a consumer given only the receive side connect.
GOSEM_CASE(N14_01,
           .rules = "N14-01 CH-DIR-01 CH-CLS-08",
           .notes = "N14",
           .area = "direction",
           .needs = cap::direction)
{
    auto produce = [](send_chan_t<R, int> out) {
        for (int i = 1; i <= 10; ++i) out.send(i);
        out.close();
    };
    auto consume = [](recv_chan_t<R, int> in, send_chan_t<R, int> total) {
        int sum = 0;
        for (;;) {
            auto [v, ok] = in.recv_ok();
            if (!ok) break;
            sum += v;
        }
        total.send(sum);
    };
    auto ch = make_chan<int>(rt);
    auto total = make_chan<int>(rt, 1);
    rt.go([produce, ch] { produce(ch); });
    rt.go([consume, ch, total] { consume(ch, total); });
    check_eq(total.recv(), 55, "the consumer's sum of what the producer sent");
}


// A producer holding only the send side and a consumer holding only the receive side connect
// for every element type and capacity; the close through the send side ends the consumer.
GOSEM_CASE(CH_DIR_01_types,
           .rules = "CH-DIR-01 CH-DIR-07 CH-CLS-08 N14-01",
           .notes = "N14",
           .area = "direction",
           .needs = cap::direction)
{
    for_each_element_type([&]<class T>() {
        for (auto n : swept_capacities) {
            auto ch = make_chan<T>(rt, n);
            auto results = make_chan<bool>(rt, 1);
            send_chan_t<R, T> out = ch;
            recv_chan_t<R, T> in = ch;
            rt.go([out] {
                for (int i = 1; i <= 5; ++i) out.send(make_value<T>(i));
                out.close();
            });
            rt.go([in, results] {
                bool in_order = true;
                for (int i = 1; i <= 5; ++i) {
                    auto [v, ok] = in.recv_ok();
                    in_order = in_order && ok && same_value(v, i);
                }
                auto [v, ok] = in.recv_ok();
                results.send(in_order && !ok && is_zero(v));
            });
            check(results.recv(), "the consumer got the producer's values in order, then close");
        }
    });
}

// A nil channel converts to nil views: they equal the nil channel, not a made one.
GOSEM_CASE(CH_DIR_01_nil,
           .rules = "CH-DIR-01 CH-MK-10 CH-DIR-08",
           .notes = "N14",
           .area = "nil",
           .needs = cap::nil_chan | cap::direction)
{
    auto nil = nil_chan<int>(rt);
    auto made = make_chan<int>(rt);
    send_chan_t<R, int> s = nil;
    recv_chan_t<R, int> r = nil;
    check(s == nil && r == nil, "the views of a nil channel are nil");
    check(!(s == made) && !(r == made), "a nil view is not a made channel");
}

// Copies of the views, spread over goroutines, all reach the one channel: every value sent
// through any send-only copy is received once through the receive-only copies.
GOSEM_CASE(CH_DIR_07_copies,
           .rules = "CH-DIR-07 CH-MK-11 CH-ORD-03",
           .notes = "N14",
           .area = "direction",
           .needs = cap::direction)
{
    constexpr int senders = 3;
    constexpr int per_sender = 10;
    for (auto n : swept_capacities) {
        auto ch = make_chan<int>(rt, n);
        auto sums = make_chan<int>(rt, 2);
        send_chan_t<R, int> out = ch;
        recv_chan_t<R, int> in = ch;
        for (int g = 0; g < senders; ++g) {
            send_chan_t<R, int> copy = out;
            rt.go([copy, g] {
                for (int i = 0; i < per_sender; ++i) copy.send(g * per_sender + i);
            });
        }
        for (int g = 0; g < 2; ++g) {
            recv_chan_t<R, int> copy = in;
            rt.go([copy, sums] {
                int sum = 0;
                for (int i = 0; i < senders * per_sender / 2; ++i) sum += copy.recv();
                sums.send(sum);
            });
        }
        constexpr int total = senders * per_sender;
        check_eq(sums.recv() + sums.recv(), total * (total - 1) / 2, "every value received once");
    }
}

}  // namespace gosem_conformance::cases
