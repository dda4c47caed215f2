// Faults and bad input: each ends with a clear message and a defined exit, never a hang or a
// silent corruption. (Stack overflow and an invalid GOMAXPROCS are in test_outcomes.cpp.)
#include <doctest/doctest.h>

#include <gosem/gosem.hpp>

#include <sys/resource.h>

#include <cstdio>
#include <stdexcept>
#include <string>

#include "test_support.hpp"

using namespace gosem;
using namespace gosem_test;


TEST_SUITE("faults") {

#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
TEST_CASE("running out of memory for stacks is a fatal error with the reason") {
    auto out = run_in_child([] {
        rlimit limit{512u << 20, 512u << 20};  // 512 MiB of address space
        setrlimit(RLIMIT_AS, &limit);
        return run(config{.procs = 1, .stack_size = 1 << 20}, [] {
            auto never = make_chan<int>();
            for (int i = 0; i < 100000; ++i) go([never] { never.recv(); });
            std::printf("unreachable\n");
        });
    });
    CHECK(out.exit_status == 2);
    CHECK(contains(out.err, "runtime: cannot allocate goroutine stacks"));
    CHECK(contains(out.err, "fatal error: out of memory"));
    CHECK(out.out.empty());
}
#endif

TEST_CASE("a destructor that throws while a panic unwinds is a fatal error") {
    auto out = run_in_child([] {
        return run(config{.procs = 1}, [] {
            struct throws_on_destroy {
                ~throws_on_destroy() noexcept(false) { throw std::runtime_error("from destructor"); }
            };
            throws_on_destroy t;
            throw panic("first");
        });
    });
    CHECK(out.exit_status == 2);
    CHECK(contains(out.err, "fatal error: std::terminate called"));
}

TEST_CASE("a throwing goroutine body is a panic naming the exception") {
    auto out = run_in_child([] {
        return run(config{.procs = 2}, [] {
            auto c = make_chan<int>();
            go([] { throw std::logic_error("broken invariant"); });
            c.recv();
        });
    });
    CHECK(out.exit_status == 2);
    CHECK(contains(out.err, "panic: std::logic_error: broken invariant"));
}

TEST_CASE("an invalid GOSEM_STACK_SIZE or GOSEM_SCHED_SEED is reported and ignored") {
    auto out = run_in_child([] {
        setenv("GOSEM_STACK_SIZE", "tiny", 1);
        setenv("GOSEM_SCHED_SEED", "-3", 1);
        return run([] { std::printf("ran\n"); });
    });
    CHECK(out.exit_status == 0);
    CHECK(out.out == "ran\n");
    CHECK(contains(out.err, "GOSEM_STACK_SIZE=tiny"));
    CHECK(contains(out.err, "GOSEM_SCHED_SEED=-3"));
}

TEST_CASE("go outside a run is a fatal error") {
    auto out = run_in_child([] {
        go([] {});
        return 0;
    });
    CHECK(out.exit_status == 2);
    CHECK(contains(out.err, "fatal error: gosem::go called outside gosem::run"));
}

TEST_CASE("blocking on a channel outside a run is a fatal error") {
    auto out = run_in_child([] {
        chan<int> nil;
        nil.recv();
        return 0;
    });
    CHECK(out.exit_status == 2);
    CHECK(contains(out.err, "fatal error: gosem: a goroutine operation was called outside gosem::run"));
}

}  // TEST_SUITE
