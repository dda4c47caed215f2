// reduce on TBB: parallel_reduce over the data, with TBB's default (auto) partitioner.
#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_reduce.h>

#include <functional>

#include "common/harness.hpp"
#include "common/reduce.hpp"

using namespace baselines;

int main(int argc, char** argv) {
    const args a = parse_args(argc, argv, reduce::default_size);
    const auto data = reduce::make_data(a.size);
    tbb::global_control threads(tbb::global_control::max_allowed_parallelism, a.threads);
    stopwatch clock;
    const std::int64_t got = tbb::parallel_reduce(
        tbb::blocked_range<std::size_t>(0, data.size()), std::int64_t{0},
        [&data](const tbb::blocked_range<std::size_t>& r, std::int64_t partial) {
            return partial + reduce::sum(data.data() + r.begin(), data.data() + r.end());
        },
        std::plus<>());
    return finish(clock.read(), got, reduce::expected(a.size));
}
