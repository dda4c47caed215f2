// bench/local_work.hpp: the busy work Go's benchmarks model as rounds of `foo *= 2; foo /= 2`,
// reproducing what Go 1.19's compiler makes of it, so that an op costs the same on both sides.
#pragma once

#include <cstdint>

namespace gosem_bench {

// Rounds whose result the benchmark uses afterwards (sends it, or tests it). Go compiles the pair
// as written; a C++ compiler would fold it away (signed overflow being undefined,
// foo * 2 / 2 == foo), so an empty asm between the two hides foo's value and both the shift and
// the signed halving are done, once per round, as in Go.
inline void local_work(std::int64_t& foo, int rounds) {
    for (int i = 0; i < rounds; ++i) {
        foo *= 2;
        asm volatile("" : "+r"(foo));
        foo /= 2;
    }
}

// Rounds whose result the benchmark discards (`_ = foo`, as in sync's MutexWork): Go's compiler
// drops the arithmetic as dead and keeps an empty loop of `rounds` iterations; this runs that
// loop (the empty asm keeps it from being dropped too).
inline void discarded_work(int rounds) {
    for (int i = 0; i < rounds; ++i) asm volatile("");
}

}  // namespace gosem_bench
