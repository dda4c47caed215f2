// reduce on Boost.Fiber: one fiber per chunk, the partial sums gathered through a buffered
// channel large enough that no fiber waits to send (Boost's buffered channel holds capacity-1).
#include <boost/fiber/buffered_channel.hpp>
#include <boost/fiber/fiber.hpp>

#include <algorithm>
#include <bit>

#include "common/harness.hpp"
#include "common/reduce.hpp"
#include "work_stealing_pool.hpp"

using namespace baselines;

int main(int argc, char** argv) {
    const args a = parse_args(argc, argv, reduce::default_size);
    const auto data = reduce::make_data(a.size);
    work_stealing_pool pool(a.threads);
    stopwatch clock;
    const std::size_t chunks = (data.size() + reduce::chunk - 1) / reduce::chunk;
    boost::fibers::buffered_channel<std::int64_t> partials(std::bit_ceil(chunks + 1));
    for (std::size_t lo = 0; lo < data.size(); lo += reduce::chunk) {
        const std::int32_t* begin = data.data() + lo;
        const std::int32_t* end = data.data() + std::min(lo + reduce::chunk, data.size());
        boost::fibers::fiber([&partials, begin, end] { partials.push(reduce::sum(begin, end)); })
            .detach();
    }
    std::int64_t got = 0;
    for (std::size_t i = 0; i < chunks; ++i) got += partials.value_pop();
    return finish(clock.read(), got, reduce::expected(a.size));
}
