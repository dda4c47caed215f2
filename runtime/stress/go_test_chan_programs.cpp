// Ports of Go's test/chan programs fifo.go, goroutines.go, nonblock.go, sieve1.go and zerosize.go
// (Go 1.19). Each Go program runs once; here each runs many times per test (its loop count is
// the stress size), at GOMAXPROCS 1 and 2.
#include <gosem/gosem.hpp>
#include <gosem/time.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "stress.hpp"

using namespace gosem;

namespace {

// fifo.go AsynchFifo: a buffered channel is a FIFO.
void asynch_fifo() {
    constexpr int n = 10;
    auto ch = make_chan<int>(n);
    for (int i = 0; i < n; ++i) ch.send(i);
    for (int i = 0; i < n; ++i) {
        const int v = ch.recv();
        CHECK_MESSAGE(v == i, "asynch fifo: bad receive");
    }
}

// fifo.go SynchFifo: a daisy chain of goroutines, each waiting for its turn on `in`, takes the
// next value from one unbuffered channel; the values must come out in order.
void synch_fifo() {
    constexpr int n = 10;
    auto ch = make_chan<int>();
    auto in = make_chan<int>();
    auto start = in;
    for (int i = 0; i < n; ++i) {
        auto out = make_chan<int>();
        go([ch, in, out, i] {
            in.recv();
            const int v = ch.recv();
            CHECK_MESSAGE(v == i, "synch fifo: link ", i, " received ", v);
            out.send(1);
        });
        in = out;
    }
    start.send(0);
    for (int i = 0; i < n; ++i) ch.send(i);
    in.recv();
}

}  // namespace

TEST_CASE("test/chan/fifo.go") {
    const int repeats = stress::size(5000, 500);
    stress::each_run([&](int procs) {
        stress::expect_returns(procs, [repeats] {
            for (int i = 0; i < repeats; ++i) {
                asynch_fifo();
                synch_fifo();
            }
        });
    });
}

// A chain of n goroutines, each passing one value from its right channel to its left: all n are
// alive and parked at once before the value travels the chain.
TEST_CASE("test/chan/goroutines.go") {
    const int n = stress::live_goroutines(stress::size(10000, 500));
    stress::each_run([&](int procs) {
        stress::expect_returns(procs, [n] {
            auto leftmost = make_chan<int>();
            auto left = leftmost, right = leftmost;
            for (int i = 0; i < n; ++i) {
                right = make_chan<int>();
                go([left, right] { left.send(right.recv()); });
                left = right;
            }
            go([right] { right.send(1); });
            const int v = leftmost.recv();
            CHECK(v == 1);
        });
    });
}

namespace {

// nonblock.go's sleep(), between retries of a non-blocking operation: lets the other goroutine
// get to its operation. Only progress depends on it, never the outcome.
void pause_for_partner() {
    gosem::sleep(std::chrono::microseconds(10));
    gosem::sleep(std::chrono::microseconds(10));
    for (int i = 0; i < 3; ++i) gosem::yield();
}

// nonblock.go retries each non-blocking operation until the partner is there; it gives up after
// this many tries (Go: 10000, up to 100 ms; more here, so that a loaded machine cannot fail it).
constexpr int max_tries = 200000;

// nonblock.go for one element type: a non-blocking receive from an empty channel takes default;
// a non-blocking send (then receive) retried until a goroutine receives (sends) succeeds with the
// right value.
template <class T>
void nonblock_exchange(int buffer, const T& to_receiver, const T& from_sender) {
    auto c = make_chan<T>(buffer);
    auto sync = make_chan<bool>();

    const int idle_choice = gosem::select(recv_case(c), default_case());
    CHECK_MESSAGE(idle_choice == 1, "blocked sender: buffer ", buffer);

    go([c, sync, to_receiver, buffer] {
        const T got = c.recv();
        CHECK_MESSAGE(got == to_receiver, "receiver value: buffer ", buffer);
        sync.send(true);
    });
    for (int tries = 0; gosem::select(send_case(c, to_receiver), default_case()) != 0; ++tries) {
        if (tries > max_tries) {
            FAIL_CHECK("receiver never came: buffer ", buffer);
            return;
        }
        pause_for_partner();
    }
    sync.recv();

    go([c, sync, from_sender] {
        c.send(from_sender);
        sync.send(true);
    });
    if (buffer > 0) sync.recv();
    T got{};
    for (int tries = 0; gosem::select(recv_case(c, [&](T v) { got = std::move(v); }),
                                      default_case()) != 0;
         ++tries) {
        if (tries > max_tries) {
            FAIL_CHECK("sender never came: buffer ", buffer);
            return;
        }
        pause_for_partner();
    }
    CHECK_MESSAGE(got == from_sender, "sender value: buffer ", buffer);
    if (buffer == 0) sync.recv();
}

}  // namespace

TEST_CASE("test/chan/nonblock.go") {
    const int repeats = stress::size(200, 20);
    stress::each_run([&](int procs) {
        stress::expect_returns(procs, [repeats] {
            for (int i = 0; i < repeats; ++i) {
                for (int buffer = 0; buffer < 2; ++buffer) {
                    nonblock_exchange<std::int32_t>(buffer, 123, 234);
                    nonblock_exchange<std::int64_t>(buffer, 123456, 234567);
                    nonblock_exchange<bool>(buffer, true, true);
                    nonblock_exchange<std::string>(buffer, "hello", "hello again");
                }
            }
        });
    });
}

namespace {

// sieve1.go: a daisy chain of filter goroutines, one per prime found so far.
void sieve(send_chan<int> primes) {
    auto ch = make_chan<int>();
    go([ch] {
        for (int i = 2;; ++i) ch.send(i);
    });
    for (;;) {
        const int prime = ch.recv();
        primes.send(prime);
        auto next = make_chan<int>();
        go([in = ch, out = next, prime] {
            for (int i : in) {
                if (i % prime != 0) out.send(i);
            }
        });
        ch = next;
    }
}

}  // namespace

// Go checks the first 25 primes; the full stress computes more (one filter goroutine each).
TEST_CASE("test/chan/sieve1.go") {
    const int count = stress::live_goroutines(stress::size(1000, 50));
    const std::vector<int> want = stress::first_primes(count);
    stress::each_run([&](int procs) {
        stress::expect_returns(procs, [&] {
            auto primes = make_chan<int>();
            go(sieve, send_chan<int>(primes));
            for (int i = 0; i < count; ++i) {
                const int got = primes.recv();
                CHECK_MESSAGE(got == want[i], "prime #", i);
                if (got != want[i]) return;
            }
        });
    });
}

// zerosize.go makes channels of zero-size element types. C++ has no zero-size objects (an empty
// struct or array occupies a byte), so this makes the closest types, buffered and not, and also
// moves a value through each.
TEST_CASE("test/chan/zerosize.go") {
    struct empty {};
    using no_bytes = std::array<char, 0>;
    stress::each_run([&](int procs) {
        stress::expect_returns(procs, [] {
            auto round_trip = [](auto c) {
                using T = typename decltype(c)::value_type;
                go([c] { c.send(T{}); });
                c.recv();
                c.close();
                auto [v, ok] = c.recv_ok();
                CHECK_FALSE(ok);
            };
            round_trip(make_chan<no_bytes>());
            round_trip(make_chan<no_bytes>(1));
            round_trip(make_chan<empty>());
            round_trip(make_chan<empty>(1));
        });
    });
}
