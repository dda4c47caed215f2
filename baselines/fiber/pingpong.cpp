// pingpong on Boost.Fiber: two fibers, two unbuffered channels; the partner answers v with v+1.
#include <boost/fiber/fiber.hpp>
#include <boost/fiber/unbuffered_channel.hpp>

#include "common/harness.hpp"
#include "common/pingpong.hpp"
#include "work_stealing_pool.hpp"

using namespace baselines;
using channel = boost::fibers::unbuffered_channel<std::int64_t>;

int main(int argc, char** argv) {
    const args a = parse_args(argc, argv, pingpong::default_size);
    work_stealing_pool pool(a.threads);
    stopwatch clock;
    channel ping, pong;
    boost::fibers::fiber partner([&ping, &pong] {
        for (std::int64_t v : ping) pong.push(v + 1);
    });
    std::int64_t got = 0;
    for (std::int64_t i = 0; i < a.size; ++i) {
        ping.push(i);
        got += pong.value_pop();
    }
    ping.close();
    const spent elapsed = clock.read();
    partner.join();
    return finish(elapsed, got, pingpong::expected(a.size));
}
