// Goroutines and the scheduler, as the source notes describe them (N1, N2, N4 to N7; spec "Go
// statements"; runtime package documentation).
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <thread>
#include <vector>
#include <sched.h>
#include <unistd.h>

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

// The file's own words, in a namespace of their own so that no other case file's can clash.
namespace gosem_conformance::cases::sched_words {

// Starts a goroutine that spins, never blocking or yielding, until *stop is set, and returns
// once it is spinning (for the preemption cases, N4).
template <class R>
void start_spinner(R& rt, const std::shared_ptr<std::atomic<bool>>& stop) {
    auto spinning = make_chan<int>(rt);
    rt.go([stop, spinning] {
        spinning.send(1);
        while (!stop->load(std::memory_order_relaxed)) {
        }
    });
    spinning.recv();
}

// The CPUs this process may run on, as Go's runtime.NumCPU counts them: its CPU affinity mask
// on Linux, else the cores the OS reports.
inline int cpus_this_process_may_use() {
#ifdef __linux__
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) return CPU_COUNT(&set);
#endif
    return static_cast<int>(std::thread::hardware_concurrency());
}

// Checks that other goroutines still run beside the spinners: one sends 0..99 on an unbuffered
// channel, each send waiting for main's receive, and main gets them all, in order.
template <class R>
void check_others_run(R& rt, const char* what) {
    auto ping = make_chan<int>(rt);
    rt.go([ping] {
        for (int i = 0; i < 100; ++i) ping.send(i);
    });
    for (int i = 0; i < 100; ++i) check_eq(ping.recv(), i, what);
}

}  // namespace gosem_conformance::cases::sched_words

namespace gosem_conformance::cases {

using namespace sched_words;

// On a single thread, two goroutines that hand a value back and forth both finish.
GOSEM_CASE(N1_01,
           .rules = "N1-01",
           .notes = "N1",
           .area = "sched",
           .gomaxprocs = procs::one)
{
    auto ping = make_chan<int>(rt);
    auto pong = make_chan<int>(rt);
    auto done = make_chan<int>(rt, 2);
    rt.go([ping, pong, done] {
        for (int i = 0; i < 1000; ++i) pong.send(ping.recv() + 1);
        done.send(1);
    });
    rt.go([ping, pong, done] {
        int v = 0;
        for (int i = 0; i < 1000; ++i) {
            ping.send(v);
            v = pong.recv();
        }
        done.send(v);
    });
    int a = done.recv(), b = done.recv();
    check_eq(a + b, 1001, "both finished, after 1000 round trips");
}

// On a single thread, a goroutine waiting on a channel lets the others run.
GOSEM_CASE(N1_02,
           .rules = "N1-02",
           .notes = "N1",
           .area = "sched",
           .gomaxprocs = procs::one)
{
    auto input = make_chan<long>(rt);
    auto output = make_chan<long>(rt);
    auto computed = make_chan<long>(rt);
    rt.go([input, output] { output.send(input.recv() * 2); });  // waits first
    rt.go([computed] {
        long sum = 0;
        for (long i = 1; i <= 100000; ++i) sum += i;
        computed.send(sum);
    });
    input.send(computed.recv());
    check_eq(output.recv(), 10000100000L, "the waiting goroutine ran once its input came");
}

// go does not wait for the goroutine: the caller goes on while the goroutine is blocked.
GOSEM_CASE(N2_01,
           .rules = "N2-01",
           .notes = "N2",
           .area = "sched")
{
    auto gate = make_chan<int>(rt);
    auto done = make_chan<int>(rt);
    rt.go([gate, done] { done.send(gate.recv() + 1); });
    gate.send(41);  // reached only because go returned before the goroutine finished
    check_eq(done.recv(), 42, "the goroutine finished after the caller went on");
}

// Ten thousand goroutines, each blocked on a channel, all exist at once and all finish.
GOSEM_CASE(N2_02,
           .rules = "N2-02",
           .notes = "N2",
           .area = "sched",
           .flags = flag::impl_defined,
           .goroutines = 10000)
{
    constexpr int goroutines = 10000;
    auto release = make_chan<int>(rt);
    auto done = make_chan<int>(rt, goroutines);
    for (int i = 0; i < goroutines; ++i) {
        rt.go([release, done] {
            auto [v, ok] = release.recv_ok();
            done.send(ok ? 0 : 1);
        });
    }
    release.close();
    int finished = 0;
    for (int i = 0; i < goroutines; ++i) finished += done.recv();
    check_eq(finished, goroutines, "every goroutine finished");
}

// A goroutine that spins without blocking or yielding does not stop the others.
GOSEM_CASE(N4_01,
           .rules = "N4-01",
           .notes = "N4",
           .area = "sched",
           .flags = flag::impl_defined)
{
    auto stop = std::make_shared<std::atomic<bool>>(false);
    start_spinner(rt, stop);
    check_others_run(rt, "the others run beside the spinner");
    stop->store(true);
}

// A goroutine blocked in a system call hands its processor on: the goroutine that will
// unblock it gets to run, even at GOMAXPROCS 1.
GOSEM_CASE(N5_01,
           .rules = "N5-01",
           .notes = "N5",
           .area = "sched",
           .needs = cap::blocking_call)
{
    int fds[2];
    check(::pipe(fds) == 0, "pipe");
    rt.go([fds] {
        char byte = 'x';
        check(::write(fds[1], &byte, 1) == 1, "write to the pipe");
    });
    char got = 0;
    rt.blocking_call([&] { check(::read(fds[0], &got, 1) == 1, "read from the pipe"); });
    check_eq(got, 'x', "the byte the other goroutine wrote while this one was in read");
}

// NumGoroutine counts blocked goroutines as well as running ones.
GOSEM_CASE(N6_01,
           .rules = "N6-01",
           .notes = "N6",
           .area = "sched",
           .needs = cap::introspection)
{
    int before = rt.num_goroutine();
    auto never = make_chan<int>(rt);
    for (int i = 0; i < 3; ++i) rt.go([never] { never.recv(); });
    rt.wait_blocked(3);
    check_eq(rt.num_goroutine(), before + 3, "three blocked goroutines are counted");
}

// A goroutine that has returned is no longer counted (waited for, not slept on).
GOSEM_CASE(N6_02,
           .rules = "N6-02",
           .notes = "N6",
           .area = "sched",
           .needs = cap::introspection)
{
    int before = rt.num_goroutine();
    auto done = make_chan<int>(rt);
    for (int i = 0; i < 3; ++i) rt.go([done] { done.send(1); });
    for (int i = 0; i < 3; ++i) done.recv();
    while (rt.num_goroutine() != before) rt.yield();
    check_eq(rt.num_goroutine(), before, "returned goroutines are gone");
}

// GOMAXPROCS(0) reports the value the program was started with: the environment's, read at
// start by the runtime where its adapter leaves it to (gosem's does).
GOSEM_CASE(N7_01,
           .rules = "N7-01",
           .notes = "N7",
           .area = "sched",
           .needs = cap::introspection)
{
    const char* env = std::getenv("GOMAXPROCS");
    check(env != nullptr, "the runner sets GOMAXPROCS");
    check_eq(rt.gomaxprocs(), std::atoi(env), "GOMAXPROCS(0)");
}

// Without GOMAXPROCS in the environment the setting starts at the number of CPUs the process may
// run on (Go's runtime.NumCPU), not at a fixed value or the machine's total.
GOSEM_CASE(N7_06,
           .rules = "N7-06 N7-01",
           .notes = "N7",
           .area = "sched",
           .needs = cap::introspection,
           .gomaxprocs = procs::unset)
{
    check(std::getenv("GOMAXPROCS") == nullptr, "the runner leaves GOMAXPROCS unset");
    check_eq(rt.gomaxprocs(), cpus_this_process_may_use(), "GOMAXPROCS(0) without the variable");
}

// GOMAXPROCS(n) changes the setting and returns the previous one; the program goes on at the
// new setting.
GOSEM_CASE(N7_02,
           .rules = "N7-02",
           .notes = "N7",
           .area = "sched",
           .needs = cap::introspection)
{
    int start = rt.gomaxprocs();
    int other = start == 1 ? 2 : 1;
    check_eq(rt.gomaxprocs(other), start, "GOMAXPROCS(n) returns the previous setting");
    check_eq(rt.gomaxprocs(), other, "the new setting");
    auto ch = make_chan<int>(rt);
    rt.go([ch] { ch.send(1); });
    check_eq(ch.recv(), 1, "goroutines run at the new setting");
    check_eq(rt.gomaxprocs(start), other, "set back");
}

// On a single thread, goroutines that only yield, never block, still take turns: main yields
// until a goroutine it started has run.
GOSEM_CASE(N1_01_yield,
           .rules = "N1-01",
           .notes = "N1",
           .area = "sched",
           .gomaxprocs = procs::one)
{
    auto ran = std::make_shared<std::atomic<bool>>(false);
    rt.go([ran] { ran->store(true, std::memory_order_relaxed); });
    while (!ran->load(std::memory_order_relaxed)) rt.yield();
}

// On a single thread, a pool of workers sharing one job channel does every job exactly once:
// each worker runs only while the others wait on the channel.
GOSEM_CASE(N1_01_workers,
           .rules = "N1-01 CH-ORD-03",
           .notes = "N1",
           .area = "sched",
           .gomaxprocs = procs::one)
{
    constexpr int workers = 4, jobs = 200;
    auto work = make_chan<int>(rt);
    auto results = make_chan<int>(rt);
    for (int w = 0; w < workers; ++w) {
        rt.go([work, results] {
            for (;;) {
                auto [job, ok] = work.recv_ok();
                if (!ok) return;
                results.send(job);
            }
        });
    }
    rt.go([work] {
        for (int j = 0; j < jobs; ++j) work.send(j);
        work.close();
    });
    std::vector<int> done(jobs, 0);
    for (int i = 0; i < jobs; ++i) {
        int job = results.recv();
        check(job >= 0 && job < jobs, "a job that was sent");
        ++done[job];
    }
    for (int j = 0; j < jobs; ++j) check_eq(done[j], 1, "every job done exactly once");
}

// On a single thread, a goroutine waiting in a select lets the others run.
GOSEM_CASE(N1_02_select,
           .rules = "N1-02 CH-SEL-08",
           .notes = "N1",
           .area = "sched",
           .needs = cap::select,
           .gomaxprocs = procs::one)
{
    auto quiet = make_chan<long>(rt);
    auto input = make_chan<long>(rt);
    auto output = make_chan<long>(rt);
    rt.go([&rt, quiet, input, output] {
        recv_case from_input{input};
        int chosen = select(rt, recv_case{quiet}, from_input);  // waits first
        output.send(chosen == 1 ? from_input.value * 2 : -1);
    });
    rt.go([input] {
        long sum = 0;
        for (long i = 1; i <= 100000; ++i) sum += i;
        input.send(sum);
    });
    check_eq(output.recv(), 10000100000L, "the selecting goroutine ran once its input came");
}

// A token passed around a ring of goroutines makes them run strictly in turn, on one thread or
// two: each appends to a plain log between receiving the token and passing it on, and the log is
// in ring order with nothing lost.
GOSEM_CASE(N1_03,
           .rules = "N1-03 MM-01 MM-03",
           .notes = "N1",
           .area = "sched")
{
    constexpr int members = 5, rounds = 200;
    std::vector<chan_t<R, int>> links;
    for (int m = 0; m < members; ++m) links.push_back(make_chan<int>(rt));
    auto log = std::make_shared<std::vector<int>>();  // written only by the token's holder
    auto done = make_chan<int>(rt);
    for (int m = 0; m < members; ++m) {
        rt.go([links, log, done, m] {
            for (int r = 0; r < rounds; ++r) {
                int token = links[m].recv();
                log->push_back(m);
                bool last = m == members - 1 && r == rounds - 1;
                (last ? done : links[(m + 1) % members]).send(token + 1);
            }
        });
    }
    links[0].send(0);
    check_eq(done.recv(), members * rounds, "the token went round every time");
    check_eq(int(log->size()), members * rounds, "every turn logged");
    bool in_turn = true;
    for (std::size_t i = 0; i < log->size(); ++i) in_turn = in_turn && (*log)[i] == int(i % members);
    check(in_turn, "the goroutines ran strictly in ring order");
}

// A goroutine is not tied to what started it: it runs on after the function that started it has
// returned and after the goroutine that called that function has ended.
GOSEM_CASE(N2_03,
           .rules = "N2-03 N6-02",
           .notes = "N2",
           .area = "sched",
           .needs = cap::introspection)
{
    int before = rt.num_goroutine();
    auto gate = make_chan<int>(rt);
    auto reply = make_chan<int>(rt);
    auto start_worker = [&rt, gate, reply] {
        rt.go([gate, reply] { reply.send(gate.recv() * 2); });
    };
    auto starter_done = make_chan<int>(rt);
    rt.go([start_worker, starter_done] {
        start_worker();
        starter_done.send(1);
    });
    starter_done.recv();
    while (rt.num_goroutine() != before + 1) rt.yield();  // the starter has ended, the worker not
    gate.send(21);
    check_eq(reply.recv(), 42, "the worker outlived its starter");
}

// Two goroutines spinning without blocking or yielding, as many as there are processors at
// GOMAXPROCS 2, do not stop the others.
GOSEM_CASE(N4_01_two_spinners,
           .rules = "N4-01",
           .notes = "N4",
           .area = "sched",
           .flags = flag::impl_defined,
           .timeout_ms = 10000)
{
    auto stop = std::make_shared<std::atomic<bool>>(false);
    start_spinner(rt, stop);
    start_spinner(rt, stop);
    check_others_run(rt, "the others run beside the spinners");
    stop->store(true);
}

// main itself spins, waiting for a flag without blocking or yielding: the goroutine that sets
// the flag still gets to run, even at GOMAXPROCS 1.
GOSEM_CASE(N4_01_main_spins,
           .rules = "N4-01",
           .notes = "N4",
           .area = "sched",
           .flags = flag::impl_defined,
           .timeout_ms = 10000)
{
    auto flag = std::make_shared<std::atomic<bool>>(false);
    rt.go([flag] { flag->store(true, std::memory_order_relaxed); });
    while (!flag->load(std::memory_order_relaxed)) {
    }
}

// A timer fires and its sleeper resumes while a goroutine spins on the only processor.
GOSEM_CASE(N4_01_timer,
           .rules = "N4-01",
           .notes = "N4",
           .area = "sched",
           .flags = flag::impl_defined,
           .needs = cap::time,
           .timeout_ms = 10000)
{
    auto stop = std::make_shared<std::atomic<bool>>(false);
    start_spinner(rt, stop);
    rt.sleep(std::chrono::milliseconds(10));  // wakes only if the spinner gives the thread up
    stop->store(true);
}

// Two goroutines that keep readying each other (each runs next, where its partner was) do not
// starve a goroutine queued behind them: their shared time slice ends, even at GOMAXPROCS 1.
GOSEM_CASE(N4_01_handoff_pair,
           .rules = "N4-01",
           .notes = "N4",
           .area = "sched",
           .flags = flag::impl_defined,
           .timeout_ms = 10000)
{
    auto a = make_chan<int>(rt);
    auto b = make_chan<int>(rt);
    auto done = make_chan<int>(rt);
    rt.go([a, b] {
        for (;;) {
            a.send(1);
            b.recv();
        }
    });
    rt.go([a, b] {
        for (;;) {
            a.recv();
            b.send(1);
        }
    });
    rt.yield();  // the pair starts passing the processor back and forth
    rt.go([done] { done.send(1); });
    rt.go([] {});  // spawned last, so the one above waits in the queue, not first in line
    check_eq(done.recv(), 1, "the goroutine queued behind the pair ran");
}

// A goroutine that spawns goroutines in a loop, never blocking, does not starve the goroutines
// queued before it, even at GOMAXPROCS 1.
GOSEM_CASE(N4_01_spawn_loop,
           .rules = "N4-01",
           .notes = "N4",
           .area = "sched",
           .flags = flag::impl_defined,
           .timeout_ms = 10000)
{
    auto ran = make_chan<int>(rt, 40);
    auto stop = std::make_shared<std::atomic<bool>>(false);
    for (int i = 0; i < 40; ++i) rt.go([ran] { ran.send(1); });
    rt.go([&rt, stop] {
        while (!stop->load(std::memory_order_relaxed)) rt.go([] {});
    });
    for (int i = 0; i < 40; ++i) ran.recv();
    stop->store(true, std::memory_order_relaxed);
}

// While main is in a blocking call, a chain of goroutines handing values to each other runs to
// its end and unblocks it, even at GOMAXPROCS 1.
GOSEM_CASE(N5_01_chain,
           .rules = "N5-01",
           .notes = "N5",
           .area = "sched",
           .needs = cap::blocking_call)
{
    int fds[2];
    check(::pipe(fds) == 0, "pipe");
    auto first = make_chan<int>(rt);
    auto second = make_chan<int>(rt);
    rt.go([first] { first.send(20); });
    rt.go([first, second] { second.send(first.recv() + 1); });
    rt.go([second, fds] {
        char byte = static_cast<char>(second.recv());
        check(::write(fds[1], &byte, 1) == 1, "write to the pipe");
    });
    char got = 0;
    rt.blocking_call([&] { check(::read(fds[0], &got, 1) == 1, "read from the pipe"); });
    check_eq(int(got), 21, "the chain ran while main was in read");
}

// More goroutines in blocking calls than there are processors: the rest of the program still
// runs, and each call returns once main, after its own channel work, writes its pipe.
GOSEM_CASE(N5_01_many,
           .rules = "N5-01",
           .notes = "N5",
           .area = "sched",
           .needs = cap::blocking_call)
{
    constexpr int readers = 3;
    std::array<std::array<int, 2>, readers> pipes;
    for (auto& p : pipes) check(::pipe(p.data()) == 0, "pipe");
    auto got = make_chan<int>(rt, readers);
    for (int r = 0; r < readers; ++r) {
        int fd = pipes[r][0];
        rt.go([&rt, fd, got] {
            char byte = 0;
            rt.blocking_call([&] { check(::read(fd, &byte, 1) == 1, "read from the pipe"); });
            got.send(byte);
        });
    }
    auto ping = make_chan<int>(rt);
    auto pong = make_chan<int>(rt);
    rt.go([ping, pong] {
        for (int i = 0; i < 100; ++i) pong.send(ping.recv() + 1);
    });
    for (int i = 0; i < 100; ++i) {
        ping.send(i);
        check_eq(pong.recv(), i + 1, "channel work beside the blocked readers");
    }
    for (int r = 0; r < readers; ++r) {
        char byte = static_cast<char>('a' + r);
        check(::write(pipes[r][1], &byte, 1) == 1, "write to the pipe");
    }
    int sum = 0;
    for (int r = 0; r < readers; ++r) sum += got.recv();
    check_eq(sum, 'a' + 'b' + 'c', "every reader got its byte");
}

// A goroutine in a blocking call counts as running: main waiting for it, with nothing else to
// run, is not a deadlock, and the program just waits.
GOSEM_CASE(N5_02,
           .rules = "N5-02 RT-02",
           .notes = "N5",
           .area = "sched",
           .expect = blocks(),
           .needs = cap::blocking_call)
{
    int fds[2];
    check(::pipe(fds) == 0, "pipe");
    auto done = make_chan<int>(rt);
    rt.go([&rt, fds, done] {
        char byte = 0;
        rt.blocking_call([&] { (void)::read(fds[0], &byte, 1); });  // nobody writes
        done.send(1);
    });
    done.recv();
}

// NumGoroutine counts a goroutine from its go statement, before it has run (runnable), and
// still once it has blocked.
GOSEM_CASE(N6_01_runnable,
           .rules = "N6-01",
           .notes = "N6",
           .area = "sched",
           .needs = cap::introspection)
{
    int before = rt.num_goroutine();
    auto never = make_chan<int>(rt);
    for (int i = 0; i < 5; ++i) rt.go([never] { never.recv(); });
    check_eq(rt.num_goroutine(), before + 5, "counted at once, run or not");
    rt.wait_blocked(5);
    check_eq(rt.num_goroutine(), before + 5, "and still counted once blocked");
}

// NumGoroutine counts a running goroutine, one that spins without ever blocking.
GOSEM_CASE(N6_01_running,
           .rules = "N6-01 N4-01",
           .notes = "N6",
           .area = "sched",
           .flags = flag::impl_defined,
           .needs = cap::introspection)
{
    int before = rt.num_goroutine();
    auto stop = std::make_shared<std::atomic<bool>>(false);
    start_spinner(rt, stop);
    check_eq(rt.num_goroutine(), before + 1, "the spinning goroutine is counted");
    stop->store(true);
}

// A goroutine asleep in a timer wait is waiting, and counted.
GOSEM_CASE(N6_01_sleeping,
           .rules = "N6-01 RT-04",
           .notes = "N6",
           .area = "sched",
           .needs = cap::introspection | cap::time)
{
    int before = rt.num_goroutine();
    rt.go([&rt] { rt.sleep(std::chrono::hours(1)); });
    rt.wait_blocked(1);
    check_eq(rt.num_goroutine(), before + 1, "the sleeper is counted");
}

// A goroutine blocked on a held mutex is waiting, and counted; unlocking lets it run on.
GOSEM_CASE(N6_01_mutex,
           .rules = "N6-01 N6-03 MU-02",
           .notes = "N6",
           .area = "sched",
           .needs = cap::introspection | cap::mutex)
{
    int before = rt.num_goroutine();
    auto m = std::make_shared<typename R::mutex>();
    auto done = make_chan<int>(rt);
    m->lock();
    rt.go([m, done] {
        m->lock();
        m->unlock();
        done.send(1);
    });
    rt.wait_blocked(1);
    check_eq(rt.num_goroutine(), before + 1, "the goroutine waiting on the lock is counted");
    m->unlock();
    check_eq(done.recv(), 1, "it runs on once the lock is free");
}

// Waiting goroutines stay waiting until their own event happens: waking the one parked on the
// second channel leaves the other two parked, which the non-blocking sends that later reach them
// prove (an unbuffered send can only proceed to a receiver that is waiting).
GOSEM_CASE(N6_03,
           .rules = "N6-03 CH-SND-02",
           .notes = "N6",
           .area = "sched",
           .needs = cap::introspection | cap::select)
{
    std::vector<chan_t<R, int>> wakeups;
    for (int i = 0; i < 3; ++i) wakeups.push_back(make_chan<int>(rt));
    auto replies = make_chan<int>(rt);
    for (int i = 0; i < 3; ++i) {
        rt.go([wake = wakeups[i], replies] { replies.send(wake.recv()); });
    }
    rt.wait_blocked(3);
    check_eq(select_default(rt, send_case{wakeups[1], 11}), 0, "the second was waiting");
    check_eq(replies.recv(), 11, "and ran on once woken");
    check_eq(select_default(rt, send_case{wakeups[0], 10}), 0, "the first is still waiting");
    check_eq(select_default(rt, send_case{wakeups[2], 12}), 0, "the third is still waiting");
    int sum = replies.recv() + replies.recv();
    check_eq(sum, 22, "both ran on once woken");
}

// GOMAXPROCS is one setting for the whole program: set in a goroutine, main reads it.
GOSEM_CASE(N7_02_goroutine,
           .rules = "N7-02",
           .notes = "N7",
           .area = "sched",
           .needs = cap::introspection)
{
    int start = rt.gomaxprocs();
    int other = start == 1 ? 2 : 1;
    auto previous = make_chan<int>(rt);
    rt.go([&rt, previous, other] { previous.send(rt.gomaxprocs(other)); });
    check_eq(previous.recv(), start, "the goroutine saw the previous setting");
    check_eq(rt.gomaxprocs(), other, "main sees the goroutine's setting");
    rt.gomaxprocs(start);
}

// GOMAXPROCS(n) with n < 1 only reads: 0 and negative values return the setting, unchanged.
GOSEM_CASE(N7_03,
           .rules = "N7-03 N7-01",
           .notes = "N7",
           .area = "sched",
           .needs = cap::introspection)
{
    int start = rt.gomaxprocs();
    check_eq(rt.gomaxprocs(0), start, "GOMAXPROCS(0)");
    check_eq(rt.gomaxprocs(-1), start, "GOMAXPROCS(-1)");
    check_eq(rt.gomaxprocs(), start, "unchanged");
}

// GOMAXPROCS may be set above the number of cores; the program runs at that setting.
GOSEM_CASE(N7_04,
           .rules = "N7-04 N7-02",
           .notes = "N7",
           .area = "sched",
           .needs = cap::introspection)
{
    int start = rt.gomaxprocs();
    int wide = int(std::thread::hardware_concurrency()) + 2;
    check_eq(rt.gomaxprocs(wide), start, "the previous setting");
    check_eq(rt.gomaxprocs(), wide, "more processors than cores");
    auto done = make_chan<int>(rt);
    for (int i = 0; i < wide; ++i) {
        rt.go([done, i] {
            long sum = 0;
            for (long k = 0; k < 10000; ++k) sum += k;
            done.send(sum == 49995000 ? i : -1);
        });
    }
    int total = 0;
    for (int i = 0; i < wide; ++i) total += done.recv();
    check_eq(total, wide * (wide - 1) / 2, "every goroutine ran at the wide setting");
    rt.gomaxprocs(start);
}

// Changing GOMAXPROCS up and down while goroutines are parked and others run loses none of
// them: each setting wakes a batch, and all finish.
GOSEM_CASE(N7_05,
           .rules = "N7-05 N7-02",
           .notes = "N7",
           .area = "sched",
           .needs = cap::introspection)
{
    constexpr int per_setting = 10;
    const int settings[] = {3, 1, 2, 4, 1};
    constexpr int goroutines = per_setting * 5;
    int start = rt.gomaxprocs();
    auto release = make_chan<int>(rt);
    auto done = make_chan<int>(rt, goroutines);
    for (int i = 0; i < goroutines; ++i) {
        rt.go([&rt, release, done] {
            int v = release.recv();
            rt.yield();
            done.send(v);
        });
    }
    int sent = 0;
    for (int n : settings) {
        rt.gomaxprocs(n);
        check_eq(rt.gomaxprocs(), n, "the new setting");
        for (int k = 0; k < per_setting; ++k) release.send(++sent);
    }
    long sum = 0;
    for (int i = 0; i < goroutines; ++i) sum += done.recv();
    check_eq(sum, long(goroutines) * (goroutines + 1) / 2, "every goroutine finished");
    rt.gomaxprocs(start);
}

}  // namespace gosem_conformance::cases
