// Closing a receive-only channel does not compile.
#pragma once

#include "words.inc"

namespace gosem_conformance::cases {

GOSEM_CASE(CH_DIR_06,
           .rules = "CH-DIR-06 CH-CLS-08",
           .notes = "N14",
           .area = "direction",
           .expect = does_not_compile(),
           .needs = cap::direction)
{
    recv_chan_t<R, int> r = holding_one(rt);
    GOSEM_VIOLATION(r.close();)
    check_eq(r.recv(), 1, "the legal part runs");
}

}  // namespace gosem_conformance::cases
