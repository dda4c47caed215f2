// A send-only channel does not convert back to a bidirectional one.
// Compiled alone by its compile test: as it stands it must compile, with the violation it must not.
#pragma once

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

namespace gosem_conformance::cases {

GOSEM_CASE(CH_DIR_02_send_only,
           .rules = "CH-DIR-02",
           .notes = "N14",
           .area = "direction",
           .expect = does_not_compile(),
           .needs = cap::direction)
{
    auto ch = make_chan<int>(rt, 1);
    send_chan_t<R, int> s = ch;
    GOSEM_VIOLATION(chan_t<R, int> back = s;)
    s.close();
}

}  // namespace gosem_conformance::cases
