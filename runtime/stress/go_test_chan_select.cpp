// Ports of Go's test/chan programs doubleselect.go, select.go, select4.go, select6.go and
// select7.go (Go 1.19), each repeated (the stress size) at GOMAXPROCS 1 and 2.
#include <gosem/gosem.hpp>

#include <vector>

#include "stress.hpp"

using namespace gosem;

// One sender selects over four send cases; four muxes forward to one channel; the receiver must
// see every value exactly once (a select case that ran twice would duplicate one). Go only checks
// for duplicates; this also checks that none is missing.
TEST_CASE("test/chan/doubleselect.go") {
    const int iterations = stress::size(100000, 3000);
    stress::each_run([&](int procs) {
        int duplicates = 0, received = 0;
        stress::expect_returns(procs, [&] {
            auto c1 = make_chan<int>(), c2 = make_chan<int>(), c3 = make_chan<int>(),
                 c4 = make_chan<int>();
            auto done = make_chan<bool>();
            auto cmux = make_chan<int>();
            go([=] {
                for (int i = 0; i < iterations; ++i) {
                    gosem::select(send_case(c1, i), send_case(c2, i), send_case(c3, i),
                                  send_case(c4, i));
                }
                c4.close();
                c3.close();
                c2.close();
                c1.close();
            });
            for (const auto& in : {c1, c2, c3, c4}) {
                go([cmux, done](recv_chan<int> in) {
                    for (int v : in) cmux.send(v);
                    done.send(true);
                }, recv_chan<int>(in));
            }
            go([done, cmux] {
                for (int i = 0; i < 4; ++i) done.recv();
                cmux.close();
            });
            std::vector<bool> seen(iterations);
            for (int v : cmux) {
                if (seen[v]) ++duplicates;
                seen[v] = true;
                ++received;
            }
        });
        CHECK(duplicates == 0);
        CHECK(received == iterations);
    });
}

// select.go: a select whose send values have side effects evaluates all of them every time,
// nil-ing a channel removes its case, and default runs once nothing is ready.
TEST_CASE("test/chan/select.go") {
    const int repeats = stress::size(20000, 2000);
    stress::each_run([&](int procs) {
        stress::expect_returns(procs, [repeats] {
            for (int r = 0; r < repeats; ++r) {
                unsigned counter = 0, shift = 0;
                auto get_value = [&] {
                    ++counter;
                    return 1u << shift;
                };
                auto send = [&](chan<unsigned> a, chan<unsigned> b) {
                    int sent = 0;
                    for (bool more = true; more;) {
                        gosem::select(send_case(a, get_value(), [&] { ++sent, a = nullptr; }),
                                      send_case(b, get_value(), [&] { ++sent, b = nullptr; }),
                                      default_case([&] { more = false; }));
                        if (more) ++shift;
                    }
                    return sent;
                };
                auto a = make_chan<unsigned>(1), b = make_chan<unsigned>(1);
                const int both = send(a, b);
                CHECK(both == 2);
                const unsigned av = a.recv(), bv = b.recv();
                CHECK((av | bv) == 3);
                const int one = send(a, nullptr);
                CHECK(one == 1);
                CHECK(counter == 10);
            }
        });
    });
}

// select4.go: only the chosen case's assignment happens (Go: `case *f() = <-c1` must not call
// f). Here the assignment is the case's handler.
TEST_CASE("test/chan/select4.go") {
    const int repeats = stress::size(20000, 2000);
    stress::each_run([&](int procs) {
        stress::expect_returns(procs, [repeats] {
            for (int r = 0; r < repeats; ++r) {
                int x = 0;
                bool f_called = false;
                auto c = make_chan<int>(1), c1 = make_chan<int>();
                c.send(42);
                gosem::select(recv_case(c1, [&](int v) {
                                  f_called = true;
                                  x = v;
                              }),
                              recv_case(c, [&](int v) { x = v; }));
                CHECK_FALSE(f_called);
                CHECK(x == 42);
            }
        });
    });
}

// select6.go: a select parked on c1 and c2 is woken through c2; its registration on c1 must be
// gone, so that the two sends on c1 go to the two plain receivers, not to the finished select.
TEST_CASE("test/chan/select6.go") {
    const int repeats = stress::size(20000, 300);
    stress::each_run([&](int procs) {
        stress::expect_returns(procs, [repeats] {
            for (int r = 0; r < repeats; ++r) {
                auto c1 = make_chan<bool>(), c2 = make_chan<bool>(), c3 = make_chan<bool>();
                go([c1] { c1.recv(); });
                go([c1, c2, c3] {
                    gosem::select(recv_case(c1, [] { throw gosem::panic("dummy"); }),
                                  recv_case(c2, [c3] { c3.send(true); }));
                    c1.recv();
                });
                go([c2] { c2.send(true); });
                c3.recv();
                c1.send(true);
                c1.send(true);
            }
        });
    });
}

// select7.go: every pairing of a plain, one-case-select and two-case-select receiver with a
// plain, one-case-select and two-case-select sender, the receiver given a head start.
TEST_CASE("test/chan/select7.go") {
    using receiver = void (*)(recv_chan<int>);
    using sender = void (*)(receiver);
    static constexpr receiver recv1 = [](recv_chan<int> c) { c.recv(); };
    static constexpr receiver recv2 = [](recv_chan<int> c) { gosem::select(recv_case(c)); };
    static constexpr receiver recv3 = [](recv_chan<int> c) {
        auto c2 = make_chan<int>();
        gosem::select(recv_case(c), recv_case(c2));
    };
    static constexpr sender send1 = [](receiver recv) {
        auto c = make_chan<int>();
        go(recv, recv_chan<int>(c));
        gosem::yield();
        c.send(1);
    };
    static constexpr sender send2 = [](receiver recv) {
        auto c = make_chan<int>();
        go(recv, recv_chan<int>(c));
        gosem::yield();
        gosem::select(send_case(c, 1));
    };
    static constexpr sender send3 = [](receiver recv) {
        auto c = make_chan<int>();
        go(recv, recv_chan<int>(c));
        gosem::yield();
        auto c2 = make_chan<int>();
        gosem::select(send_case(c, 1), send_case(c2, 1));
    };
    const int repeats = stress::size(20000, 200);
    stress::each_run([&](int procs) {
        stress::expect_returns(procs, [repeats] {
            for (int r = 0; r < repeats; ++r) {
                for (receiver recv : {recv1, recv2, recv3}) {
                    for (sender send : {send1, send2, send3}) send(recv);
                }
            }
        });
    });
}
