// fib on Boost.Fiber: fib(n-1) runs in a new fiber while the caller computes fib(n-2), then the
// caller joins it.
#include <boost/fiber/fiber.hpp>

#include "common/fib.hpp"
#include "common/harness.hpp"
#include "work_stealing_pool.hpp"

using namespace baselines;

static std::int64_t parallel_fib(int n) {
    if (n < fib::cutoff) return fib::sequential(n);
    std::int64_t left = 0;
    boost::fibers::fiber child([&left, n] { left = parallel_fib(n - 1); });
    const std::int64_t right = parallel_fib(n - 2);
    child.join();
    return left + right;
}

int main(int argc, char** argv) {
    const args a = parse_args(argc, argv, fib::default_size);
    const int n = fib::checked_n(argv[0], a.size);
    work_stealing_pool pool(a.threads);
    stopwatch clock;
    const std::int64_t got = parallel_fib(n);
    return finish(clock.read(), got, fib::expected(n));
}
