// A receive-only channel does not convert back to a bidirectional one.
#pragma once

#include "words.inc"

namespace gosem_conformance::cases {

GOSEM_CASE(CH_DIR_02,
           .rules = "CH-DIR-02",
           .notes = "N14",
           .area = "direction",
           .expect = does_not_compile(),
           .needs = cap::direction)
{
    recv_chan_t<R, int> r = holding_one(rt);
    GOSEM_VIOLATION(chan_t<R, int> back = r;)
    check_eq(r.recv(), 1, "the legal part runs");
}

}  // namespace gosem_conformance::cases
