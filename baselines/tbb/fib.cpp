// fib on TBB: fib(n-1) runs in a task_group while the caller computes fib(n-2).
#include <tbb/global_control.h>
#include <tbb/task_group.h>

#include "common/fib.hpp"
#include "common/harness.hpp"

using namespace baselines;

static std::int64_t parallel_fib(int n) {
    if (n < fib::cutoff) return fib::sequential(n);
    std::int64_t left = 0;
    tbb::task_group group;
    group.run([&left, n] { left = parallel_fib(n - 1); });
    const std::int64_t right = parallel_fib(n - 2);
    group.wait();
    return left + right;
}

int main(int argc, char** argv) {
    const args a = parse_args(argc, argv, fib::default_size);
    const int n = fib::checked_n(argv[0], a.size);
    tbb::global_control threads(tbb::global_control::max_allowed_parallelism, a.threads);
    stopwatch clock;
    const std::int64_t got = parallel_fib(n);
    return finish(clock.read(), got, fib::expected(n));
}
