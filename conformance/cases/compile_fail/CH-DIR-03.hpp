// A send-only channel does not convert to a receive-only one.
#pragma once

#include "words.inc"

namespace gosem_conformance::cases {

GOSEM_CASE(CH_DIR_03,
           .rules = "CH-DIR-03",
           .notes = "N14",
           .area = "direction",
           .expect = does_not_compile(),
           .needs = cap::direction)
{
    send_chan_t<R, int> s = make_chan<int>(rt, 1);
    GOSEM_VIOLATION(recv_chan_t<R, int> r = s;)
    s.close();
}

}  // namespace gosem_conformance::cases
