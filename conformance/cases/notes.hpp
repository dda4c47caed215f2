// The patterns of the source notes (N10, N12, N13, N15, N16, N19): unbuffered signals,
// rendezvous replies and timeouts, either side of a rendezvous first, buffered channels running
// apart, channel ownership, cancellation through ctx.Done(), and the "peek" anti-pattern.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

// The file's own words, in a namespace of their own so that no other case file's can clash.
namespace gosem_conformance::cases::notes_words {

// A request that carries its own reply channel (N10-03): the server answers n * n on it.
template <class R>
struct squaring_request {
    int n = 0;
    chan_t<R, int> reply;
};

// Starts `clients` goroutines, client c sending squaring_request{c, its own reply channel} and
// waiting for the reply; returns how many got c * c, the answer to their own request.
template <class R>
int clients_answered(R& rt, const chan_t<R, squaring_request<R>>& requests, int clients) {
    auto checked = make_chan<int>(rt, clients);
    for (int c = 0; c < clients; ++c) {
        rt.go([&rt, requests, checked, c] {
            auto reply = make_chan<int>(rt);
            requests.send(squaring_request<R>{c, reply});
            checked.send(reply.recv() == c * c ? 1 : 0);
        });
    }
    int right = 0;
    for (int c = 0; c < clients; ++c) right += checked.recv();
    return right;
}

// A producer that owns its output channel: it sends 1..count on it and closes it.
template <class R>
chan_t<R, int> numbers_up_to(R& rt, int count) {
    auto out = make_chan<int>(rt);
    rt.go([out, count] {
        for (int i = 1; i <= count; ++i) out.send(i);
        out.close();  // the owner closes
    });
    return out;
}

// A caller that waits for `reply` no longer than 10 ms: the timeout must win.
template <class R>
void check_timeout_first(R& rt, const chan_t<R, int>& reply) {
    using namespace std::chrono_literals;
    check_eq(select(rt, recv_case{reply}, recv_case{rt.after(10ms)}), 1, "the timeout");
}

// The answer 7 that came too late is still there to take without blocking; `where` says where
// it waits.
template <class R>
void check_late_answer(R& rt, const chan_t<R, int>& reply, const char* where) {
    recv_case late{reply};
    check_eq(select_default(rt, late), 0, where);
    check_eq(late.value, 7, "the late answer");
}

}  // namespace gosem_conformance::cases::notes_words

namespace gosem_conformance::cases {

using namespace notes_words;

// Each request carries its own reply channel, and gets exactly its own answer back, with many
// requests in flight at once.
GOSEM_CASE(N10_03,
           .rules = "N10-03",
           .notes = "N10",
           .area = "notes",
           .flags = flag::nondeterministic)
{
    constexpr int clients = 20;
    auto requests = make_chan<squaring_request<R>>(rt);
    rt.go([requests] {
        for (;;) {
            auto r = requests.recv();
            r.reply.send(r.n * r.n);
        }
    });
    check_eq(clients_answered(rt, requests, clients), clients,
             "every client got the answer to its own request");
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

// An unbuffered channel as a "done" signal: once main has received it, everything the worker
// wrote before sending is there (plain data, no other synchronization).
GOSEM_CASE(N10_02_done,
           .rules = "N10-02 MM-01 MM-03",
           .notes = "N10",
           .area = "notes")
{
    for (int round = 0; round < 50; ++round) {
        auto done = make_chan<empty_value>(rt);
        auto results = std::make_shared<std::vector<int>>();  // the worker's until it signals
        rt.go([done, results, round] {
            for (int i = 0; i < 100; ++i) results->push_back(round + i);
            done.send(empty_value{});
        });
        done.recv();
        check_eq(int(results->size()), 100, "every result the worker wrote");
        check_eq(results->back(), round + 99, "the last one");
    }
}

// A "start" signal to many goroutines at once by closing a channel: each one, woken by the
// close, sees what main wrote before closing (plain data).
GOSEM_CASE(N10_02_close,
           .rules = "N10-02 MM-02 CH-CLS-03",
           .notes = "N10",
           .area = "notes")
{
    constexpr int waiters = 8;
    auto start = make_chan<empty_value>(rt);
    auto config = std::make_shared<std::string>();  // written by main before the signal only
    auto seen = make_chan<std::string>(rt, waiters);
    for (int w = 0; w < waiters; ++w) {
        rt.go([start, config, seen] {
            start.recv();
            seen.send(*config);
        });
    }
    *config = "ready";
    start.close();
    for (int w = 0; w < waiters; ++w) check_eq(seen.recv(), std::string("ready"), "after the signal");
}

// A server that collects every request before answering any, then answers them last to first:
// with a reply channel per request each client still gets its own answer.
GOSEM_CASE(N10_03_reversed,
           .rules = "N10-03",
           .notes = "N10",
           .area = "notes")
{
    constexpr int clients = 5;
    auto requests = make_chan<squaring_request<R>>(rt);
    rt.go([requests] {
        std::vector<squaring_request<R>> pending;
        for (int c = 0; c < clients; ++c) pending.push_back(requests.recv());
        for (auto r = pending.rbegin(); r != pending.rend(); ++r) r->reply.send(r->n * r->n);
    });
    check_eq(clients_answered(rt, requests, clients), clients,
             "every client got the answer to its own request, out of order");
}

// The reply comes after the caller has timed out: on an unbuffered reply channel nobody will
// ever take it, and its sender stays parked (a leaked goroutine) with the answer in hand.
GOSEM_CASE(N10_05,
           .rules = "N10-05 N10-04 RT-04",
           .notes = "N10",
           .area = "notes",
           .needs = cap::select | cap::time | cap::introspection)
{
    auto gate = make_chan<int>(rt);
    auto reply = make_chan<int>(rt);
    rt.go([gate, reply] {
        gate.recv();  // answers only once the caller has given up
        reply.send(7);
    });
    check_timeout_first(rt, reply);
    gate.send(1);
    rt.wait_blocked(1);  // the late answer has nobody to take it
    check_late_answer(rt, reply, "the answer still waits in its parked sender");
}

// The same late reply on a reply channel with room for one: the sender leaves its answer in
// the buffer and finishes, with nobody receiving.
GOSEM_CASE(N10_05_buffered,
           .rules = "N10-05 N10-04 CH-SND-03",
           .notes = "N10",
           .area = "notes",
           .needs = cap::select | cap::time)
{
    auto gate = make_chan<int>(rt);
    auto reply = make_chan<int>(rt, 1);
    auto finished = make_chan<int>(rt);
    rt.go([gate, reply, finished] {
        gate.recv();
        reply.send(7);
        finished.send(1);
    });
    check_timeout_first(rt, reply);
    gate.send(1);
    check_eq(finished.recv(), 1, "the late sender finished without a receiver");
    check_late_answer(rt, reply, "its answer is in the buffer");
}

// The fix of N11: a receiver waiting first, in another goroutine, takes the send at once.
GOSEM_CASE(N12_01_fix,
           .rules = "N12-01 N11-01",
           .notes = "N12",
           .area = "notes",
           .needs = cap::introspection)
{
    auto ch = make_chan<int>(rt);
    auto received = make_chan<int>(rt, 1);
    rt.go([ch, received] { received.send(ch.recv()); });
    rt.wait_blocked(1);  // the receiver is there first
    ch.send(1);
    check_eq(received.recv(), 1, "the receiver got the value");
}

// Receiving first is no fix in the same goroutine: main waits for a send that only it would
// make afterwards, and that is a deadlock.
GOSEM_CASE(N12_01_same_goroutine,
           .rules = "N12-01 RT-02 RT-03",
           .notes = "N12",
           .area = "deadlock",
           .expect = deadlocks("chan receive"))
{
    auto ch = make_chan<int>(rt);
    int v = ch.recv();
    ch.send(v);
}

// Either side of an unbuffered channel may come first: yields on both sides shift who waits
// for whom from one value to the next, and every value arrives once, in order.
GOSEM_CASE(N12_02_either,
           .rules = "N12-02 N12-01 CH-ORD-01",
           .notes = "N12",
           .area = "notes",
           .flags = flag::nondeterministic)
{
    constexpr int values = 1000;
    auto ch = make_chan<int>(rt);
    auto in_order = make_chan<bool>(rt);
    rt.go([&rt, ch, in_order] {
        bool ok = true;
        for (int i = 0; i < values; ++i) {
            if (i % 3 == 0) rt.yield();
            ok = ok && ch.recv() == i;
        }
        in_order.send(ok);
    });
    for (int i = 0; i < values; ++i) {
        if (i % 2 == 0) rt.yield();
        ch.send(i);
    }
    check(in_order.recv(), "every value arrived, in order");
}

// A buffered channel decouples the two sides: a producer puts in up to cap values and finishes
// before anyone receives; the values then come out in order.
GOSEM_CASE(N13_01_up_to_cap,
           .rules = "N13-01 N13-02 CH-SND-03",
           .notes = "N13",
           .area = "notes")
{
    for (int n : {1, 5}) {
        auto ch = make_chan<int>(rt, n);
        auto finished = make_chan<int>(rt);
        rt.go([ch, finished, n] {
            for (int i = 0; i < n; ++i) ch.send(i);
            finished.send(1);
        });
        check_eq(finished.recv(), 1, "the producer finished before any receive");
        for (int i = 0; i < n; ++i) check_eq(ch.recv(), i, "then the values, in order");
    }
}

// A producer runs ahead of its consumer by exactly the capacity: with nobody receiving it
// completes cap sends and parks on the next one.
GOSEM_CASE(N13_01_runs_ahead,
           .rules = "N13-01 CH-SND-04 CH-MK-07",
           .notes = "N13",
           .area = "notes",
           .needs = cap::introspection | cap::len_cap)
{
    constexpr int capacity = 5, values = 10;
    auto ch = make_chan<int>(rt, capacity);
    auto completed = std::make_shared<std::atomic<int>>(0);
    rt.go([ch, completed] {
        for (int i = 0; i < values; ++i) {
            ch.send(i);
            completed->fetch_add(1);
        }
    });
    rt.wait_blocked(1);
    check_eq(completed->load(), capacity, "sends completed before the first receive");
    check_eq(int(ch.len()), capacity, "the buffer is full");
    for (int i = 0; i < values; ++i) check_eq(ch.recv(), i, "in order");
}

// FIFO holds as the buffer's head goes round and round it: the buffer never empties, and each
// value comes out in order, for every element type.
GOSEM_CASE(N13_02_wrap,
           .rules = "N13-02 CH-ORD-01 CH-MK-09",
           .notes = "N13",
           .area = "notes")
{
    for_each_element_type([&]<class T>() {
        auto ch = make_chan<T>(rt, 3);
        int next_in = 0, next_out = 0;
        ch.send(make_value<T>(next_in++));
        for (int round = 0; round < 100; ++round) {
            ch.send(make_value<T>(next_in++));
            ch.send(make_value<T>(next_in++));
            for (int k = 0; k < 2; ++k) check(same_value(ch.recv(), next_out++), "in order");
        }
        check(same_value(ch.recv(), next_out), "the last one");
    });
}

// A producer makes its output channel, returns it, and closes it when done; the consumer
// ranges over it to the end.
GOSEM_CASE(N15_01,
           .rules = "N15-01 CH-RNG-01",
           .notes = "N15",
           .area = "notes",
           .needs = cap::range)
{
    int sum = 0;
    for (int v : numbers_up_to(rt, 10)) sum += v;
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

// The producer owns its channel and hands out only its receive side: the consumer can range
// over it but neither send on it nor close it.
GOSEM_CASE(N15_01_receive_only,
           .rules = "N15-01 CH-DIR-01 CH-RNG-01",
           .notes = "N15",
           .area = "notes",
           .needs = cap::direction | cap::range)
{
    auto numbers = [&rt](int count) -> recv_chan_t<R, int> { return numbers_up_to(rt, count); };
    recv_chan_t<R, int> in = numbers(10);
    int sum = 0;
    for (int v : in) sum += v;
    check_eq(sum, 55, "everything the producer sent, then the end");
}

// A consumer that wants no more tells the producer through a channel of its own; the producer
// stops, closes its output and ends, leaving no goroutine behind.
GOSEM_CASE(N15_01_stop,
           .rules = "N15-01 CH-SEL-08 N6-02",
           .notes = "N15",
           .area = "notes",
           .needs = cap::select | cap::introspection)
{
    int before = rt.num_goroutine();
    auto numbers = [&rt](chan_t<R, empty_value> stop) {
        auto out = make_chan<int>(rt);
        rt.go([&rt, out, stop] {
            for (int i = 1;; ++i) {
                if (select(rt, send_case{out, i}, recv_case{stop}) == 1) break;
            }
            out.close();
        });
        return out;
    };
    auto stop = make_chan<empty_value>(rt);
    auto out = numbers(stop);
    for (int i = 1; i <= 5; ++i) check_eq(out.recv(), i, "the first values");
    stop.close();
    for (int last = 5;;) {
        auto [v, ok] = out.recv_ok();
        if (!ok) break;  // the producer closed its channel
        check_eq(v, ++last, "values sent before the producer saw the stop, in order");
    }
    while (rt.num_goroutine() != before) rt.yield();
}

// One function per request, each given the caller's result channel and a second channel back
// for its failure: every function reports exactly once, so the caller knows when all are done
// and, owning both channels, closes them.
GOSEM_CASE(N15_02_per_request,
           .rules = "N15-02",
           .notes = "N15",
           .area = "notes",
           .needs = cap::select)
{
    constexpr int requests = 4, failing = 2;
    auto results = make_chan<int>(rt);
    auto failures = make_chan<int>(rt);
    auto handle = [](int id, chan_t<R, int> out, chan_t<R, int> failed) {
        if (id == failing) {
            failed.send(id);
            return;
        }
        out.send(id * 100);
    };
    for (int id = 0; id < requests; ++id) {
        rt.go([handle, id, results, failures] { handle(id, results, failures); });
    }
    int sum = 0, failed_id = -1;
    for (int i = 0; i < requests; ++i) {
        recv_case result{results};
        recv_case failure{failures};
        if (select(rt, result, failure) == 0) sum += result.value;
        else failed_id = failure.value;
    }
    results.close();
    failures.close();
    check_eq(sum, (0 + 1 + 3) * 100, "the results of the requests that succeeded");
    check_eq(failed_id, failing, "the failure came back on its own channel");
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

// "Peeking" in a worker goroutine while another sender is active: the worker takes the head,
// the other sender fills the freed slot, and the worker's re-send blocks on the full queue. It
// stays parked until someone drains the queue, and the peeked value ends up behind the
// newcomer.
GOSEM_CASE(N19_02_goroutine,
           .rules = "N19-02 N19-01 CH-SND-04",
           .notes = "N19",
           .area = "notes",
           .needs = cap::introspection | cap::len_cap)
{
    auto queue = make_chan<int>(rt, 1);
    queue.send(1);
    auto took = make_chan<int>(rt);
    auto put_back = make_chan<int>(rt);
    auto finished = make_chan<int>(rt, 1);
    rt.go([queue, took, put_back, finished] {
        int head = queue.recv();
        took.send(head);
        put_back.recv();
        queue.send(head);
        finished.send(1);
    });
    check_eq(took.recv(), 1, "the worker took the head");
    queue.send(2);  // another sender fills the freed slot in between
    put_back.send(1);
    rt.wait_blocked(1);
    check_eq(int(finished.len()), 0, "the re-send is blocked");
    check_eq(int(queue.len()), 1, "on a queue full with the other sender's value");
    check_eq(queue.recv(), 2, "the newcomer is now at the head");
    check_eq(finished.recv(), 1, "draining unblocked the worker");
    check_eq(queue.recv(), 1, "the peeked value came back behind it");
}

// "Peeking" an unbuffered channel: the value received cannot be put back, since a send needs a
// receiver; with none, the re-send is a deadlock.
GOSEM_CASE(N19_02_unbuffered,
           .rules = "N19-02 N11-01 RT-02",
           .notes = "N19",
           .area = "notes",
           .expect = deadlocks("chan send"))
{
    auto ch = make_chan<int>(rt);
    rt.go([ch] { ch.send(1); });
    int peeked = ch.recv();
    ch.send(peeked);
}

}  // namespace gosem_conformance::cases
