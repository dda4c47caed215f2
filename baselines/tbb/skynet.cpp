// skynet on TBB: every inner node runs its ten children in a task_group and sums their results.
#include <tbb/global_control.h>
#include <tbb/task_group.h>

#include "common/harness.hpp"
#include "common/skynet.hpp"

using namespace baselines;

static std::int64_t skynet_node(std::int64_t num, std::int64_t size) {
    if (size == 1) return num;
    std::int64_t results[skynet::fanout];
    const std::int64_t sub = size / skynet::fanout;
    tbb::task_group children;
    for (std::int64_t i = 0; i < skynet::fanout; ++i) {
        children.run([&results, i, num, sub] { results[i] = skynet_node(num + i * sub, sub); });
    }
    children.wait();
    std::int64_t sum = 0;
    for (std::int64_t r : results) sum += r;
    return sum;
}

int main(int argc, char** argv) {
    const args a = parse_args(argc, argv, skynet::default_size);
    skynet::require_power_of_fanout(argv[0], a.size);
    tbb::global_control threads(tbb::global_control::max_allowed_parallelism, a.threads);
    stopwatch clock;
    const std::int64_t got = skynet_node(0, a.size);
    return finish(clock.read(), got, skynet::expected(a.size));
}
