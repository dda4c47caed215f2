// A channel does not convert to a receive-only view of another element type.
// Compiled alone by its compile test: as it stands it must compile, with the violation it must not.
#pragma once

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

namespace gosem_conformance::cases {

GOSEM_CASE(CH_DIR_09_recv_only,
           .rules = "CH-DIR-09 CH-DIR-01",
           .notes = "N14",
           .area = "direction",
           .expect = does_not_compile(),
           .needs = cap::direction)
{
    auto ch = make_chan<int>(rt, 1);
    ch.send(1);
    recv_chan_t<R, int> r = ch;
    GOSEM_VIOLATION(recv_chan_t<R, long> wide = ch;)
    check_eq(r.recv(), 1, "the legal part runs");
}

}  // namespace gosem_conformance::cases
