// pipeline on gosem: one goroutine per stage, joined by buffered channels that the upstream
// stage closes when it is done, as in Go.
#include <gosem/gosem.hpp>

#include "common/harness.hpp"
#include "common/pipeline.hpp"

using namespace baselines;

int main(int argc, char** argv) {
    const args a = parse_args(argc, argv, pipeline::default_size);
    const auto n = static_cast<std::uint64_t>(a.size);
    int status = 0;
    gosem::run(gosem::config{.procs = a.threads}, [&] {
        stopwatch clock;
        auto numbers = gosem::make_chan<std::uint64_t>(pipeline::buffer);
        gosem::go([numbers, n] {
            for (std::uint64_t i = 0; i < n; ++i) numbers.send(i);
            numbers.close();
        });
        auto squares = gosem::make_chan<std::uint64_t>(pipeline::buffer);
        gosem::go([numbers, squares] {
            for (std::uint64_t x : numbers) squares.send(pipeline::transform(x));
            squares.close();
        });
        std::uint64_t got = 0;
        for (std::uint64_t square : squares) got += square;
        status = finish(clock.read(), got, pipeline::expected(n));
    });
    return status;
}
