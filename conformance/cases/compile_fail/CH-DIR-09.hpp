// A channel does not convert to a send-only view of another element type.
// Compiled alone by its compile test: as it stands it must compile, with the violation it must not.
#pragma once

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

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
