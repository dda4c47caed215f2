// Receiving with ok from a send-only channel does not compile.
#pragma once

#include "words.inc"

namespace gosem_conformance::cases {

GOSEM_CASE(CH_DIR_04_ok,
           .rules = "CH-DIR-04",
           .notes = "N14",
           .area = "direction",
           .expect = does_not_compile(),
           .needs = cap::direction)
{
    send_chan_t<R, int> s = make_chan<int>(rt, 1);
    GOSEM_VIOLATION(auto [v, ok] = s.recv_ok();)
    s.close();
}

}  // namespace gosem_conformance::cases
