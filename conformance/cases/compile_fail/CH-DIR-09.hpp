// A channel does not convert to a send-only view of another element type.
#pragma once

#include "words.inc"

namespace gosem_conformance::cases {

GOSEM_CASE(CH_DIR_09,
           .rules = "CH-DIR-09 CH-DIR-01",
           .notes = "N14",
           .area = "direction",
           .expect = does_not_compile(),
           .needs = cap::direction)
{
    auto ch = make_chan<int>(rt, 1);
    send_chan_t<R, int> s = ch;
    GOSEM_VIOLATION(send_chan_t<R, long> wide = ch;)
    s.close();
}

}  // namespace gosem_conformance::cases
