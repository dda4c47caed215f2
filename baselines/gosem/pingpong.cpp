// pingpong on gosem: two goroutines, two unbuffered channels; the partner answers v with v+1.
#include <gosem/gosem.hpp>

#include "common/harness.hpp"
#include "common/pingpong.hpp"

using namespace baselines;

int main(int argc, char** argv) {
    const args a = parse_args(argc, argv, pingpong::default_size);
    int status = 0;
    gosem::run(gosem::config{.procs = a.threads}, [&] {
        stopwatch clock;
        auto ping = gosem::make_chan<std::int64_t>();
        auto pong = gosem::make_chan<std::int64_t>();
        gosem::go([ping, pong] {
            for (std::int64_t v : ping) pong.send(v + 1);
        });
        std::int64_t got = 0;
        for (std::int64_t i = 0; i < a.size; ++i) {
            ping.send(i);
            got += pong.recv();
        }
        ping.close();
        status = finish(clock.read(), got, pingpong::expected(a.size));
    });
    return status;
}
