// A select case sending to a receive-only channel does not compile.
#pragma once

#include "words.inc"

namespace gosem_conformance::cases {

GOSEM_CASE(CH_DIR_05_select,
           .rules = "CH-DIR-05 CH-SEL-22",
           .notes = "N14",
           .area = "direction",
           .expect = does_not_compile(),
           .needs = cap::direction)
{
    recv_chan_t<R, int> r = holding_one(rt);
    GOSEM_VIOLATION(select_default(rt, send_case{r, 1});)
    check_eq(r.recv(), 1, "the legal part runs");
}

}  // namespace gosem_conformance::cases
