// Ranging over a send-only channel does not compile.
#pragma once

#include "words.inc"

namespace gosem_conformance::cases {

GOSEM_CASE(CH_RNG_06,
           .rules = "CH-RNG-06 CH-DIR-04",
           .notes = "N14",
           .area = "direction",
           .expect = does_not_compile(),
           .needs = cap::direction)
{
    send_chan_t<R, int> s = make_chan<int>(rt, 1);
    GOSEM_VIOLATION(for ([[maybe_unused]] int v : s) {})
    s.close();
}

}  // namespace gosem_conformance::cases
