// A channel does not convert to a receive-only view of another element type.
#pragma once

#include "words.inc"

namespace gosem_conformance::cases {

GOSEM_CASE(CH_DIR_09_recv_only,
           .rules = "CH-DIR-09 CH-DIR-01",
           .notes = "N14",
           .area = "direction",
           .expect = does_not_compile(),
           .needs = cap::direction)
{
    auto ch = holding_one(rt);
    recv_chan_t<R, int> r = ch;
    GOSEM_VIOLATION(recv_chan_t<R, long> wide = ch;)
    check_eq(r.recv(), 1, "the legal part runs");
}

}  // namespace gosem_conformance::cases
