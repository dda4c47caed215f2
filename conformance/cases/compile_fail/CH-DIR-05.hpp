// Sending to a receive-only channel does not compile.
#pragma once

#include "words.inc"

namespace gosem_conformance::cases {

GOSEM_CASE(CH_DIR_05,
           .rules = "CH-DIR-05",
           .notes = "N14",
           .area = "direction",
           .expect = does_not_compile(),
           .needs = cap::direction)
{
    recv_chan_t<R, int> r = holding_one(rt);
    GOSEM_VIOLATION(r.send(1);)
    check_eq(r.recv(), 1, "the legal part runs");
}

}  // namespace gosem_conformance::cases
