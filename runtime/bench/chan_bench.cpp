// bench/chan_bench.cpp: Go 1.19's channel and select benchmarks (runtime/chan_test.go) on gosem.
// Each does the same work per op as Go's benchmark of the same name, so ns/op compare directly.
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdint>
#include <vector>

#include "gosem/gosem.hpp"
#include "gosem/time.hpp"
#include "harness.hpp"
#include "local_work.hpp"
#include "parallel.hpp"

namespace gosem_bench {
namespace {

using gosem::default_case;
using gosem::make_chan;
using gosem::recv_case;
using gosem::send_case;
using namespace std::chrono_literals;

struct empty {};  // Go's struct{}
struct struct32 { std::int64_t a, b, c, d; };
struct struct40 { std::int64_t a, b, c, d, e; };

template <class T>
void MakeChan(benchmark::State& state) {
    in_gosem(state, [&] {
        gosem::chan<T> x;
        timed(state, [&](std::int64_t n) {
            for (std::int64_t i = 0; i < n; ++i) x = make_chan<T>(8);
        });
        x.close();
    });
}

void ChanNonblocking(benchmark::State& state) {
    in_gosem(state, [&] {
        auto myc = make_chan<int>();
        run_parallel(state, [&](parallel_iterations& it) {
            while (it.next()) gosem::select(recv_case(myc), default_case());
        });
    });
}

void SelectUncontended(benchmark::State& state) {
    in_gosem(state, [&] {
        run_parallel(state, [&](parallel_iterations& it) {
            auto myc1 = make_chan<int>(1), myc2 = make_chan<int>(1);
            myc1.send(0);
            while (it.next()) {
                gosem::select(recv_case(myc1, [&] { myc2.send(0); }),
                              recv_case(myc2, [&] { myc1.send(0); }));
            }
        });
    });
}

void SelectSyncContended(benchmark::State& state) {
    in_gosem(state, [&] {
        auto myc1 = make_chan<int>(), myc2 = make_chan<int>(), myc3 = make_chan<int>();
        auto done = make_chan<int>();
        run_parallel(state, [&](parallel_iterations& it) {
            // A sender per worker, offering on all three channels until done is closed.
            gosem::go([=] {
                for (bool over = false; !over;) {
                    gosem::select(send_case(myc1, 0), send_case(myc2, 0), send_case(myc3, 0),
                                  recv_case(done, [&] { over = true; }));
                }
            });
            while (it.next()) gosem::select(recv_case(myc1), recv_case(myc2), recv_case(myc3));
        });
        done.close();
    });
}

void SelectAsyncContended(benchmark::State& state) {
    in_gosem(state, [&] {
        const int procs = gosem::gomaxprocs();
        auto myc1 = make_chan<int>(procs), myc2 = make_chan<int>(procs);
        run_parallel(state, [&](parallel_iterations& it) {
            myc1.send(0);
            while (it.next()) {
                gosem::select(recv_case(myc1, [&] { myc2.send(0); }),
                              recv_case(myc2, [&] { myc1.send(0); }));
            }
        });
    });
}

void SelectNonblock(benchmark::State& state) {
    in_gosem(state, [&] {
        auto myc1 = make_chan<int>(), myc2 = make_chan<int>();
        auto myc3 = make_chan<int>(1), myc4 = make_chan<int>(1);
        run_parallel(state, [&](parallel_iterations& it) {
            while (it.next()) {
                gosem::select(recv_case(myc1), default_case());
                gosem::select(send_case(myc2, 0), default_case());
                gosem::select(recv_case(myc3), default_case());
                gosem::select(send_case(myc4, 0), default_case());
            }
        });
    });
}

constexpr int values_per_op = 100;  // Go's C in ChanUncontended and ChanContended

void ChanUncontended(benchmark::State& state) {
    in_gosem(state, [&] {
        run_parallel(state, [&](parallel_iterations& it) {
            auto myc = make_chan<int>(values_per_op);
            while (it.next()) {
                for (int i = 0; i < values_per_op; ++i) myc.send(0);
                for (int i = 0; i < values_per_op; ++i) myc.recv();
            }
        });
    });
}

void ChanContended(benchmark::State& state) {
    in_gosem(state, [&] {
        auto myc = make_chan<int>(values_per_op * gosem::gomaxprocs());
        run_parallel(state, [&](parallel_iterations& it) {
            while (it.next()) {
                for (int i = 0; i < values_per_op; ++i) myc.send(0);
                for (int i = 0; i < values_per_op; ++i) myc.recv();
            }
        });
    });
}

// Go's CallsPerSched: the benchmarks below hand out work in blocks of this many ops.
constexpr std::int64_t calls_per_block = 1000;

// Two goroutines (whatever GOMAXPROCS is) exchange b.N values over one unbuffered channel, taking
// turns as sender and receiver by block.
void ChanSync(benchmark::State& state) {
    in_gosem(state, [&] {
        timed(state, [&](std::int64_t n) {
            constexpr int goroutines = 2;
            std::atomic<std::int64_t> blocks_left{n / calls_per_block / goroutines * goroutines};
            auto myc = make_chan<int>();
            auto finished = make_chan<bool>(goroutines);
            for (int g = 0; g < goroutines; ++g) {
                gosem::go([&, myc, finished] {
                    for (;;) {
                        const std::int64_t block = blocks_left.fetch_sub(1) - 1;
                        if (block < 0) break;
                        for (std::int64_t c = 0; c < calls_per_block; ++c) {
                            if (block % 2 == 0) {
                                myc.recv();
                                myc.send(0);
                            } else {
                                myc.send(0);
                                myc.recv();
                            }
                        }
                    }
                    finished.send(true);
                });
            }
            for (int g = 0; g < goroutines; ++g) finished.recv();
        });
    });
}

// GOMAXPROCS producers and as many consumers share one channel of `capacity`; each value costs
// `work` rounds of local work on each side, and a producer ends its stream with a 0.
// ChanProdCons* send and receive plainly. SelectProdCons does each send and receive in a select
// that also waits on a timer due in an hour and on a channel that is never closed.
struct prod_cons_shape {
    int capacity;
    int work;
    bool via_select;
};

void prod_cons(benchmark::State& state, prod_cons_shape shape) {
    bool counts_match = true;
    in_gosem(state, [&] {
        timed(state, [&](std::int64_t n) {
            const int procs = gosem::gomaxprocs();
            std::atomic<std::int64_t> blocks_left{n / calls_per_block};
            std::atomic<std::int64_t> produced{0}, consumed{0};
            auto finished = make_chan<bool>(2 * procs);
            auto myc = make_chan<int>(shape.capacity);
            // SelectProdCons's extra cases (nil, and unused, in the plain shapes): a channel that
            // is never closed, and a timer per goroutine due in an hour.
            auto myclose = shape.via_select ? make_chan<bool>() : gosem::chan<bool>();
            auto hour_timer = [&] {
                return shape.via_select ? gosem::after(1h) : gosem::recv_chan<gosem::time_point>();
            };
            for (int p = 0; p < procs; ++p) {
                gosem::go([&, myc, myclose, finished] {
                    std::int64_t foo = 0, sent = 0;
                    auto mytimer = hour_timer();
                    while (blocks_left.fetch_sub(1) - 1 >= 0) {
                        for (std::int64_t c = 0; c < calls_per_block; ++c) {
                            local_work(foo, shape.work);
                            if (!shape.via_select) {
                                myc.send(1);
                                ++sent;
                            } else {
                                gosem::select(send_case(myc, 1, [&] { ++sent; }),
                                              recv_case(mytimer), recv_case(myclose));
                            }
                        }
                    }
                    myc.send(0);
                    benchmark::DoNotOptimize(foo);
                    produced += sent;
                    finished.send(true);
                });
                gosem::go([&, myc, myclose, finished] {
                    std::int64_t foo = 0, received = 0;
                    auto mytimer = hour_timer();
                    for (;;) {
                        int v = -1;
                        if (!shape.via_select) v = myc.recv();
                        else gosem::select(recv_case(myc, [&](int got) { v = got; }),
                                           recv_case(mytimer), recv_case(myclose));
                        if (v == 0) break;
                        if (v == 1) ++received;
                        local_work(foo, shape.work);
                    }
                    benchmark::DoNotOptimize(foo);
                    consumed += received;
                    finished.send(true);
                });
            }
            for (int p = 0; p < 2 * procs; ++p) finished.recv();
            const std::int64_t expected = n / calls_per_block * calls_per_block;
            counts_match = counts_match && produced == expected && consumed == expected;
        });
    });
    check(state, counts_match, "producers and consumers disagree on the number of values");
}

void ChanProdCons0(benchmark::State& state) { prod_cons(state, {0, 0, false}); }
void ChanProdCons10(benchmark::State& state) { prod_cons(state, {10, 0, false}); }
void ChanProdCons100(benchmark::State& state) { prod_cons(state, {100, 0, false}); }
void ChanProdConsWork0(benchmark::State& state) { prod_cons(state, {0, 100, false}); }
void ChanProdConsWork10(benchmark::State& state) { prod_cons(state, {10, 100, false}); }
void ChanProdConsWork100(benchmark::State& state) { prod_cons(state, {100, 100, false}); }
void SelectProdCons(benchmark::State& state) { prod_cons(state, {128, 100, true}); }

// Drains b.N values from a closed buffered channel; filling it is not timed.
void ReceiveDataFromClosedChan(benchmark::State& state) {
    bool drained = true;
    in_gosem(state, [&] {
        timed(state, [&](std::int64_t n) {
            state.PauseTiming();
            auto ch = make_chan<empty>(n);
            for (std::int64_t i = 0; i < n; ++i) ch.send({});
            ch.close();
            state.ResumeTiming();
            std::int64_t received = 0;
            for ([[maybe_unused]] empty e : ch) ++received;
            drained = drained && received == n;
        });
    });
    check(state, drained, "a closed channel gave back a different number of values");
}

void ChanCreation(benchmark::State& state) {
    in_gosem(state, [&] {
        run_parallel(state, [&](parallel_iterations& it) {
            while (it.next()) {
                auto myc = make_chan<int>(1);
                myc.send(0);
                myc.recv();
            }
        });
    });
}

void ChanSem(benchmark::State& state) {
    in_gosem(state, [&] {
        auto myc = make_chan<empty>(gosem::gomaxprocs());
        run_parallel(state, [&](parallel_iterations& it) {
            while (it.next()) {
                myc.send({});
                myc.recv();
            }
        });
    });
}

// 1000 goroutines each select on a channel of its own and one that stays silent; an op sends one
// value to each of them.
void ChanPopular(benchmark::State& state) {
    in_gosem(state, [&] {
        timed(state, [&](std::int64_t n) {
            constexpr int goroutines = 1000;
            auto silent = make_chan<bool>();
            auto finished = make_chan<bool>(goroutines);
            std::vector<gosem::chan<bool>> own;
            for (int j = 0; j < goroutines; ++j) {
                auto d = make_chan<bool>();
                own.push_back(d);
                gosem::go([n, silent, d, finished] {
                    for (std::int64_t i = 0; i < n; ++i) {
                        gosem::select(recv_case(silent), recv_case(d));
                    }
                    finished.send(true);
                });
            }
            for (std::int64_t i = 0; i < n; ++i) {
                for (auto& d : own) d.send(true);
            }
            for (int j = 0; j < goroutines; ++j) finished.recv();
        });
    });
}

void ChanClosed(benchmark::State& state) {
    std::atomic<bool> reached_default{false};
    in_gosem(state, [&] {
        auto c = make_chan<empty>();
        c.close();
        run_parallel(state, [&](parallel_iterations& it) {
            while (it.next()) {
                gosem::select(recv_case(c), default_case([&] { reached_default = true; }));
            }
        });
    });
    check(state, !reached_default, "a select on a closed channel took its default");
}

[[maybe_unused]] const bool registered = [] {
    add("MakeChan/Byte", MakeChan<std::uint8_t>);
    add("MakeChan/Int", MakeChan<std::int64_t>);
    add("MakeChan/Ptr", MakeChan<std::uint8_t*>);
    add("MakeChan/Struct/0", MakeChan<empty>);
    add("MakeChan/Struct/32", MakeChan<struct32>);
    add("MakeChan/Struct/40", MakeChan<struct40>);
    add("ChanNonblocking", ChanNonblocking);
    add("SelectUncontended", SelectUncontended);
    add("SelectSyncContended", SelectSyncContended);
    add("SelectAsyncContended", SelectAsyncContended);
    add("SelectNonblock", SelectNonblock);
    add("ChanUncontended", ChanUncontended);
    add("ChanContended", ChanContended);
    add("ChanSync", ChanSync);
    add("ChanProdCons0", ChanProdCons0);
    add("ChanProdCons10", ChanProdCons10);
    add("ChanProdCons100", ChanProdCons100);
    add("ChanProdConsWork0", ChanProdConsWork0);
    add("ChanProdConsWork10", ChanProdConsWork10);
    add("ChanProdConsWork100", ChanProdConsWork100);
    add("SelectProdCons", SelectProdCons);
    add("ReceiveDataFromClosedChan", ReceiveDataFromClosedChan);
    add("ChanCreation", ChanCreation);
    add("ChanSem", ChanSem);
    add("ChanPopular", ChanPopular);
    add("ChanClosed", ChanClosed);
    return true;
}();

}  // namespace
}  // namespace gosem_bench
