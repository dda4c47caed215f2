// pipeline on Boost.Fiber: one fiber per stage, joined by buffered channels that the upstream
// stage closes when it is done (capacity buffer+1: Boost's buffered channel holds capacity-1).
#include <boost/fiber/buffered_channel.hpp>
#include <boost/fiber/fiber.hpp>

#include "common/harness.hpp"
#include "common/pipeline.hpp"
#include "work_stealing_pool.hpp"

using namespace baselines;
using channel = boost::fibers::buffered_channel<std::uint64_t>;

int main(int argc, char** argv) {
    const args a = parse_args(argc, argv, pipeline::default_size);
    const auto n = static_cast<std::uint64_t>(a.size);
    work_stealing_pool pool(a.threads);
    stopwatch clock;
    channel numbers(pipeline::buffer + 1);
    boost::fibers::fiber generate([&numbers, n] {
        for (std::uint64_t i = 0; i < n; ++i) numbers.push(i);
        numbers.close();
    });
    channel squares(pipeline::buffer + 1);
    boost::fibers::fiber transform([&numbers, &squares] {
        for (std::uint64_t x : numbers) squares.push(pipeline::transform(x));
        squares.close();
    });
    std::uint64_t got = 0;
    for (std::uint64_t square : squares) got += square;
    const spent elapsed = clock.read();
    generate.join();
    transform.join();
    return finish(elapsed, got, pipeline::expected(n));
}
