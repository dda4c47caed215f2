// Not even an explicit conversion turns a receive-only channel back into a bidirectional one.
// Compiled alone by its compile test: as it stands it must compile, with the violation it must not.
#pragma once

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

namespace gosem_conformance::cases {

GOSEM_CASE(CH_DIR_02_explicit,
           .rules = "CH-DIR-02",
           .notes = "N14",
           .area = "direction",
           .expect = does_not_compile(),
           .needs = cap::direction)
{
    auto ch = make_chan<int>(rt, 1);
    ch.send(1);
    recv_chan_t<R, int> r = ch;
    GOSEM_VIOLATION(auto back = static_cast<chan_t<R, int>>(r);)
    check_eq(r.recv(), 1, "the legal part runs");
}

}  // namespace gosem_conformance::cases
