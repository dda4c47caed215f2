// reduce as one plain loop on one thread: the memory-bandwidth reference for the parallel sums.
#include "common/harness.hpp"
#include "common/reduce.hpp"

using namespace baselines;

int main(int argc, char** argv) {
    const args a = parse_args(argc, argv, reduce::default_size);
    if (a.threads != 1) usage(argv[0], "the sequential loop runs on exactly 1 thread");
    const auto data = reduce::make_data(a.size);
    stopwatch clock;
    const std::int64_t got = reduce::sum(data.data(), data.data() + data.size());
    return finish(clock.read(), got, reduce::expected(a.size));
}
