// Not even an explicit conversion turns a send-only channel into a receive-only one.
// Compiled alone by its compile test: as it stands it must compile, with the violation it must not.
#pragma once

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

namespace gosem_conformance::cases {

GOSEM_CASE(CH_DIR_03_explicit,
           .rules = "CH-DIR-03",
           .notes = "N14",
           .area = "direction",
           .expect = does_not_compile(),
           .needs = cap::direction)
{
    auto ch = make_chan<int>(rt, 1);
    send_chan_t<R, int> s = ch;
    GOSEM_VIOLATION(auto r = static_cast<recv_chan_t<R, int>>(s);)
    s.close();
}

}  // namespace gosem_conformance::cases
