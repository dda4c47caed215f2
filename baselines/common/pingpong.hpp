// pingpong: SIZE round trips between two tasks over two unbuffered channels; the partner answers
// each value v with v+1, and the sum of the answers is SIZE(SIZE+1)/2.
#pragma once

#include <cstdint>

namespace baselines::pingpong {

inline constexpr std::int64_t default_size = 1'000'000;

inline std::int64_t expected(std::int64_t size) { return size * (size + 1) / 2; }

}  // namespace baselines::pingpong
