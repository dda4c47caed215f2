// Not even an explicit conversion turns a send-only channel into a receive-only one.
#pragma once

#include "words.inc"

namespace gosem_conformance::cases {

GOSEM_CASE(CH_DIR_03_explicit,
           .rules = "CH-DIR-03",
           .notes = "N14",
           .area = "direction",
           .expect = does_not_compile(),
           .needs = cap::direction)
{
    send_chan_t<R, int> s = make_chan<int>(rt, 1);
    GOSEM_VIOLATION(auto r = static_cast<recv_chan_t<R, int>>(s);)
    s.close();
}

}  // namespace gosem_conformance::cases
