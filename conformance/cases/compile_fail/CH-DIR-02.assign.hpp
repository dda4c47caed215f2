// A receive-only channel cannot be assigned to a bidirectional channel variable.
#pragma once

#include "words.inc"

namespace gosem_conformance::cases {

GOSEM_CASE(CH_DIR_02_assign,
           .rules = "CH-DIR-02",
           .notes = "N14",
           .area = "direction",
           .expect = does_not_compile(),
           .needs = cap::direction)
{
    auto ch = make_chan<int>(rt, 2);
    ch.send(1);
    recv_chan_t<R, int> r = ch;
    chan_t<R, int> back = ch;
    GOSEM_VIOLATION(back = r;)
    back.send(2);
    check_eq(r.recv(), 1, "the legal part runs");
}

}  // namespace gosem_conformance::cases
