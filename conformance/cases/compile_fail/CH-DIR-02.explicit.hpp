// Not even an explicit conversion turns a receive-only channel back into a bidirectional one.
#pragma once

#include "words.inc"

namespace gosem_conformance::cases {

GOSEM_CASE(CH_DIR_02_explicit,
           .rules = "CH-DIR-02",
           .notes = "N14",
           .area = "direction",
           .expect = does_not_compile(),
           .needs = cap::direction)
{
    recv_chan_t<R, int> r = holding_one(rt);
    GOSEM_VIOLATION(auto back = static_cast<chan_t<R, int>>(r);)
    check_eq(r.recv(), 1, "the legal part runs");
}

}  // namespace gosem_conformance::cases
