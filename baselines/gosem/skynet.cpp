// skynet on gosem: one goroutine per node; each inner node gathers its children's results from
// a buffered channel, as in Go.
#include <gosem/gosem.hpp>

#include "common/harness.hpp"
#include "common/skynet.hpp"

using namespace baselines;

static void skynet_node(gosem::send_chan<std::int64_t> out, std::int64_t num, std::int64_t size) {
    if (size == 1) {
        out.send(num);
        return;
    }
    auto children = gosem::make_chan<std::int64_t>(skynet::fanout);
    const std::int64_t sub = size / skynet::fanout;
    for (std::int64_t i = 0; i < skynet::fanout; ++i) {
        gosem::go(skynet_node, children, num + i * sub, sub);
    }
    std::int64_t sum = 0;
    for (std::int64_t i = 0; i < skynet::fanout; ++i) sum += children.recv();
    out.send(sum);
}

int main(int argc, char** argv) {
    const args a = parse_args(argc, argv, skynet::default_size);
    skynet::require_power_of_fanout(argv[0], a.size);
    int status = 0;
    gosem::run(gosem::config{.procs = a.threads}, [&] {
        stopwatch clock;
        auto root = gosem::make_chan<std::int64_t>();
        gosem::go(skynet_node, root, std::int64_t{0}, a.size);
        const std::int64_t got = root.recv();
        status = finish(clock.read(), got, skynet::expected(a.size));
    });
    return status;
}
