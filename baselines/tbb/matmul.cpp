// matmul on TBB: parallel_for over the rows of C, with TBB's default (auto) partitioner.
#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include "common/harness.hpp"
#include "common/matmul.hpp"

using namespace baselines;

int main(int argc, char** argv) {
    const args a = parse_args(argc, argv, matmul::default_size);
    matmul::problem p(static_cast<std::size_t>(a.size));
    tbb::global_control threads(tbb::global_control::max_allowed_parallelism, a.threads);
    stopwatch clock;
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, p.n),
                      [&p](const tbb::blocked_range<std::size_t>& rows) {
                          p.multiply_rows(rows.begin(), rows.end());
                      });
    const spent elapsed = clock.read();
    return finish(elapsed, p.checksum(), p.expected_checksum());
}
