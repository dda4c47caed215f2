// A send-only channel does not convert back to a bidirectional one.
#pragma once

#include "words.inc"

namespace gosem_conformance::cases {

GOSEM_CASE(CH_DIR_02_send_only,
           .rules = "CH-DIR-02",
           .notes = "N14",
           .area = "direction",
           .expect = does_not_compile(),
           .needs = cap::direction)
{
    send_chan_t<R, int> s = make_chan<int>(rt, 1);
    GOSEM_VIOLATION(chan_t<R, int> back = s;)
    s.close();
}

}  // namespace gosem_conformance::cases
