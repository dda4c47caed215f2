// matmul on gosem: one goroutine per block of rows of C, joined with a wait_group, as in Go.
#include <gosem/gosem.hpp>
#include <gosem/sync.hpp>

#include <algorithm>

#include "common/harness.hpp"
#include "common/matmul.hpp"

using namespace baselines;

int main(int argc, char** argv) {
    const args a = parse_args(argc, argv, matmul::default_size);
    matmul::problem p(static_cast<std::size_t>(a.size));
    int status = 0;
    gosem::run(gosem::config{.procs = a.threads}, [&] {
        stopwatch clock;
        gosem::wait_group wg;
        for (std::size_t lo = 0; lo < p.n; lo += matmul::rows_per_task) {
            const std::size_t hi = std::min(lo + matmul::rows_per_task, p.n);
            wg.add(1);
            gosem::go([&p, &wg, lo, hi] {
                p.multiply_rows(lo, hi);
                wg.done();
            });
        }
        wg.wait();
        const spent elapsed = clock.read();
        status = finish(elapsed, p.checksum(), p.expected_checksum());
    });
    return status;
}
