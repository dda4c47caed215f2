// pipeline: generate 0..SIZE-1 -> square -> sum (modulo 2^64), one task per stage, the stages
// joined by channels of `buffer` slots that the upstream stage closes when it is done (Go's copy:
// baselines/go/pipeline). TBB runs the same three filters with `buffer` tokens in flight.
#pragma once

#include <cstdint>

namespace baselines::pipeline {

inline constexpr std::int64_t default_size = 10'000'000;
inline constexpr int buffer = 255;

inline std::uint64_t transform(std::uint64_t x) { return x * x; }

// The sum of i*i for i < n, modulo 2^64: n(n-1)(2n-1)/6, dividing before the wrapping products.
inline std::uint64_t expected(std::uint64_t n) {
    std::uint64_t f[3] = {n, n - 1, 2 * n - 1};
    for (std::uint64_t d : {2, 3}) {
        for (std::uint64_t& x : f) {
            if (x % d == 0) {
                x /= d;
                break;
            }
        }
    }
    return f[0] * f[1] * f[2];
}

}  // namespace baselines::pipeline
