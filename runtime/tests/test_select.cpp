// select: readiness, default, random choice among ready cases, nil cases, duplicates, self-select.
#include <doctest/doctest.h>

#include <gosem/gosem.hpp>

#include "test_support.hpp"

#include <cmath>
#include <string>
#include <vector>

using namespace gosem;
using namespace gosem_test;

namespace {

// The shape of a conformance adapter: a wrapper that builds gosem cases from its own, runs the
// select with a default, and maps the default's position to -1 for its caller to compare.
struct wrapped_recv {
    chan<int> ch;
    int value{};
    bool ok = false;
};
template <class... Wrapped>
int select_or_minus_one(Wrapped&... w) {
    int chosen = gosem::select(recv_case(w.ch, [&w](auto&& v, bool ok) {
                                   w.value = v;
                                   w.ok = ok;
                               })...,
                               default_case());
    return chosen == static_cast<int>(sizeof...(Wrapped)) ? -1 : chosen;
}
template <class... Wrapped>
int select_or_minus_one_of(Wrapped&&... w) {
    return select_or_minus_one(w...);
}
bool received_at_once(const chan<int>& ch) { return select_or_minus_one_of(wrapped_recv{ch}) == 0; }

}  // namespace

TEST_SUITE("select") {

TEST_CASE("a select's result used in its caller's arithmetic is the case that ran") {
    // GCC 12.2 at -O2 folded received_at_once to `true` when select's body was inlined into it.
    in_run([] {
        auto ch = make_chan<int>(1);
        CHECK_FALSE(received_at_once(ch));
        ch.send(5);
        CHECK(received_at_once(ch));
    });
}

TEST_CASE("default runs iff no case is ready and a closed channel beats default") {
    in_run([] {
        auto c = make_chan<int>(1);
        int chosen = gosem::select(recv_case(c), default_case());
        CHECK(chosen == 1);
        c.send(3);
        int got = 0;
        chosen = gosem::select(recv_case(c, [&](int v) { got = v; }), default_case([] { FAIL("default"); }));
        CHECK(chosen == 0);
        CHECK(got == 3);
        c.close();
        bool ok = true;
        chosen = gosem::select(recv_case(c, [&](int, bool k) { ok = k; }), default_case());
        CHECK(chosen == 0);
        CHECK_FALSE(ok);
    });
}

TEST_CASE("nil cases are never ready") {
    in_run([] {
        chan<int> nil;
        auto c = make_chan<int>(1);
        c.send(1);
        for (int i = 0; i < 100; ++i) {
            int chosen = gosem::select(recv_case(nil), send_case(nil, 1), default_case());
            CHECK(chosen == 2);
        }
        CHECK(gosem::select(recv_case(nil), recv_case(c)) == 1);
    });
}

TEST_CASE("a send case on a closed channel panics even with default") {
    in_run([] {
        auto c = make_chan<int>(1);
        c.close();
        std::string msg;
        try {
            gosem::select(send_case(c, 1), default_case());
        } catch (const panic& p) {
            msg = p.what();
        }
        CHECK(msg == "send on closed channel");
    });
}

TEST_CASE("the choice among ready cases is uniform (Go's fairness bound)") {
    in_run([] {
        // runtime/chan_test.go TestSelectFairness: two always-ready cases, N trials, the share of
        // one must stay within 4.891676 / (2 sqrt N) of 1/2 (a one-in-a-million failure).
        constexpr int trials = 10000;
        auto a = make_chan<int>(1), b = make_chan<int>(1);
        int na = 0;
        for (int i = 0; i < trials; ++i) {
            a.send(0);
            b.send(0);
            gosem::select(recv_case(a, [&](int) { ++na; b.recv(); }), recv_case(b, [&](int) { a.recv(); }));
        }
        double p = static_cast<double>(na) / trials;
        CHECK(std::abs(p - 0.5) <= 4.891676 / (2 * std::sqrt(static_cast<double>(trials))));
    });
}

TEST_CASE("send cases are chosen at random too") {
    in_run([] {
        auto c = make_chan<int>(1);
        int ones = 0;
        constexpr int trials = 10000;
        for (int i = 0; i < trials; ++i) {
            gosem::select(send_case(c, 1), send_case(c, 2));
            ones += c.recv() == 1;
        }
        double p = static_cast<double>(ones) / trials;
        CHECK(std::abs(p - 0.5) <= 4.891676 / (2 * std::sqrt(static_cast<double>(trials))));
    });
}

TEST_CASE("a select never communicates with itself") {
    in_run([] {
        auto c = make_chan<int>();
        auto result = make_chan<int>(1);
        go([c, result] {
            int chosen = gosem::select(send_case(c, 1), recv_case(c));
            result.send(chosen);
        });
        // It waits: a partner arrives and takes or gives a value.
        wait_until_parked(wait_reason::select);
        CHECK(c.recv() == 1);
        CHECK(result.recv() == 0);
    });
}

TEST_CASE("duplicate channels: wait queues stay consistent") {
    in_run([] {
        auto c = make_chan<int>();
        auto done = make_chan<bool>();
        go([c, done] {
            for (int i = 0; i < 1000; ++i) {
                gosem::select(recv_case(c), recv_case(c), recv_case(c));
            }
            done.send(true);
        });
        for (int i = 0; i < 1000; ++i) c.send(i);
        done.recv();
    });
}

TEST_CASE("selects on overlapping channels in opposite orders do not deadlock each other") {
    in_run([] {
        auto a = make_chan<int>(), b = make_chan<int>();
        auto done = make_chan<bool>(4);
        constexpr int n = 5000;
        go([a, b, done] {
            for (int i = 0; i < n; ++i) gosem::select(send_case(a, i), send_case(b, i));
            done.send(true);
        });
        go([a, b, done] {
            for (int i = 0; i < n; ++i) gosem::select(recv_case(b), recv_case(a));
            done.send(true);
        });
        done.recv();
        done.recv();
    });
}

TEST_CASE("exactly one communication per select (doubleselect)") {
    in_run([] {
        constexpr int n = 20000;
        auto c1 = make_chan<int>(), c2 = make_chan<int>(), c3 = make_chan<int>(), c4 = make_chan<int>();
        auto sums = make_chan<long>(4);
        go([=] {
            for (int i = 1; i <= n; ++i)
                gosem::select(send_case(c1, i), send_case(c2, i), send_case(c3, i), send_case(c4, i));
            c1.close();
            c2.close();
            c3.close();
            c4.close();
        });
        for (auto ch : {c1, c2, c3, c4})
            go([ch, sums] {
                long s = 0;
                for (int v : ch) s += v;
                sums.send(s);
            });
        long total = 0;
        for (int i = 0; i < 4; ++i) total += sums.recv();
        CHECK(total == static_cast<long>(n) * (n + 1) / 2);
    });
}

TEST_CASE("setting a closed case's channel to nil disables it (notes N17)") {
    in_run([] {
        auto ch1 = make_chan<int>(), ch2 = make_chan<int>();
        go([ch1] {
            for (int i = 0; i < 3; ++i) ch1.send(i);
            ch1.close();
        });
        go([ch2] {
            for (int i = 10; i < 15; ++i) ch2.send(i);
            ch2.close();
        });
        chan<int> a = ch1, b = ch2;
        int received = 0;
        while (a != nullptr || b != nullptr) {
            gosem::select(recv_case(a, [&](int, bool ok) { ok ? ++received : (a = nullptr, 0); }),
                   recv_case(b, [&](int, bool ok) { ok ? ++received : (b = nullptr, 0); }));
        }
        CHECK(received == 8);
    });
}

TEST_CASE("select_list: reflect.Select over a runtime list") {
    in_run([] {
        auto a = make_chan<int>(1), b = make_chan<int>(1);
        b.send(5);
        std::vector<dynamic_case<int>> cases{dynamic_recv(a), dynamic_recv(b), dynamic_send(a, 1)};
        cases[2].chan = nullptr;  // a nil case
        int chosen = select_list<int>(cases, false);
        CHECK(chosen == 1);
        CHECK(cases[1].value == 5);
        CHECK(cases[1].ok);
        CHECK(select_list<int>(cases, true) == -1);
    });
}

}  // TEST_SUITE
