// The patterns of the source notes (N10, N15, N16, N19): rendezvous replies and timeouts,
// channel ownership, cancellation through ctx.Done(), and the "peek" anti-pattern.
#pragma once

#include <chrono>
#include <set>
#include <string>

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

namespace gosem_conformance::cases {

// Each request carries its own reply channel, and gets exactly its own answer back, with many
// requests in flight at once.
GOSEM_CASE(N10_03,
           .rules = "N10-03",
           .notes = "N10",
           .area = "notes",
           .flags = flag::nondeterministic)
{
    struct request {
        int n = 0;
        chan_t<R, int> reply;
    };
    constexpr int clients = 20;
    auto requests = make_chan<request>(rt);
    auto checked = make_chan<int>(rt, clients);
    rt.go([requests] {
        for (;;) {
            request r = requests.recv();
            r.reply.send(r.n * r.n);
        }
    });
    for (int c = 0; c < clients; ++c) {
        rt.go([&rt, requests, checked, c] {
            auto reply = make_chan<int>(rt);
            requests.send(request{c, reply});
            checked.send(reply.recv() == c * c ? 1 : 0);
        });
    }
    int right = 0;
    for (int c = 0; c < clients; ++c) right += checked.recv();
    check_eq(right, clients, "every client got the answer to its own request");
}

// Waiting for a reply with a timeout: the reply wins when it comes, the timer when it does not.
GOSEM_CASE(N10_04,
           .rules = "N10-04",
           .notes = "N10",
           .area = "notes",
           .needs = cap::select | cap::time)
{
    using namespace std::chrono_literals;
    auto server = [&rt](bool answers) {
        auto reply = make_chan<int>(rt);
        rt.go([reply, answers] {
            if (answers) reply.send(7);
        });
        return reply;
    };
    recv_case answered{server(true)};
    int chosen = select(rt, answered, recv_case{rt.after(60s)});
    check(chosen == 0 && answered.value == 7, "the reply came in time");
    chosen = select(rt, recv_case{server(false)}, recv_case{rt.after(10ms)});
    check_eq(chosen, 1, "no reply: the timeout");
}

// A producer makes its output channel, returns it, and closes it when done; the consumer
// ranges over it to the end.
GOSEM_CASE(N15_01,
           .rules = "N15-01 CH-RNG-01",
           .notes = "N15",
           .area = "notes",
           .needs = cap::range)
{
    auto numbers = [&rt](int count) {
        auto out = make_chan<int>(rt);
        rt.go([out, count] {
            for (int i = 1; i <= count; ++i) out.send(i);
            out.close();  // the owner closes
        });
        return out;
    };
    int sum = 0;
    for (int v : numbers(10)) sum += v;
    check_eq(sum, 55, "everything the producer sent, then the end");
}

// The caller owns the channels: it passes a worker its output channel and a channel back,
// collects the results, hears from every worker on the back channel, then closes its output.
GOSEM_CASE(N15_02,
           .rules = "N15-02",
           .notes = "N15",
           .area = "notes")
{
    constexpr int workers = 3, per_worker = 3;
    auto results = make_chan<int>(rt);
    auto back = make_chan<int>(rt);
    auto worker = [](int id, chan_t<R, int> out, chan_t<R, int> report) {
        for (int k = 0; k < per_worker; ++k) out.send(id * 10 + k);
        report.send(id);  // the way back to the caller
    };
    for (int id = 1; id <= workers; ++id) rt.go([worker, id, results, back] { worker(id, results, back); });
    std::set<int> got;
    for (int i = 0; i < workers * per_worker; ++i) got.insert(results.recv());
    int reported = 0;
    for (int i = 0; i < workers; ++i) reported += back.recv();
    results.close();
    check_eq(int(got.size()), workers * per_worker, "every result, once");
    check_eq(reported, 1 + 2 + 3, "every worker reported back");
}

// A goroutine cannot be killed, only told: a worker selecting on ctx.Done() stops after cancel
// and sees why.
GOSEM_CASE(N16_01,
           .rules = "N16-01 CTX-03",
           .notes = "N16",
           .area = "context",
           .needs = cap::context | cap::select)
{
    auto work = make_chan<int>(rt);
    auto stopped = make_chan<std::string>(rt, 1);
    auto cancelable = rt.with_cancel(rt.background());
    auto ctx = cancelable.ctx;
    rt.go([&rt, ctx, work, stopped] {
        for (;;) {
            if (select(rt, recv_case{ctx.done()}, recv_case{work}) == 0) {
                stopped.send(ctx.err());
                return;
            }
        }
    });
    work.send(1);
    work.send(2);
    cancelable.cancel();
    check_eq(stopped.recv(), std::string("context canceled"), "the worker stopped on cancel");
}

// Waiting on a result or on ctx.Done(): whichever comes first decides.
GOSEM_CASE(N16_02,
           .rules = "N16-02 CTX-02 CTX-03",
           .notes = "N16",
           .area = "context",
           .needs = cap::context | cap::select)
{
    auto first = rt.with_cancel(rt.background());
    auto result = make_chan<int>(rt);
    rt.go([result] { result.send(5); });
    recv_case got{result};
    check_eq(select(rt, recv_case{first.ctx.done()}, got), 1, "the result came first");
    check(got.value == 5, "the result");
    check_eq(first.ctx.err(), std::string(), "not cancelled: Err() is nil");
    first.cancel();

    auto second = rt.with_cancel(rt.background());
    auto never = make_chan<int>(rt);
    rt.go([cancel = second.cancel] { cancel(); });
    check_eq(select(rt, recv_case{second.ctx.done()}, recv_case{never}), 0, "cancelled first");
    check_eq(second.ctx.err(), std::string("context canceled"), "Err() after cancel");
}

// "Peeking" by receiving and sending back moves the value to the back of the queue.
GOSEM_CASE(N19_01,
           .rules = "N19-01 CH-ORD-01",
           .notes = "N19",
           .area = "notes")
{
    auto queue = make_chan<int>(rt, 3);
    for (int v : {1, 2, 3}) queue.send(v);
    int peeked = queue.recv();
    queue.send(peeked);  // "put it back"
    check_eq(peeked, 1, "the head");
    for (int want : {2, 3, 1}) check_eq(queue.recv(), want, "the peeked value went to the back");
}

// "Peeking" blocks when another sender takes the freed slot first: here a producer parked on
// the full queue fills it the moment the head is received, the send back waits forever, and
// with nothing left to drain the queue that is a deadlock.
GOSEM_CASE(N19_02,
           .rules = "N19-02 CH-SND-04 RT-02",
           .notes = "N19",
           .area = "notes",
           .expect = deadlocks("chan send"),
           .needs = cap::introspection)
{
    auto queue = make_chan<int>(rt, 2);
    queue.send(1);
    queue.send(2);
    rt.go([queue] { queue.send(3); });
    rt.wait_blocked(1);
    int head = queue.recv();
    queue.send(head);
}

}  // namespace gosem_conformance::cases
