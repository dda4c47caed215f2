// Receiving from a send-only channel does not compile.
#pragma once

#include "words.inc"

namespace gosem_conformance::cases {

GOSEM_CASE(CH_DIR_04,
           .rules = "CH-DIR-04",
           .notes = "N14",
           .area = "direction",
           .expect = does_not_compile(),
           .needs = cap::direction)
{
    send_chan_t<R, int> s = make_chan<int>(rt, 1);
    GOSEM_VIOLATION(s.recv();)
    s.close();
}

}  // namespace gosem_conformance::cases
