// sieve on Boost.Fiber: Go's daisy chain with one fiber per filter over unbuffered channels.
// Boost's fibers cannot be abandoned (each thread's scheduler waits for its fibers at exit), so
// once main has its primes it closes the end of the chain; each filter that finds a channel
// closed closes both of its own, and the closing runs back up to the generator. That teardown is
// not timed.
#include <boost/fiber/fiber.hpp>
#include <boost/fiber/unbuffered_channel.hpp>

#include <memory>
#include <vector>

#include "common/harness.hpp"
#include "common/sieve.hpp"
#include "work_stealing_pool.hpp"

using namespace baselines;
using channel = boost::fibers::unbuffered_channel<std::int64_t>;
using boost::fibers::channel_op_status;

static void generate(const std::shared_ptr<channel>& out) {
    for (std::int64_t i = 2; out->push(i) == channel_op_status::success; ++i) {
    }
}

static void filter(const std::shared_ptr<channel>& in, const std::shared_ptr<channel>& out,
                   std::int64_t prime) {
    std::int64_t i = 0;
    while (in->pop(i) == channel_op_status::success) {
        if (i % prime != 0 && out->push(i) != channel_op_status::success) break;
    }
    in->close();
    out->close();
}

int main(int argc, char** argv) {
    const args a = parse_args(argc, argv, sieve::default_size);
    work_stealing_pool pool(a.threads);
    stopwatch clock;
    std::vector<boost::fibers::fiber> chain;
    auto ch = std::make_shared<channel>();
    chain.emplace_back([ch] { generate(ch); });
    std::int64_t got = 0;
    for (std::int64_t i = 0; i < a.size; ++i) {
        const std::int64_t prime = ch->value_pop();
        got += prime;
        auto next = std::make_shared<channel>();
        chain.emplace_back([ch, next, prime] { filter(ch, next, prime); });
        ch = std::move(next);
    }
    const spent elapsed = clock.read();
    ch->close();
    for (boost::fibers::fiber& f : chain) f.join();
    return finish(elapsed, got, sieve::expected(a.size));
}
