// sieve on gosem: Go's concurrent prime sieve, a daisy chain of one goroutine per prime found,
// over unbuffered channels. The generator and the filters are abandoned when main returns, as in
// Go.
#include <gosem/gosem.hpp>

#include "common/harness.hpp"
#include "common/sieve.hpp"

using namespace baselines;

static void generate(gosem::send_chan<std::int64_t> out) {
    for (std::int64_t i = 2;; ++i) out.send(i);
}

static void filter(gosem::recv_chan<std::int64_t> in, gosem::send_chan<std::int64_t> out,
                   std::int64_t prime) {
    for (;;) {
        if (const std::int64_t i = in.recv(); i % prime != 0) out.send(i);
    }
}

int main(int argc, char** argv) {
    const args a = parse_args(argc, argv, sieve::default_size);
    int status = 0;
    gosem::run(gosem::config{.procs = a.threads}, [&] {
        stopwatch clock;
        auto ch = gosem::make_chan<std::int64_t>();
        gosem::go(generate, ch);
        std::int64_t got = 0;
        for (std::int64_t i = 0; i < a.size; ++i) {
            const std::int64_t prime = ch.recv();
            got += prime;
            auto next = gosem::make_chan<std::int64_t>();
            gosem::go(filter, ch, next, prime);
            ch = next;
        }
        const spent elapsed = clock.read();
        status = finish(elapsed, got, sieve::expected(a.size));
    });
    return status;
}
