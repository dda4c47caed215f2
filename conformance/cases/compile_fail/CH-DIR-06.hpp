// Closing a receive-only channel does not compile.
// Compiled alone by its compile test: as it stands it must compile, with the violation it must not.
#pragma once

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

namespace gosem_conformance::cases {

GOSEM_CASE(CH_DIR_06,
           .rules = "CH-DIR-06 CH-CLS-08",
           .notes = "N14",
           .area = "direction",
           .expect = does_not_compile(),
           .needs = cap::direction)
{
    auto ch = make_chan<int>(rt, 1);
    ch.send(1);
    recv_chan_t<R, int> r = ch;
    GOSEM_VIOLATION(r.close();)
    check_eq(r.recv(), 1, "the legal part runs");
}

}  // namespace gosem_conformance::cases
