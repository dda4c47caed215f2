// Channels: make, send, receive, close, len/cap, order, range, directions, element types.
#include <doctest/doctest.h>

#include <gosem/gosem.hpp>

#include "test_support.hpp"

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

using namespace gosem;
using namespace gosem_test;

namespace {
template <class C> concept can_send = requires(C c) { c.send(1); };
template <class C> concept can_recv = requires(C c) { c.recv(); };
template <class C> concept can_recv_ok = requires(C c) { c.recv_ok(); };
template <class C> concept can_close = requires(C c) { c.close(); };
template <class C> concept can_range = requires(C c) { c.begin(); };
}  // namespace

TEST_SUITE("chan") {

TEST_CASE("a default-constructed channel is nil and compares equal only to nil") {
    in_run([] {
        chan<int> a, b;
        CHECK(a == nullptr);
        CHECK(a == b);
        auto c = make_chan<int>();
        auto d = make_chan<int>();
        CHECK(c != nullptr);
        CHECK(c != d);
        auto c2 = c;
        CHECK(c2 == c);
        CHECK(a.len() == 0);
        CHECK(a.cap() == 0);
        c2 = nullptr;
        CHECK(c2 == nullptr);
    });
}

TEST_CASE("make_chan: capacity and len and a negative size panics") {
    in_run([] {
        CHECK(make_chan<int>().cap() == 0);
        CHECK(make_chan<int>(0).cap() == 0);
        auto c = make_chan<int>(3);
        CHECK(c.cap() == 3);
        c.send(1);
        c.send(2);
        CHECK(c.len() == 2);
        c.close();
        CHECK(c.len() == 2);
        CHECK(c.cap() == 3);
        std::string msg;
        try {
            make_chan<int>(-1);
        } catch (const panic& p) {
            msg = p.what();
        }
        CHECK(msg == "makechan: size out of range");
    });
}

// The fields every operation writes share the core's first cache line only if the core starts
// on one (chan.cpp): small blocks come from a per-thread cache, others straight from operator new.
TEST_CASE("a channel's core starts on a cache line whatever its element type and capacity") {
    struct alignas(128) wide {
        int v;
    };
    in_run([] {
        auto on_line = [](const auto& c) {
            return reinterpret_cast<std::uintptr_t>(c.core()) % 64 == 0;
        };
        std::vector<chan<char>> keep;  // so that freed blocks are not handed straight back
        for (int cap : {0, 1, 3, 19, 255, 4096}) {
            keep.push_back(make_chan<char>(cap));
            CHECK(on_line(keep.back()));
            CHECK(on_line(make_chan<std::int64_t>(cap)));
            CHECK(on_line(make_chan<std::string>(cap)));
        }
        auto w = make_chan<wide>(2);
        CHECK(on_line(w));
        w.send(wide{7});
        w.send(wide{8});
        CHECK(w.recv().v == 7);
        CHECK(w.recv().v == 8);
    });
}

TEST_CASE("buffered channels are FIFO and values survive close") {
    in_run([] {
        for (int cap : {1, 2, 5, 100}) {
            auto c = make_chan<int>(cap);
            for (int i = 0; i < cap; ++i) c.send(i);
            c.close();
            for (int i = 0; i < cap; ++i) {
                auto [v, ok] = c.recv_ok();
                CHECK(ok);
                CHECK(v == i);
            }
            auto [z, ok] = c.recv_ok();
            CHECK_FALSE(ok);
            CHECK(z == 0);
            auto [z2, ok2] = c.recv_ok();
            CHECK_FALSE(ok2);
            CHECK(z2 == 0);
        }
    });
}

TEST_CASE("an unbuffered send completes only when a receiver takes the value") {
    in_run([] {
        auto c = make_chan<int>();
        auto done = make_chan<bool>(1);
        std::atomic<bool> sent{false};
        go([&] {
            c.send(42);
            sent = true;
            done.send(true);
        });
        // The sender cannot finish before we receive: wait until it is parked on the channel.
        wait_until_parked(wait_reason::chan_send);
        CHECK_FALSE(sent.load());
        CHECK(c.len() == 0);
        CHECK(c.recv() == 42);
        done.recv();
        CHECK(sent.load());
    });
}

TEST_CASE("a parked sender is not counted in len") {
    in_run([] {
        auto c = make_chan<int>(1);
        c.send(1);
        go([c] { c.send(2); });
        wait_until_parked(wait_reason::chan_send);
        CHECK(c.len() == 1);
        CHECK(c.recv() == 1);
        CHECK(c.recv() == 2);
    });
}

TEST_CASE("send on a closed channel panics and the panic can be recovered") {
    in_run([] {
        auto c = make_chan<int>(1);
        c.close();
        std::string msg;
        try {
            c.send(1);
        } catch (const panic& p) {
            msg = p.what();
        }
        CHECK(msg == "send on closed channel");
        try {
            c.close();
        } catch (const panic& p) {
            msg = p.what();
        }
        CHECK(msg == "close of closed channel");
        chan<int> nil;
        try {
            nil.close();
        } catch (const panic& p) {
            msg = p.what();
        }
        CHECK(msg == "close of nil channel");
    });
}

TEST_CASE("close wakes every parked receiver with the zero value and parked senders panic") {
    for (int procs : {1, 2}) {
        in_run(
            [] {
                auto c = make_chan<std::string>();
                auto results = make_chan<int>(20);
                for (int i = 0; i < 10; ++i) {
                    go([c, results] {
                        auto [v, ok] = c.recv_ok();
                        results.send(!ok && v.empty() ? 1 : 0);
                    });
                }
                while (num_goroutine() > 1) {
                    int parked = 0;
                    for (auto& g : goroutines())
                        if (g.reason == wait_reason::chan_receive) ++parked;
                    if (parked == 10) break;
                    yield();
                }
                c.close();
                int good = 0;
                for (int i = 0; i < 10; ++i) good += results.recv();
                CHECK(good == 10);

                auto full = make_chan<int>(1);
                full.send(7);
                auto panicked = make_chan<std::string>(1);
                go([full, panicked] {
                    try {
                        full.send(8);
                        panicked.send("no panic");
                    } catch (const panic& p) {
                        panicked.send(p.what());
                    }
                });
                wait_until_parked(wait_reason::chan_send);
                full.close();
                CHECK(panicked.recv() == "send on closed channel");
                auto [v, ok] = full.recv_ok();
                CHECK(ok);
                CHECK(v == 7);
                auto [v2, ok2] = full.recv_ok();
                CHECK_FALSE(ok2);
            },
            procs);
    }
}

TEST_CASE("range receives until the channel is closed and drained") {
    in_run([] {
        auto c = make_chan<int>(4);
        go([c] {
            for (int i = 1; i <= 100; ++i) c.send(i);
            c.close();
        });
        int sum = 0, n = 0;
        for (int v : c) {
            sum += v;
            ++n;
        }
        CHECK(n == 100);
        CHECK(sum == 5050);
        auto closed = make_chan<int>();
        closed.close();
        int iterations = 0;
        for (int v : closed) iterations += v + 1;
        CHECK(iterations == 0);
    });
}

TEST_CASE("zero-size and move-only element types") {
    in_run([] {
        auto e = make_chan<empty>(2);
        e.send({});
        e.send({});
        CHECK(e.len() == 2);
        e.recv();
        auto u = make_chan<std::unique_ptr<int>>();
        go([u] { u.send(std::make_unique<int>(5)); });
        auto p = u.recv();
        REQUIRE(p);
        CHECK(*p == 5);
        auto ub = make_chan<std::unique_ptr<int>>(2);
        ub.send(std::make_unique<int>(1));
        ub.send(std::make_unique<int>(2));
        ub.close();
        int sum = 0;
        for (auto& q : ub) sum += *q;
        CHECK(sum == 3);
        auto [nothing, ok] = ub.recv_ok();
        CHECK(nothing == nullptr);
        CHECK_FALSE(ok);
    });
}

TEST_CASE("buffered values are destroyed with the channel") {
    static std::atomic<int> live{0};
    struct counted {
        counted() { ++live; }
        counted(counted&&) noexcept { ++live; }
        ~counted() { --live; }
    };
    in_run([] {
        auto c = make_chan<counted>(3);
        c.send(counted{});
        c.send(counted{});
        CHECK(live.load() == 2);
    });
    CHECK(live.load() == 0);
}

TEST_CASE("directional views share the channel and offer only their direction") {
    static_assert(std::is_convertible_v<chan<int>, send_chan<int>>);
    static_assert(std::is_convertible_v<chan<int>, recv_chan<int>>);
    static_assert(!std::is_convertible_v<send_chan<int>, chan<int>>);
    static_assert(!std::is_convertible_v<recv_chan<int>, chan<int>>);
    static_assert(!std::is_convertible_v<send_chan<int>, recv_chan<int>>);
    static_assert(!std::is_convertible_v<recv_chan<int>, send_chan<int>>);
    static_assert(!can_recv<send_chan<int>> && !can_recv_ok<send_chan<int>> && !can_range<send_chan<int>>);
    static_assert(!can_send<recv_chan<int>> && !can_close<recv_chan<int>>);
    static_assert(can_send<send_chan<int>> && can_close<send_chan<int>>);
    static_assert(can_recv<recv_chan<int>> && can_recv_ok<recv_chan<int>> && can_range<recv_chan<int>>);
    static_assert(can_send<chan<int>> && can_recv<chan<int>> && can_close<chan<int>>);
    in_run([] {
        auto c = make_chan<int>(1);
        send_chan<int> out = c;
        recv_chan<int> in = c;
        out.send(9);
        CHECK(in.len() == 1);
        CHECK(in.cap() == 1);
        CHECK(in.recv() == 9);
        out.close();
        CHECK_FALSE(in.recv_ok().ok);
    });
}

TEST_CASE("many producers and consumers on 2 Ps: every value exactly once") {
    for (int cap : {0, 1, 10}) {
        in_run([cap] {
            constexpr int producers = 8, consumers = 8, per = 2000;
            auto c = make_chan<int>(cap);
            auto sums = make_chan<long>(consumers);
            auto done = make_chan<bool>(producers);
            for (int p = 0; p < producers; ++p)
                go([c, done, p] {
                    for (int i = 0; i < per; ++i) c.send(p * per + i);
                    done.send(true);
                });
            for (int k = 0; k < consumers; ++k)
                go([c, sums] {
                    long s = 0;
                    for (int v : c) s += v + 1;
                    sums.send(s);
                });
            for (int p = 0; p < producers; ++p) done.recv();
            c.close();
            long total = 0;
            for (int k = 0; k < consumers; ++k) total += sums.recv();
            long n = producers * per;
            CHECK(total == n * (n + 1) / 2);
        });
    }
}

TEST_CASE("close racing with parked senders and receivers on 2 Ps") {
    for (int round = 0; round < 50; ++round) {
        in_run([round] {
            auto c = make_chan<int>(round % 3);
            auto outcomes = make_chan<int>(64);
            for (int i = 0; i < 16; ++i) {
                go([c, outcomes] {
                    try {
                        c.send(1);
                        outcomes.send(1);
                    } catch (const panic&) {
                        outcomes.send(2);
                    }
                });
                go([c, outcomes] { outcomes.send(c.recv_ok().ok ? 3 : 4); });
            }
            yield();
            c.close();
            int sent = 0, panicked = 0, got = 0, zero = 0;
            for (int i = 0; i < 32; ++i) {
                switch (outcomes.recv()) {
                case 1: ++sent; break;
                case 2: ++panicked; break;
                case 3: ++got; break;
                case 4: ++zero; break;
                }
            }
            CHECK(sent + panicked == 16);
            CHECK(got + zero == 16);
            CHECK(got <= sent);  // every value received was sent, none twice
        });
    }
}

}  // TEST_SUITE
