// How programs end: uncaught panics, deadlock reports, stack overflow; checked in a child process
// on exit status and stderr, or through run_for_result.
#include <doctest/doctest.h>

#include <gosem/gosem.hpp>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "test_support.hpp"

using namespace gosem;
using namespace gosem_test;


TEST_SUITE("deadlock") {

TEST_CASE("main blocked on an unbuffered send: Go's report and where it blocked and exit 2 (N11)") {
    auto out = run_in_child([] {
        return run(config{.procs = 2}, [] {
            auto c = make_chan<int>();
            c.send(1);
        });
    });
    CHECK(out.exit_status == 2);
    CHECK(starts_with(out.err, "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan send]:\n"));
    CHECK(contains(out.err, "blocked at "));
    CHECK(contains(out.err, "test_outcomes.cpp:"));
}

TEST_CASE("every goroutine appears with its reason and where it was created") {
    auto out = run_in_child([] {
        return run(config{.procs = 2}, [] {
            auto c = make_chan<int>();
            chan<int> nil;
            go([nil] { nil.send(1); });
            go([] { gosem::select(); });
            go([c] {
                gosem::select(recv_case(c), recv_case(c));
            });
            c.recv();
        });
    });
    CHECK(out.exit_status == 2);
    CHECK(contains(out.err, "goroutine 1 [chan receive]:"));
    CHECK(contains(out.err, "[chan send (nil chan)]:"));
    CHECK(contains(out.err, "[select (no cases)]:"));
    CHECK(contains(out.err, "[select]:"));
    CHECK(contains(out.err, "created at "));
}

TEST_CASE("run_for_result returns the deadlock instead of exiting") {
    for (int procs : {1, 2}) {
        auto r = run_for_result(config{.procs = procs}, [] {
            auto c = make_chan<int>();
            go([c] { c.recv(); c.recv(); });
            c.send(1);
            c.send(2);
            c.send(3);
        });
        CHECK(r.how == run_result::ending::deadlock);
        CHECK(starts_with(r.report, "fatal error: all goroutines are asleep - deadlock!"));
    }
}

TEST_CASE("a leaked parked goroutine is not a deadlock (RT-04)") {
    auto r = run_for_result(config{.procs = 2}, [] {
        auto c = make_chan<int>();
        go([c] { c.recv(); });
    });
    CHECK(r.how == run_result::ending::returned);
}

TEST_CASE("no false reports: heavy block-and-wake on 2 Ps always finishes") {
    int reports = 0;
    for (int round = 0; round < 100; ++round) {
        auto r = run_for_result(config{.procs = 2}, [round] {
            auto a = make_chan<int>(round % 2), b = make_chan<int>();
            auto done = make_chan<bool>();
            for (int k = 0; k < 4; ++k) {
                go([a, b] {
                    for (int i = 0; i < 200; ++i) b.send(a.recv());
                });
            }
            go([b, done] {
                for (int i = 0; i < 800; ++i) b.recv();
                done.send(true);
            });
            for (int i = 0; i < 800; ++i) a.send(i);
            done.recv();
        });
        if (r.how != run_result::ending::returned) ++reports;
    }
    CHECK(reports == 0);
}

TEST_CASE("every deadlocking program is reported every time") {
    int reports = 0;
    constexpr int rounds = 100;
    for (int round = 0; round < rounds; ++round) {
        auto r = run_for_result(config{.procs = 2}, [] {
            auto a = make_chan<int>(), b = make_chan<int>();
            go([a, b] {
                a.recv();
                b.send(1);
            });
            go([a, b] {
                b.recv();
                a.send(1);
            });
            auto never = make_chan<int>();
            never.recv();
        });
        if (r.how == run_result::ending::deadlock) ++reports;
    }
    CHECK(reports == rounds);
}

}  // TEST_SUITE

TEST_SUITE("panic") {

TEST_CASE("an uncaught panic prints Go's report and exits 2") {
    auto out = run_in_child([] {
        return run(config{.procs = 2}, [] {
            auto c = make_chan<int>(1);
            c.close();
            c.send(1);
        });
    });
    CHECK(out.exit_status == 2);
    CHECK(starts_with(out.err, "panic: send on closed channel\n\ngoroutine 1 [running]:\n"));
}

TEST_CASE("a panic in another goroutine ends the whole program") {
    auto out = run_in_child([] {
        return run(config{.procs = 2}, [] {
            auto c = make_chan<int>();
            go([] { throw panic("boom"); });
            c.recv();
        });
    });
    CHECK(out.exit_status == 2);
    CHECK(starts_with(out.err, "panic: boom\n\ngoroutine "));
    CHECK_FALSE(contains(out.err, "goroutine 1 [running]"));
}

TEST_CASE("output written before the panic is not lost") {
    auto out = run_in_child([] {
        return run(config{.procs = 1}, [] {
            std::printf("before\n");
            throw panic("after");
        });
    });
    CHECK(out.out == "before\n");
    CHECK(out.exit_status == 2);
}

TEST_CASE("any exception leaving a goroutine is a panic with its type and message") {
    auto r = run_for_result(config{.procs = 1}, [] { throw std::runtime_error("bad input"); });
    CHECK(r.how == run_result::ending::panic);
    CHECK(starts_with(r.report, "panic: std::runtime_error: bad input\n\ngoroutine 1 [running]:"));
}

TEST_CASE("close of a nil channel and double close panic with Go's messages") {
    auto r = run_for_result(config{.procs = 1}, [] { chan<int>().close(); });
    CHECK(starts_with(r.report, "panic: close of nil channel\n"));
    r = run_for_result(config{.procs = 1}, [] {
        auto c = make_chan<int>();
        c.close();
        c.close();
    });
    CHECK(starts_with(r.report, "panic: close of closed channel\n"));
    r = run_for_result(config{.procs = 1}, [] { make_chan<int>(-5); });
    CHECK(starts_with(r.report, "panic: makechan: size out of range\n"));
}

}  // TEST_SUITE

TEST_SUITE("stack") {

#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
TEST_CASE("a stack overflow ends the program with a clear message and exit 2") {
    struct deep {
        static int down(int n) {
            volatile char pad[512];
            pad[0] = static_cast<char>(n);
            return n == 0 ? 0 : down(n - 1) + pad[0];
        }
    };
    // In main's stack (the first block of the first slab of 64), and in a goroutine's stack from
    // the middle of the second slab: every block of a slab has its guard page.
    for (int parked : {0, 100}) {
        CAPTURE(parked);
        auto out = run_in_child([parked] {
            return run(config{.procs = 1, .stack_size = 64 * 1024}, [parked] {
                auto never = make_chan<int>();
                for (int i = 0; i < parked; ++i) go([never] { never.recv(); });
                if (parked == 0) {
                    std::printf("%d\n", deep::down(1 << 20));
                    return;
                }
                go([] { std::printf("%d\n", deep::down(1 << 20)); });
                never.recv();
            });
        });
        CHECK(out.exit_status == 2);
        CHECK(contains(out.err, "runtime: goroutine stack exceeds 65536-byte limit\nfatal error: stack overflow"));
    }
}
#endif

TEST_CASE("an invalid GOMAXPROCS is reported and ignored") {
    auto out = run_in_child([] {
        setenv("GOMAXPROCS", "lots", 1);
        return run([] { std::printf("%d\n", gomaxprocs() > 0 ? 1 : 0); });
    });
    CHECK(out.exit_status == 0);
    CHECK(out.out == "1\n");
    CHECK(contains(out.err, "GOMAXPROCS=lots"));
}

}  // TEST_SUITE
