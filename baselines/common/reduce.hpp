// reduce: the sum of SIZE int32 values (i % 1000) held in memory. Task-based versions split it
// into chunks of `chunk` values (Go's copy: baselines/go/reduce); TBB's partitioner picks its own.
#pragma once

#include <cstddef>
#include <cstdint>

#include "harness.hpp"

namespace baselines::reduce {

inline constexpr std::int64_t default_size = 200'000'000;
inline constexpr std::size_t chunk = std::size_t{1} << 20;

inline huge_page_vector<std::int32_t> make_data(std::int64_t size) {
    huge_page_vector<std::int32_t> data(static_cast<std::size_t>(size));
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::int32_t>(i % 1000);
    return data;
}

BASELINES_KERNEL inline std::int64_t sum(const std::int32_t* begin, const std::int32_t* end) {
    std::int64_t s = 0;
    for (const std::int32_t* p = begin; p != end; ++p) s += *p;
    return s;
}

inline std::int64_t expected(std::int64_t size) {
    std::int64_t rest = size % 1000;
    return size / 1000 * (999 * 1000 / 2) + rest * (rest - 1) / 2;
}

}  // namespace baselines::reduce
