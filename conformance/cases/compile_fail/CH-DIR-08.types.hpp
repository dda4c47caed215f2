// Channels of different element types cannot be compared.
#pragma once

#include "words.inc"

namespace gosem_conformance::cases {

GOSEM_CASE(CH_DIR_08_types,
           .rules = "CH-DIR-08 CH-MK-10",
           .notes = "N14",
           .area = "direction",
           .expect = does_not_compile())
{
    auto a = make_chan<int>(rt, 1);
    auto a_copy = a;
    auto b = make_chan<long>(rt, 1);
    check(a == a_copy, "channels of one element type compare");
    GOSEM_VIOLATION(check(!(a == b), "channels of different element types compared");)
    b.close();
}

}  // namespace gosem_conformance::cases
