// fib on gosem: fib(n-1) runs in a new goroutine that sends its result on a channel of one slot
// while the caller computes fib(n-2), as in Go.
#include <gosem/gosem.hpp>

#include "common/fib.hpp"
#include "common/harness.hpp"

using namespace baselines;

static std::int64_t parallel_fib(int n) {
    if (n < fib::cutoff) return fib::sequential(n);
    auto left = gosem::make_chan<std::int64_t>(1);
    gosem::go([left, n] { left.send(parallel_fib(n - 1)); });
    const std::int64_t right = parallel_fib(n - 2);
    return left.recv() + right;
}

int main(int argc, char** argv) {
    const args a = parse_args(argc, argv, fib::default_size);
    const int n = fib::checked_n(argv[0], a.size);
    int status = 0;
    gosem::run(gosem::config{.procs = a.threads}, [&] {
        stopwatch clock;
        const std::int64_t got = parallel_fib(n);
        status = finish(clock.read(), got, fib::expected(n));
    });
    return status;
}
