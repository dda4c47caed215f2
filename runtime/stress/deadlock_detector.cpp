// The deadlock detector, stressed both ways. Programs that block and wake heavily (channels of
// every capacity, select, mutex, cond, wait group, timers) and always finish must never be
// reported; programs that always end with every goroutine asleep, after the same kind of
// traffic, must be reported every time, with Go's message. Each program runs many times at
// GOMAXPROCS 1 and 2 through run_for_result; the test prints how many of each kind ran and how
// many reports came back.
#include <gosem/gosem.hpp>
#include <gosem/sync.hpp>
#include <gosem/time.hpp>

#include <array>
#include <chrono>
#include <cstdio>
#include <deque>
#include <memory>
#include <mutex>

#include "stress.hpp"

using namespace gosem;

namespace {

// A program of the stress; `variant` (the run's number) varies capacities and counts.
struct program {
    const char* name;
    void (*main)(int variant);
};

// ---- programs that always finish ----

// Two pairs of goroutines play ping-pong over unbuffered channels.
void ping_pong(int variant) {
    const int volleys = 100 + variant % 100;
    wait_group wg;
    for (int pair = 0; pair < 2; ++pair) {
        auto ping = make_chan<int>(), pong = make_chan<int>();
        wg.add(2);
        go([&wg, ping, pong, volleys] {
            for (int i = 0; i < volleys; ++i) pong.send(ping.recv() + 1);
            wg.done();
        });
        go([&wg, ping, pong, volleys] {
            for (int i = 0; i < volleys; ++i) {
                ping.send(i);
                pong.recv();
            }
            wg.done();
        });
    }
    wg.wait();
}

// A chain of stages over channels of capacity 0 to 2, closed from the source down.
void pipeline(int variant) {
    constexpr int stages = 8;
    const int values = 300;
    auto source = make_chan<int>(variant % 3);
    auto in = source;
    for (int s = 0; s < stages; ++s) {
        auto out = make_chan<int>((variant + s) % 3);
        go([in, out] {
            for (int v : in) out.send(v + 1);
            out.close();
        });
        in = out;
    }
    go([source, values] {
        for (int i = 0; i < values; ++i) source.send(i);
        source.close();
    });
    int received = 0;
    for (int v : in) {
        CHECK_MESSAGE(v == received + stages, "pipeline value");
        ++received;
    }
    CHECK_MESSAGE(received == values, "pipeline count");
}

// Producers on four channels; main selects over them, disabling each channel once it is closed.
void fan_in(int variant) {
    std::array<chan<int>, 4> in;
    for (auto& c : in) {
        c = make_chan<int>(variant % 2);
        go([c] {
            for (int i = 0; i < 100; ++i) c.send(i);
            c.close();
        });
    }
    for (int open = 4; open > 0;) {
        auto closed = [&](int k) {
            return [&, k](int, bool ok) {
                if (!ok) in[k] = nullptr, --open;
            };
        };
        gosem::select(recv_case(in[0], closed(0)), recv_case(in[1], closed(1)),
                      recv_case(in[2], closed(2)), recv_case(in[3], closed(3)));
    }
}

// A bounded queue guarded by a mutex, with producers and consumers waiting on conds. The state
// is shared, not on main's stack: were the run wrongly ended as a deadlock, the goroutines parked
// in cond waits would take the mutex again while being unwound, after main's frame is gone.
void bounded_queue(int variant) {
    constexpr int producers = 3, per_producer = 200;
    struct state {
        std::size_t limit;
        mutex mu;
        cond not_full{mu}, not_empty{mu};
        std::deque<int> queue;
        wait_group wg;
    };
    auto s = std::make_shared<state>();
    s->limit = 1 + variant % 4;
    s->wg.add(2 * producers);
    for (int p = 0; p < producers; ++p) {
        go([s] {
            for (int i = 0; i < per_producer; ++i) {
                std::unique_lock lock(s->mu);
                while (s->queue.size() == s->limit) s->not_full.wait();
                s->queue.push_back(i);
                s->not_empty.signal();
            }
            s->wg.done();
        });
        go([s] {
            for (int i = 0; i < per_producer; ++i) {
                std::unique_lock lock(s->mu);
                while (s->queue.empty()) s->not_empty.wait();
                s->queue.pop_front();
                s->not_full.signal();
            }
            s->wg.done();
        });
    }
    s->wg.wait();
}

// Every goroutine, main included, waits on channels that only timers feed: the pending timers
// must keep the detector quiet while all of them are parked.
void woken_by_timers(int variant) {
    constexpr int waiters = 3;
    for (int round = 0; round < 3; ++round) {
        auto go_on = make_chan<bool>();
        wait_group wg;
        wg.add(waiters);
        for (int w = 0; w < waiters; ++w) {
            go([&wg, go_on] {
                go_on.recv_ok();
                wg.done();
            });
        }
        auto tick = after(std::chrono::microseconds(20 + variant % 50));
        tick.recv();
        go_on.close();
        wg.wait();
    }
}

// Main waits on a goroutine that wakes it and exits at once, many times over: the detector
// must not mistake the moment between the wake-up and the exit for everyone asleep.
void last_one_out(int variant) {
    auto c = make_chan<int>(variant % 2);
    for (int i = 0; i < 300; ++i) {
        go([c, i] { c.send(i); });
        c.recv();
    }
}

// ---- programs that always deadlock, after traffic ----

// Ping-pong, then each side waits for the other.
void ping_pong_then_cycle(int variant) {
    auto ping = make_chan<int>(), pong = make_chan<int>();
    const int volleys = 100 + variant % 100;
    go([ping, pong, volleys] {
        for (int i = 0; i < volleys; ++i) pong.send(ping.recv());
        ping.recv();  // main never sends again
    });
    for (int i = 0; i < volleys; ++i) {
        ping.send(i);
        pong.recv();
    }
    pong.recv();  // and the goroutine never answers
}

// A pipeline whose consumer stops reading: the stages fill up and park; main then waits on a
// channel no one will ever use.
void stalled_pipeline(int variant) {
    auto source = make_chan<int>(variant % 3);
    auto in = source;
    for (int s = 0; s < 4; ++s) {
        auto out = make_chan<int>((variant + s) % 3);
        go([in, out] {
            for (int v : in) out.send(v);
        });
        in = out;
    }
    go([source] {
        for (int i = 0;; ++i) source.send(i);
    });
    for (int i = 0; i < 200; ++i) in.recv();
    make_chan<int>().recv();
}

// Workers exchange values, and one of them forgets wg.done().
void missing_done(int variant) {
    constexpr int workers = 6;
    wait_group wg;
    wg.add(workers);
    auto work = make_chan<int>(variant % 4);
    for (int w = 0; w < workers; ++w) {
        go([&wg, work, w] {
            for (int i = 0; i < 50; ++i) work.send(i);
            if (w != 0) wg.done();
        });
    }
    for (int i = 0; i < workers * 50; ++i) work.recv();
    wg.wait();
}

// Goroutines contend on a mutex; then main locks it twice.
void relock(int variant) {
    mutex mu;
    int counter = 0;
    wait_group wg;
    const int contenders = 2 + variant % 3;
    wg.add(contenders);
    for (int g = 0; g < contenders; ++g) {
        go([&] {
            for (int i = 0; i < 200; ++i) {
                std::lock_guard lock(mu);
                ++counter;
            }
            wg.done();
        });
    }
    wg.wait();
    mu.lock();
    mu.lock();
}

// After a fan-in, main selects over channels that are all nil (Go: blocks forever).
void select_on_nil_after_fan_in(int variant) {
    fan_in(variant);
    chan<int> a, b;
    gosem::select(recv_case(a), send_case(b, 1));
}

// A timer wakes everyone once; then all wait on a cond that no one will signal. Shared state,
// for the reason given at bounded_queue.
void timer_then_cond(int variant) {
    struct state {
        mutex mu;
        cond never{mu};
    };
    auto s = std::make_shared<state>();
    auto tick = after(std::chrono::microseconds(20 + variant % 50));
    for (int g = 0; g < 3; ++g) {
        go([s] {
            std::unique_lock lock(s->mu);
            s->never.wait();
        });
    }
    tick.recv();
    std::unique_lock lock(s->mu);
    s->never.wait();
}

constexpr std::array finishing{
    program{"ping-pong", ping_pong},
    program{"pipeline", pipeline},
    program{"fan-in select", fan_in},
    program{"bounded queue with mutex and cond", bounded_queue},
    program{"all parked on timers", woken_by_timers},
    program{"last one out", last_one_out},
};

constexpr std::array deadlocking{
    program{"ping-pong then cycle", ping_pong_then_cycle},
    program{"stalled pipeline", stalled_pipeline},
    program{"wait group missing a done", missing_done},
    program{"mutex locked twice", relock},
    program{"select on nil channels", select_on_nil_after_fan_in},
    program{"cond never signalled after a timer", timer_then_cond},
};

constexpr const char* deadlock_message = "fatal error: all goroutines are asleep - deadlock!";

}  // namespace

TEST_CASE("deadlock detector: no false report and every deadlock reported") {
    const int runs_per_program = stress::size(300, 10);
    long finishing_runs = 0, false_reports = 0, deadlocking_runs = 0, reports = 0;
    stress::each_run([&](int procs) {
        for (int variant = 0; variant < runs_per_program; ++variant) {
            for (const program& p : finishing) {
                auto r = run_for_result(config{.procs = procs}, [&] { p.main(variant); });
                ++finishing_runs;
                if (r.how != run_result::ending::returned) {
                    ++false_reports;
                    FAIL_CHECK("'", p.name, "' (GOMAXPROCS ", procs, ", variant ", variant,
                               ") was reported:\n", r.report);
                }
            }
            for (const program& p : deadlocking) {
                auto r = run_for_result(config{.procs = procs}, [&] { p.main(variant); });
                ++deadlocking_runs;
                if (r.how == run_result::ending::deadlock &&
                    r.report.rfind(deadlock_message, 0) == 0) {
                    ++reports;
                } else {
                    FAIL_CHECK("'", p.name, "' (GOMAXPROCS ", procs, ", variant ", variant,
                               ") was not reported as a deadlock:\n", r.report);
                }
            }
        }
    });
    std::printf("deadlock-detector stress: %ld finishing programs run, %ld reported (want 0); "
                "%ld deadlocking programs run, %ld reported (want all)\n",
                finishing_runs, false_reports, deadlocking_runs, reports);
    std::fflush(stdout);
    CHECK(false_reports == 0);
    CHECK(reports == deadlocking_runs);
}
