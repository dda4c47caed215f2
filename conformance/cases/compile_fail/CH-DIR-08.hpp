// A send-only and a receive-only channel cannot be compared, though each compares with the channel.
#pragma once

#include "words.inc"

namespace gosem_conformance::cases {

GOSEM_CASE(CH_DIR_08,
           .rules = "CH-DIR-08 CH-MK-10",
           .notes = "N14",
           .area = "direction",
           .expect = does_not_compile(),
           .needs = cap::direction)
{
    auto ch = make_chan<int>(rt, 1);
    send_chan_t<R, int> s = ch;
    recv_chan_t<R, int> r = ch;
    check(s == ch && r == ch, "each view compares with the channel");
    GOSEM_VIOLATION(check(s == r, "the two views compared");)
}

}  // namespace gosem_conformance::cases
