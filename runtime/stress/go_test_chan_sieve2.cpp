// Port of Go's test/chan/sieve2.go (Go 1.19): a prime sieve that merges the multiples of every
// prime found so far through a heap of channels, fed back to itself through a select-driven proxy
// with an unbounded buffer. Go checks the first 25 primes; the full stress computes more.
#include <gosem/gosem.hpp>

#include <deque>
#include <queue>
#include <vector>

#include "stress.hpp"

using namespace gosem;

namespace {

// Odd numbers from 5.
chan<int> odds() {
    auto out = make_chan<int>(50);
    go([out] {
        for (int n = 5;; n += 2) out.send(n);
    });
    return out;
}

// Odd multiples of the prime p, from p*p.
chan<int> multiples(int p) {
    auto out = make_chan<int>(10);
    go([out, p] {
        for (int n = p * p;; n += 2 * p) out.send(n);
    });
    return out;
}

// A channel and the value last received from it, ordered by that value (smallest first).
struct peek_chan {
    int head;
    chan<int> ch;
    friend bool operator>(const peek_chan& a, const peek_chan& b) { return a.head > b.head; }
};
using peek_heap = std::priority_queue<peek_chan, std::vector<peek_chan>, std::greater<>>;

// A channel whose sends never block: a goroutine buffers what it receives (Go uses a growing
// ring; a deque is that) and forwards it to `out` when `out` takes it.
send_chan<int> send_proxy(send_chan<int> out) {
    auto proxy = make_chan<int>(10);
    go([proxy, out] {
        std::deque<int> buffer;
        for (;;) {
            // With nothing buffered, the send case is disabled by a nil channel.
            send_chan<int> c = buffer.empty() ? send_chan<int>() : out;
            const int e = buffer.empty() ? 0 : buffer.front();
            gosem::select(recv_case(proxy, [&](int v) { buffer.push_back(v); }),
                          send_case(c, e, [&] { buffer.pop_front(); }));
        }
    });
    return proxy;
}

// The primes, in order.
chan<int> sieve() {
    auto out = make_chan<int>(10);
    out.send(2);
    out.send(3);
    auto composites = make_chan<int>(50);  // every odd composite, in increasing order
    auto primes = make_chan<int>(10);      // the feedback loop
    primes.send(3);

    // Merges the multiples of each prime from `primes` into `composites`.
    go([primes, composites] {
        peek_heap h;
        int min = 15;
        for (;;) {
            auto m = multiples(primes.recv());
            const int head = m.recv();
            while (min < head) {
                composites.send(min);
                peek_chan minchan = h.top();
                h.pop();
                min = minchan.head;
                minchan.head = minchan.ch.recv();
                h.push(minchan);
            }
            while (min == head) {
                peek_chan minchan = h.top();
                h.pop();
                min = minchan.head;
                minchan.head = minchan.ch.recv();
                h.push(minchan);
            }
            composites.send(head);
            h.push(peek_chan{m.recv(), m});
        }
    });

    // Sieves the composites out of the odd candidates. The merger takes primes far more slowly
    // than this finds them, hence the proxy.
    go([primes, composites, out] {
        auto to_merger = send_proxy(primes);
        auto candidates = odds();
        int p = candidates.recv();
        for (;;) {
            const int c = composites.recv();
            while (p < c) {
                to_merger.send(p);
                out.send(p);
                p = candidates.recv();
            }
            if (p == c) p = candidates.recv();
        }
    });
    return out;
}

}  // namespace

TEST_CASE("test/chan/sieve2.go") {
    const int count = stress::size(5000, 500);
    const std::vector<int> want = stress::first_primes(count);
    stress::each_run([&](int procs) {
        stress::expect_returns(procs, [&] {
            auto primes = sieve();
            for (int i = 0; i < count; ++i) {
                const int got = primes.recv();
                CHECK_MESSAGE(got == want[i], "prime #", i);
                if (got != want[i]) return;
            }
        });
    });
}
