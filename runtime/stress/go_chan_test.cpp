// Ports of the stress tests in Go's runtime/chan_test.go (Go 1.19) to gosem. Sizes are Go's
// (quick mode: Go's -short sizes or smaller). Where Go sleeps to let a goroutine block first, these
// wait until the runtime shows it parked (stress::probe), so they test the same thing without
// depending on time.
//
// Checks inside goroutines use the *_MESSAGE forms and never put a channel operation inside an
// assertion: doctest keeps INFO contexts per thread, and a goroutine may change threads at any
// operation that can block.
#include <gosem/gosem.hpp>
#include <gosem/sync.hpp>

#include <array>
#include <atomic>
#include <cmath>
#include <map>
#include <mutex>
#include <vector>

#include "stress.hpp"

using namespace gosem;

namespace {

// TestChan, first part: a receive from an empty channel blocks, and a non-blocking one does not.
void receive_from_empty_blocks(int cap) {
    auto c = make_chan<int>(cap);
    auto r1 = stress::make_probe(), r2 = stress::make_probe();
    go([c, r1] {
        r1->start();
        c.recv();
        r1->pass();
    });
    go([c, r2] {
        r2->start();
        c.recv_ok();
        r2->pass();
    });
    const bool passed1 = r1->await_parked_or_passed(), passed2 = r2->await_parked_or_passed();
    CHECK_FALSE_MESSAGE(passed1, "chan cap ", cap);
    CHECK_FALSE_MESSAGE(passed2, "chan cap ", cap);
    int chosen = gosem::select(recv_case(c), default_case());
    CHECK_MESSAGE(chosen == 1, "chan cap ", cap);
    chosen = gosem::select(recv_case(c, [](int, bool) {}), default_case());
    CHECK_MESSAGE(chosen == 1, "chan cap ", cap);
    c.send(0);
    c.send(0);
}

// A send to a full channel blocks, and a non-blocking one does not.
void send_to_full_blocks(int cap) {
    auto c = make_chan<int>(cap);
    for (int i = 0; i < cap; ++i) c.send(i);
    auto sender = stress::make_probe();
    go([c, sender] {
        sender->start();
        c.send(0);
        sender->pass();
    });
    const bool passed = sender->await_parked_or_passed();
    CHECK_FALSE_MESSAGE(passed, "chan cap ", cap);
    const int chosen = gosem::select(send_case(c, 0), default_case());
    CHECK_MESSAGE(chosen == 1, "chan cap ", cap);
    c.recv();
}

// A closed channel yields its buffered values, then zero values with ok == false.
void closed_yields_buffer_then_zero(int cap) {
    auto c = make_chan<int>(cap);
    for (int i = 0; i < cap; ++i) c.send(i);
    c.close();
    for (int i = 0; i < cap; ++i) {
        const int v = c.recv();
        CHECK_MESSAGE(v == i, "chan cap ", cap);
    }
    const int zero = c.recv();
    CHECK_MESSAGE(zero == 0, "chan cap ", cap);
    auto [v, ok] = c.recv_ok();
    CHECK_MESSAGE(v == 0, "chan cap ", cap);
    CHECK_FALSE_MESSAGE(ok, "chan cap ", cap);
}

// Closing a channel wakes a receiver parked on it.
void close_unblocks_receive(int cap) {
    auto c = make_chan<int>(cap);
    auto done = make_chan<bool>();
    auto receiver = stress::make_probe();
    go([c, done, receiver] {
        receiver->start();
        auto [v, ok] = c.recv_ok();
        done.send(v == 0 && !ok);
    });
    const bool passed = receiver->await_parked_or_passed();
    CHECK_FALSE_MESSAGE(passed, "chan cap ", cap);
    c.close();
    const bool zero_and_not_ok = done.recv();
    CHECK_MESSAGE(zero_and_not_ok, "chan cap ", cap);
}

// Values arrive uncorrupted, in FIFO order from one sender, and exactly once from four senders
// to four receivers.
void fifo_and_exactly_once(int cap) {
    auto c = make_chan<int>(cap);
    go([c] {
        for (int i = 0; i < 100; ++i) c.send(i);
    });
    for (int i = 0; i < 100; ++i) {
        int v = c.recv();
        CHECK_MESSAGE(v == i, "chan cap ", cap);
        if (v != i) return;
    }
    go([c] {
        for (int i = 0; i < 100; ++i) c.send(i);
    });
    for (int i = 0; i < 100; ++i) {
        auto [v, ok] = c.recv_ok();
        CHECK_MESSAGE(ok, "chan cap ", cap);
        CHECK_MESSAGE(v == i, "chan cap ", cap);
        if (v != i) return;
    }

    constexpr int producers = 4, per_producer = 1000;
    using counts = std::map<int, int>;
    auto done = make_chan<counts>();
    for (int p = 0; p < producers; ++p) {
        go([c] {
            for (int i = 0; i < per_producer; ++i) c.send(i);
        });
    }
    for (int p = 0; p < producers; ++p) {
        go([c, done] {
            counts got;
            for (int i = 0; i < per_producer; ++i) ++got[c.recv()];
            done.send(std::move(got));
        });
    }
    counts total;
    for (int p = 0; p < producers; ++p) {
        for (auto [value, n] : done.recv()) total[value] += n;
    }
    CHECK_MESSAGE(total.size() == per_producer, "chan cap ", cap);
    // Not a structured binding: clang 14 cannot capture one in CHECK_MESSAGE's lambda.
    for (const auto& entry : total)
        CHECK_MESSAGE(entry.second == producers, "chan cap ", cap, " value ", entry.first);
}

void len_and_cap(int cap) {
    auto c = make_chan<int>(cap);
    CHECK_MESSAGE(c.len() == 0, "chan cap ", cap);
    CHECK_MESSAGE(c.cap() == static_cast<std::size_t>(cap), "chan cap ", cap);
    for (int i = 0; i < cap; ++i) c.send(i);
    CHECK_MESSAGE(c.len() == static_cast<std::size_t>(cap), "chan cap ", cap);
    CHECK_MESSAGE(c.cap() == static_cast<std::size_t>(cap), "chan cap ", cap);
}

}  // namespace

TEST_CASE("chan_test.go TestChan") {
    const int caps = stress::size(200, 20);
    stress::each_run([&](int procs) {
        stress::expect_returns(procs, [caps] {
            for (int cap = 0; cap < caps; ++cap) {
                receive_from_empty_blocks(cap);
                send_to_full_blocks(cap);
                closed_yields_buffer_then_zero(cap);
                close_unblocks_receive(cap);
                fifo_and_exactly_once(cap);
                len_and_cap(cap);
            }
        });
    });
}

// A goroutine's non-blocking receive races with close on a channel that holds a value: the
// channel is ready throughout, so the default case must never run.
TEST_CASE("chan_test.go TestNonblockRecvRace") {
    const int n = stress::size(10000, 300);
    stress::each_run([&](int procs) {
        std::atomic<int> not_ready{0};
        stress::expect_returns(procs, [n, &not_ready] {
            wait_group wg;
            for (int i = 0; i < n; ++i) {
                auto c = make_chan<int>(1);
                c.send(1);
                wg.add(1);
                go([c, &wg, &not_ready] {
                    gosem::select(recv_case(c), default_case([&] { ++not_ready; }));
                    wg.done();
                });
                c.close();
                c.recv();
            }
            wg.wait();
        });
        CHECK(not_ready.load() == 0);
    });
}

namespace {
// TestNonblockSelectRace and ...Race2: from the moment the goroutine starts, c1 or c2 is always
// ready, so its select must act on one instant's state and never take default. `ready_c2` makes
// c2 ready: a send into its buffer, or a close.
template <class MakeReady>
void nonblock_select_race(int n, int c2_cap, MakeReady ready_c2) {
    auto done = make_chan<bool>(1);
    for (int i = 0; i < n; ++i) {
        auto c1 = make_chan<int>(1), c2 = make_chan<int>(c2_cap);
        c1.send(1);
        go([c1, c2, done] {
            bool received = gosem::select(recv_case(c1), recv_case(c2), default_case()) != 2;
            done.send(received);
        });
        ready_c2(c2);
        gosem::select(recv_case(c1), default_case());
        if (!done.recv()) {
            FAIL_CHECK("no chan is ready, in round ", i);
            return;
        }
    }
}
}  // namespace

TEST_CASE("chan_test.go TestNonblockSelectRace") {
    const int n = stress::size(100000, 2000);
    stress::each_run([&](int procs) {
        stress::expect_returns(procs, [n] {
            nonblock_select_race(n, 1, [](const chan<int>& c2) { c2.send(1); });
        });
    });
}

TEST_CASE("chan_test.go TestNonblockSelectRace2") {
    const int n = stress::size(100000, 2000);
    stress::each_run([&](int procs) {
        stress::expect_returns(procs, [n] {
            nonblock_select_race(n, 0, [](const chan<int>& c2) { c2.close(); });
        });
    });
}

// Two goroutines select between sending to and receiving from the same channel: no crash, no
// deadlock, and on an unbuffered channel a goroutine never receives its own value.
TEST_CASE("chan_test.go TestSelfSelect") {
    const int n = stress::size(1000, 1000);
    stress::each_run([&](int procs) {
        for (int cap : {0, 10}) {
            std::atomic<int> self_receives{0};
            stress::expect_returns(procs, [n, cap, &self_receives] {
                wait_group wg;
                wg.add(2);
                auto c = make_chan<int>(cap);
                for (int p = 0; p < 2; ++p) {
                    go([&wg, &self_receives, n, c, p, cap] {
                        auto check = [&](int v) {
                            if (cap == 0 && v == p) ++self_receives;
                        };
                        for (int i = 0; i < n; ++i) {
                            if (p == 0 || i % 2 == 0) {
                                gosem::select(send_case(c, p), recv_case(c, check));
                            } else {
                                gosem::select(recv_case(c, check), send_case(c, p));
                            }
                        }
                        wg.done();
                    });
                }
                wg.wait();
            });
            INFO("cap ", cap, " GOMAXPROCS ", procs);
            CHECK(self_receives.load() == 0);
        }
    });
}

// Plain senders and receivers on four channels, plus one goroutine that sends N values to each
// through a single select and one that receives N from each the same way, nil-ing a channel's
// case once its N are done. All of it must finish.
TEST_CASE("chan_test.go TestSelectStress") {
    const int n = stress::size(100000, 4000);
    stress::each_run([&](int procs) {
        stress::expect_returns(procs, [n] {
            const std::array<chan<int>, 4> c{make_chan<int>(), make_chan<int>(), make_chan<int>(2),
                                             make_chan<int>(3)};
            wait_group wg;
            wg.add(10);
            for (int k = 0; k < 4; ++k) {
                go([&wg, n, ck = c[k]] {
                    for (int i = 0; i < n; ++i) ck.send(0);
                    wg.done();
                });
                go([&wg, n, ck = c[k]] {
                    for (int i = 0; i < n; ++i) ck.recv();
                    wg.done();
                });
            }
            go([&wg, n, c] {
                std::array<int, 4> sent{};
                auto c1 = c;
                auto count = [&](int k) {
                    return [&, k] {
                        if (++sent[k] == n) c1[k] = nullptr;
                    };
                };
                for (int i = 0; i < 4 * n; ++i) {
                    gosem::select(send_case(c1[3], 0, count(3)), send_case(c1[2], 0, count(2)),
                                  send_case(c1[0], 0, count(0)), send_case(c1[1], 0, count(1)));
                }
                wg.done();
            });
            go([&wg, n, c] {
                std::array<int, 4> received{};
                auto c1 = c;
                auto count = [&](int k) {
                    return [&, k] {
                        if (++received[k] == n) c1[k] = nullptr;
                    };
                };
                for (int i = 0; i < 4 * n; ++i) {
                    gosem::select(recv_case(c1[0], count(0)), recv_case(c1[1], count(1)),
                                  recv_case(c1[2], count(2)), recv_case(c1[3], count(3)));
                }
                wg.done();
            });
            wg.wait();
        });
    });
}

// With two always-ready cases (and two never-ready ones), select picks each about half the time:
// Go's bound, a six-nines confidence interval for a fair coin.
TEST_CASE("chan_test.go TestSelectFairness") {
    const int trials = stress::size(10000, 4000);
    stress::each_run([&](int procs) {
        int ones = 0, twos = 0, others = 0;
        stress::expect_returns(procs, [&] {
            auto c1 = make_chan<unsigned char>(trials + 1), c2 = make_chan<unsigned char>(trials + 1);
            for (int i = 0; i < trials + 1; ++i) {
                c1.send(1);
                c2.send(2);
            }
            auto c3 = make_chan<unsigned char>(), c4 = make_chan<unsigned char>();
            auto out = make_chan<unsigned char>(), done = make_chan<unsigned char>();
            wait_group wg;
            wg.add(1);
            go([&] {
                for (bool running = true; running;) {
                    unsigned char b = 0;
                    auto take = [&](unsigned char v) { b = v; };
                    gosem::select(recv_case(c3, take), recv_case(c4, take), recv_case(c1, take),
                                  recv_case(c2, take));
                    gosem::select(send_case(out, b), recv_case(done, [&] { running = false; }));
                }
                wg.done();
            });
            for (int i = 0; i < trials; ++i) {
                switch (out.recv()) {
                    case 1: ++ones; break;
                    case 2: ++twos; break;
                    default: ++others; break;
                }
            }
            done.close();
            wg.wait();
        });
        const double r = static_cast<double>(ones) / trials;
        const double e = std::abs(r - 0.5);
        INFO("GOMAXPROCS ", procs, ": ", ones, " ones and ", twos, " twos in ", trials, " trials");
        CHECK(others == 0);
        CHECK(e <= 4.891676 / (2 * std::sqrt(static_cast<double>(trials))));
    });
}

// A select with two ready send cases picks pseudo-randomly between them.
TEST_CASE("chan_test.go TestPseudoRandomSend") {
    static constexpr int n = 100;
    const int rounds = stress::size(100, 10);
    stress::each_run([&](int procs) {
        for (int cap : {0, n}) {
            for (int round = 0; round < rounds; ++round) {
                std::array<int, n> got{};
                stress::expect_returns(procs, [cap, &got] {
                    auto c = make_chan<int>(cap);
                    gosem::mutex m;
                    m.lock();
                    go([c, &got, &m] {
                        for (int i = 0; i < n; ++i) {
                            gosem::yield();
                            got[i] = c.recv();
                        }
                        m.unlock();
                    });
                    for (int i = 0; i < n; ++i) gosem::select(send_case(c, 1), send_case(c, 0));
                    m.lock();  // wait for the receiver
                });
                int zeros = 0, ones = 0;
                for (int v : got) {
                    zeros += (v + 1) % 2;
                    ones += v;
                }
                INFO("cap ", cap, " GOMAXPROCS ", procs, ": ", zeros, " zeros and ", ones, " ones");
                CHECK(zeros > n / 10);
                CHECK(ones > n / 10);
            }
        }
    });
}

// 23 workers range over a queue and forward to a results channel, some of them yielding to
// disturb the queue's FIFO-ish order; every value arrives once.
TEST_CASE("chan_test.go TestMultiConsumer") {
    constexpr int nwork = 23;
    const int niter = stress::size(271828, 27183);
    static constexpr std::array<int, 10> pn{2, 3, 7, 11, 13, 17, 19, 23, 27, 31};
    stress::each_run([&](int procs) {
        long long expect = 0, sum = 0;
        int n = 0;
        stress::expect_returns(procs, [&] {
            auto q = make_chan<int>(nwork * 3), r = make_chan<int>(nwork * 3);
            wait_group wg;
            for (int w = 0; w < nwork; ++w) {
                wg.add(1);
                go([q, r, &wg, w] {
                    for (int v : q) {
                        if (pn[w % pn.size()] == v) gosem::yield();
                        r.send(v);
                    }
                    wg.done();
                });
            }
            go([q, r, &wg, &expect, niter] {
                for (int i = 0; i < niter; ++i) {
                    int v = pn[i % pn.size()];
                    expect += v;
                    q.send(v);
                }
                q.close();
                wg.wait();
                r.close();
            });
            for (int v : r) {
                ++n;
                sum += v;
            }
        });
        INFO("GOMAXPROCS ", procs);
        CHECK(n == niter);
        CHECK(sum == expect);
    });
}

// A goroutine may wait on one channel through several cases of one select: A parks on c twice
// and on d, B then parks on c; waking A through d must leave c's queue intact, so that a send
// on c wakes B.
TEST_CASE("chan_test.go TestSelectDuplicateChannel") {
    const int rounds = stress::size(2000, 200);
    stress::each_run([&](int procs) {
        stress::expect_returns(procs, [rounds] {
            for (int round = 0; round < rounds; ++round) {
                auto c = make_chan<int>(), d = make_chan<int>(), e = make_chan<int>();
                auto a = stress::make_probe(), b = stress::make_probe();
                go([c, d, e, a] {
                    a->start();
                    gosem::select(recv_case(c), recv_case(c), recv_case(d));
                    a->pass();
                    e.send(9);
                });
                const bool a_passed = a->await_parked_or_passed();  // A is queued on c first
                CHECK_FALSE(a_passed);
                go([c, b] {
                    b->start();
                    c.recv();
                    b->pass();
                });
                const bool b_passed = b->await_parked_or_passed();  // then B
                CHECK_FALSE(b_passed);
                d.send(7);  // wakes A, which leaves c's queue
                e.recv();
                c.send(8);  // must wake B
            }
        });
    });
}
