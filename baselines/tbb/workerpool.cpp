// workerpool on TBB: its nearest form, parallel_for_each over the jobs, each worker thread adding
// its results into its own slot of a combinable.
#include <tbb/combinable.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for_each.h>

#include <functional>
#include <numeric>
#include <vector>

#include "common/harness.hpp"
#include "common/workerpool.hpp"

using namespace baselines;

int main(int argc, char** argv) {
    const args a = parse_args(argc, argv, workerpool::default_size);
    tbb::global_control threads(tbb::global_control::max_allowed_parallelism, a.threads);
    stopwatch clock;
    std::vector<std::int64_t> jobs(static_cast<std::size_t>(a.size));
    std::iota(jobs.begin(), jobs.end(), std::int64_t{1});
    tbb::combinable<std::int64_t> results([] { return std::int64_t{0}; });
    tbb::parallel_for_each(jobs.begin(), jobs.end(), [&results](std::int64_t job) {
        results.local() += workerpool::collatz_steps(job);
    });
    const std::int64_t got = results.combine(std::plus<>());
    const spent elapsed = clock.read();
    return finish(elapsed, got, workerpool::expected(a.size));
}
