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

}  // namespace gosem_conformance::cases
