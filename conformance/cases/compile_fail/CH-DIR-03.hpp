// A send-only channel does not convert to a receive-only one.
// Compiled alone by its compile test: as it stands it must compile, with the violation it must not.
#pragma once

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

namespace gosem_conformance::cases {

GOSEM_CASE(CH_DIR_03,
           .rules = "CH-DIR-03",
           .notes = "N14",
           .area = "direction",
           .expect = does_not_compile(),
           .needs = cap::direction)
{
    auto ch = make_chan<int>(rt, 1);
    send_chan_t<R, int> s = ch;
    GOSEM_VIOLATION(recv_chan_t<R, int> r = s;)
    s.close();
}

}  // namespace gosem_conformance::cases
