// reduce on gosem: one goroutine per chunk, the partial sums gathered through a channel with a
// slot for each, as in Go.
#include <gosem/gosem.hpp>

#include <algorithm>

#include "common/harness.hpp"
#include "common/reduce.hpp"

using namespace baselines;

int main(int argc, char** argv) {
    const args a = parse_args(argc, argv, reduce::default_size);
    const auto data = reduce::make_data(a.size);
    int status = 0;
    gosem::run(gosem::config{.procs = a.threads}, [&] {
        stopwatch clock;
        const std::size_t chunks = (data.size() + reduce::chunk - 1) / reduce::chunk;
        auto partials = gosem::make_chan<std::int64_t>(static_cast<std::int64_t>(chunks));
        for (std::size_t lo = 0; lo < data.size(); lo += reduce::chunk) {
            const std::int32_t* begin = data.data() + lo;
            const std::int32_t* end = data.data() + std::min(lo + reduce::chunk, data.size());
            gosem::go([partials, begin, end] { partials.send(reduce::sum(begin, end)); });
        }
        std::int64_t got = 0;
        for (std::size_t i = 0; i < chunks; ++i) got += partials.recv();
        status = finish(clock.read(), got, reduce::expected(a.size));
    });
    return status;
}
