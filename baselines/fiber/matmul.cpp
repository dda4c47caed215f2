// matmul on Boost.Fiber: one fiber per block of rows of C, all joined.
#include <boost/fiber/fiber.hpp>

#include <algorithm>
#include <vector>

#include "common/harness.hpp"
#include "common/matmul.hpp"
#include "work_stealing_pool.hpp"

using namespace baselines;

int main(int argc, char** argv) {
    const args a = parse_args(argc, argv, matmul::default_size);
    matmul::problem p(static_cast<std::size_t>(a.size));
    work_stealing_pool pool(a.threads);
    stopwatch clock;
    std::vector<boost::fibers::fiber> tasks;
    for (std::size_t lo = 0; lo < p.n; lo += matmul::rows_per_task) {
        const std::size_t hi = std::min(lo + matmul::rows_per_task, p.n);
        tasks.emplace_back([&p, lo, hi] { p.multiply_rows(lo, hi); });
    }
    for (boost::fibers::fiber& t : tasks) t.join();
    const spent elapsed = clock.read();
    return finish(elapsed, p.checksum(), p.expected_checksum());
}
