// skynet: a 10-ary tree of tasks with SIZE leaves (a power of 10); each leaf yields its number,
// each inner node the sum of its children's, so the root yields SIZE(SIZE-1)/2.
#pragma once

#include <cstdint>

#include "harness.hpp"

namespace baselines::skynet {

inline constexpr std::int64_t default_size = 1'000'000;
inline constexpr std::int64_t fanout = 10;

inline std::int64_t expected(std::int64_t size) { return size * (size - 1) / 2; }

inline void require_power_of_fanout(const char* program, std::int64_t size) {
    for (; size > 1; size /= fanout) {
        if (size % fanout != 0) usage(program, "SIZE must be a power of 10");
    }
}

}  // namespace baselines::skynet
