// pipeline on TBB: parallel_pipeline with a serial generator, a parallel transform and a serial
// summing filter, one item per token and `buffer` tokens in flight.
#include <tbb/global_control.h>
#include <tbb/parallel_pipeline.h>

#include "common/harness.hpp"
#include "common/pipeline.hpp"

using namespace baselines;

int main(int argc, char** argv) {
    const args a = parse_args(argc, argv, pipeline::default_size);
    const auto n = static_cast<std::uint64_t>(a.size);
    tbb::global_control threads(tbb::global_control::max_allowed_parallelism, a.threads);
    stopwatch clock;
    std::uint64_t next = 0, got = 0;
    tbb::parallel_pipeline(
        pipeline::buffer,
        tbb::make_filter<void, std::uint64_t>(tbb::filter_mode::serial_in_order,
                                              [&next, n](tbb::flow_control& flow) -> std::uint64_t {
                                                  if (next == n) flow.stop();
                                                  return next++;
                                              }) &
            tbb::make_filter<std::uint64_t, std::uint64_t>(
                tbb::filter_mode::parallel, [](std::uint64_t x) { return pipeline::transform(x); }) &
            tbb::make_filter<std::uint64_t, void>(tbb::filter_mode::serial_out_of_order,
                                                  [&got](std::uint64_t square) { got += square; }));
    return finish(clock.read(), got, pipeline::expected(n));
}
