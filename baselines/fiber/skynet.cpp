// skynet on Boost.Fiber: one detached fiber per node; each inner node gathers its children's
// results from a buffered channel on its own stack (Boost's buffered channel holds capacity-1).
// Children are launched with launch::dispatch, which runs each at once, depth first (as Go's
// runnext does): with the default launch::post the whole tree is alive at once, 10 GB and 38 s
// for a million fibers on one thread.
#include <boost/fiber/buffered_channel.hpp>
#include <boost/fiber/fiber.hpp>

#include "common/harness.hpp"
#include "common/skynet.hpp"
#include "work_stealing_pool.hpp"

using namespace baselines;
using channel = boost::fibers::buffered_channel<std::int64_t>;

static void skynet_node(channel& out, std::int64_t num, std::int64_t size) {
    if (size == 1) {
        out.push(num);
        return;
    }
    channel children(16);
    const std::int64_t sub = size / skynet::fanout;
    for (std::int64_t i = 0; i < skynet::fanout; ++i) {
        boost::fibers::fiber(boost::fibers::launch::dispatch,
                             [&children, num = num + i * sub, sub] { skynet_node(children, num, sub); })
            .detach();
    }
    std::int64_t sum = 0;
    for (std::int64_t i = 0; i < skynet::fanout; ++i) sum += children.value_pop();
    out.push(sum);
}

int main(int argc, char** argv) {
    const args a = parse_args(argc, argv, skynet::default_size);
    skynet::require_power_of_fanout(argv[0], a.size);
    work_stealing_pool pool(a.threads);
    stopwatch clock;
    channel root(2);
    boost::fibers::fiber([&root, size = a.size] { skynet_node(root, 0, size); }).detach();
    const std::int64_t got = root.value_pop();
    return finish(clock.read(), got, skynet::expected(a.size));
}
