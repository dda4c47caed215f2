// Seeded scheduling: one seed gives one interleaving, and different seeds explore others.
#include <doctest/doctest.h>

#include <gosem/gosem.hpp>

#include <set>
#include <string>

#include "test_support.hpp"

using namespace gosem;
using namespace gosem_test;

namespace {
// Three goroutines each append their id five times through channel operations; the trace is
// the interleaving the scheduler chose.
std::string trace_under(std::uint64_t seed) {
    std::string trace;
    REQUIRE(run(config{.procs = 2, .sched_seed = seed}, [&] {
                CHECK(gomaxprocs() == 1);
                auto log = make_chan<char>(64);
                auto done = make_chan<bool>(3);
                for (char id : {'a', 'b', 'c'})
                    go([log, done, id] {
                        for (int i = 0; i < 5; ++i) log.send(id);
                        done.send(true);
                    });
                for (int i = 0; i < 3; ++i) done.recv();
                log.close();
                for (char c : log) trace += c;
            }) == 0);
    return trace;
}
}  // namespace

TEST_SUITE("sched") {

TEST_CASE("seeded schedule: the same seed replays the same interleaving") {
    for (std::uint64_t seed : {1u, 7u, 12345u}) CHECK(trace_under(seed) == trace_under(seed));
}

TEST_CASE("seeded schedule: different seeds explore different interleavings") {
    std::set<std::string> seen;
    for (std::uint64_t seed = 1; seed <= 50; ++seed) seen.insert(trace_under(seed));
    CHECK(seen.size() > 5);
}

TEST_CASE("seeded schedule: a failing run names its seed") {
    auto out = gosem_test::run_in_child([] {
        return run(config{.sched_seed = 42}, [] { make_chan<int>().recv(); });
    });
    CHECK(out.exit_status == 2);
    CHECK(out.err.find("GOSEM_SCHED_SEED=42") != std::string::npos);
}

}  // TEST_SUITE
