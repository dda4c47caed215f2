// fib: fork-join fib(SIZE). Each call at or above `cutoff` forks fib(n-1) as a task, computes
// fib(n-2) itself and joins; below it, plain recursion. The cutoff is the same on every system
// (Go's copy: baselines/go/fib), so every system runs the same number of tasks.
#pragma once

#include <cstdint>

#include "harness.hpp"

namespace baselines::fib {

inline constexpr std::int64_t default_size = 32;
inline constexpr int cutoff = 10;

inline std::int64_t sequential(int n) { return n < 2 ? n : sequential(n - 1) + sequential(n - 2); }

inline std::int64_t expected(int n) {
    std::int64_t a = 0, b = 1;
    for (int i = 0; i < n; ++i) {
        std::int64_t next = a + b;
        a = b;
        b = next;
    }
    return a;
}

inline int checked_n(const char* program, std::int64_t size) {
    if (size > 90) usage(program, "SIZE must be at most 90");
    return static_cast<int>(size);
}

}  // namespace baselines::fib
