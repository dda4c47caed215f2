// A receive-only channel cannot be assigned to a send-only channel variable.
#pragma once

#include "words.inc"

namespace gosem_conformance::cases {

GOSEM_CASE(CH_DIR_03_assign,
           .rules = "CH-DIR-03",
           .notes = "N14",
           .area = "direction",
           .expect = does_not_compile(),
           .needs = cap::direction)
{
    auto ch = make_chan<int>(rt, 1);
    recv_chan_t<R, int> r = ch;
    send_chan_t<R, int> s = ch;
    GOSEM_VIOLATION(s = r;)
    s.send(1);
    check_eq(r.recv(), 1, "the legal part runs");
}

}  // namespace gosem_conformance::cases
