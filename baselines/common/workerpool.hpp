// workerpool: `workers` workers drain a channel of jobs (1..SIZE) and send back each job's
// Collatz step count; the results are summed as they come. (Go's copy: baselines/go/workerpool.)
#pragma once

#include <cstdint>

#include "harness.hpp"

namespace baselines::workerpool {

inline constexpr std::int64_t default_size = 1'000'000;
inline constexpr int workers = 8;
inline constexpr int buffer = 255;

BASELINES_KERNEL inline std::int64_t collatz_steps(std::int64_t x) {
    std::int64_t steps = 0;
    for (; x != 1; ++steps) x = x % 2 == 0 ? x / 2 : 3 * x + 1;
    return steps;
}

inline std::int64_t expected(std::int64_t size) {
    std::int64_t sum = 0;
    for (std::int64_t j = 1; j <= size; ++j) sum += collatz_steps(j);
    return sum;
}

}  // namespace baselines::workerpool
