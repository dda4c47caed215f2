// Send statements (Go spec, "Send statements"): rules CH-SND-*.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

// The file's own words, in a namespace of their own so that no other case file's can clash.
namespace gosem_conformance::cases::send_words {

// The statement `channel() <- value()` of CH-SND-01, where channel() returns ch and value()
// returns 1, each recording its evaluation on `evaluated` ("channel", "value").
template <class Evaluated, class Ch>
void send_recording_evaluation(const Evaluated& evaluated, const Ch& ch) {
    auto channel = [&] {
        evaluated.send("channel");
        return ch;
    };
    auto value = [&] {
        evaluated.send("value");
        return 1;
    };
    channel().send(value());
}

// An unbuffered send of the value numbered 7, of type T, waits for its receiver, then delivers
// the value and goes on.
template <class T, class R>
void check_unbuffered_send_waits(R& rt) {
    auto ch = make_chan<T>(rt);
    auto sent = make_chan<int>(rt, 1);
    rt.go([ch, sent] {
        ch.send(make_value<T>(7));
        sent.send(1);
    });
    rt.wait_blocked(1);
    check_eq(int(sent.len()), 0, "the sender has not gone on before a receiver came");
    check(same_value(ch.recv(), 7), "the value");
    check_eq(sent.recv(), 1, "the sender goes on after the receive");
}

}  // namespace gosem_conformance::cases::send_words

namespace gosem_conformance::cases {

using namespace send_words;

// The channel and the value are evaluated, channel first, although the send never proceeds.
GOSEM_CASE(CH_SND_01,
           .rules = "CH-SND-01",
           .area = "chan")
{
    auto evaluated = make_chan<std::string>(rt, 2);
    auto never_received = make_chan<int>(rt);
    rt.go([evaluated, never_received] { send_recording_evaluation(evaluated, never_received); });
    check_eq(evaluated.recv(), std::string("channel"), "evaluated first");
    check_eq(evaluated.recv(), std::string("value"), "evaluated second");
}

// An unbuffered send waits for a receiver: until one comes, the sender has not gone on.
GOSEM_CASE(CH_SND_02,
           .rules = "CH-SND-02 N12-02",
           .notes = "N12",
           .area = "chan",
           .needs = cap::introspection | cap::len_cap)
{
    check_unbuffered_send_waits<int>(rt);
}

// With no receiver, a non-blocking send on an unbuffered channel cannot proceed.
GOSEM_CASE(CH_SND_02_select,
           .rules = "CH-SND-02 CH-SEL-06 N10-01",
           .notes = "N10",
           .area = "chan",
           .needs = cap::select)
{
    auto ch = make_chan<int>(rt);
    check_eq(select_default(rt, send_case{ch, 1}), -1, "no receiver: default");
}

// Sends into a buffer with room complete with no receiver at all.
GOSEM_CASE(CH_SND_03,
           .rules = "CH-SND-03 N13-01",
           .notes = "N13",
           .area = "chan")
{
    for (int n : {1, 3, 5}) {
        auto ch = make_chan<int>(rt, n);
        for (int i = 0; i < n; ++i) ch.send(i);
        for (int i = 0; i < n; ++i) check_eq(ch.recv(), i, "buffered value");
    }
}

// A send to a full buffer waits until a receive makes room.
GOSEM_CASE(CH_SND_04,
           .rules = "CH-SND-04 MM-04",
           .area = "chan",
           .needs = cap::introspection | cap::len_cap)
{
    auto ch = make_chan<int>(rt, 2);
    auto sent = make_chan<int>(rt, 1);
    ch.send(1);
    ch.send(2);
    rt.go([ch, sent] {
        ch.send(3);
        sent.send(1);
    });
    rt.wait_blocked(1);
    check_eq(int(sent.len()), 0, "the third send waits on the full buffer");
    check_eq(ch.recv(), 1, "first value");
    check_eq(sent.recv(), 1, "the receive made room");
    check_eq(ch.recv(), 2, "second value");
    check_eq(ch.recv(), 3, "third value");
}

// A non-blocking send to a full buffer takes default, and proceeds once there is room.
GOSEM_CASE(CH_SND_04_select,
           .rules = "CH-SND-04 CH-SEL-06",
           .area = "chan",
           .needs = cap::select)
{
    auto ch = make_chan<int>(rt, 1);
    ch.send(1);
    check_eq(select_default(rt, send_case{ch, 2}), -1, "full: default");
    ch.recv();
    check_eq(select_default(rt, send_case{ch, 2}), 0, "room again: the send");
    check_eq(ch.recv(), 2, "the value sent by select");
}

// A send on a nil channel never proceeds; the goroutine stays blocked while main goes on and
// returns, and nothing is reported.
GOSEM_CASE(CH_SND_05,
           .rules = "CH-SND-05 RT-04",
           .area = "nil",
           .needs = cap::nil_chan | cap::introspection | cap::len_cap)
{
    auto nil = nil_chan<int>(rt);
    auto sent = make_chan<int>(rt, 1);
    rt.go([nil, sent] {
        nil.send(1);
        sent.send(1);
    });
    rt.wait_blocked(1);
    for (int i = 0; i < 100; ++i) rt.yield();
    check_eq(int(sent.len()), 0, "the send on nil never proceeded");
}

// A send on a nil channel in main, with nothing else to run, is a deadlock.
GOSEM_CASE(CH_SND_05_main,
           .rules = "CH-SND-05 RT-02 RT-03",
           .area = "nil",
           .expect = deadlocks("chan send (nil chan)"),
           .needs = cap::nil_chan)
{
    nil_chan<int>(rt).send(1);
}

// A send on a closed channel panics; uncaught, the panic ends the program.
GOSEM_CASE(CH_SND_06,
           .rules = "CH-SND-06 RT-08",
           .area = "close",
           .expect = panics("send on closed channel"))
{
    auto ch = make_chan<int>(rt, 1);
    ch.close();
    ch.send(1);
}

// The same on an unbuffered channel: once closed it has no receiver to pair with, and the send
// panics at once.
GOSEM_CASE(CH_SND_06_unbuffered,
           .rules = "CH-SND-06",
           .area = "close",
           .expect = panics("send on closed channel"))
{
    auto ch = make_chan<int>(rt);
    ch.close();
    ch.send(1);
}

// The panic can be recovered in the sending goroutine, which then carries on.
GOSEM_CASE(CH_SND_07,
           .rules = "CH-SND-07",
           .area = "close",
           .needs = cap::recover)
{
    auto ch = make_chan<int>(rt, 1);
    ch.close();
    auto message = rt.recover([&] { ch.send(1); });
    check(message.has_value(), "the send panicked");
    check_eq(*message, std::string("send on closed channel"), "the panic's message");
    auto [v, ok] = ch.recv_ok();
    check(!ok && v == 0, "nothing was queued by the failed send");
}

// An unbuffered send completes only after the receiver took the value: what the receiver did
// before its receive is visible to the sender after its send.
GOSEM_CASE(CH_SND_08,
           .rules = "CH-SND-08 MM-03",
           .notes = "N10",
           .area = "chan",
           .flags = flag::nondeterministic)
{
    for (int round = 0; round < 200; ++round) {
        auto ch = make_chan<int>(rt);
        auto written = std::make_shared<std::atomic<int>>(0);
        rt.go([ch, written, round] {
            written->store(round + 1, std::memory_order_relaxed);
            ch.recv();
        });
        ch.send(0);
        check_eq(written->load(std::memory_order_relaxed), round + 1,
                 "the receiver's earlier write, seen after the send");
    }
}


// The channel and the value are evaluated, channel first, before the send panics on a closed
// channel.
GOSEM_CASE(CH_SND_01_closed,
           .rules = "CH-SND-01 CH-SND-06",
           .area = "close",
           .needs = cap::recover)
{
    auto evaluated = make_chan<std::string>(rt, 2);
    auto closed = make_chan<int>(rt, 1);
    closed.close();
    auto message = rt.recover([&] { send_recording_evaluation(evaluated, closed); });
    check_eq(message.value_or("no panic"), std::string("send on closed channel"), "the send");
    check_eq(evaluated.recv(), std::string("channel"), "evaluated first");
    check_eq(evaluated.recv(), std::string("value"), "evaluated second");
}

// The channel and the value are evaluated although the channel is nil and the send blocks for
// ever.
GOSEM_CASE(CH_SND_01_nil,
           .rules = "CH-SND-01 CH-SND-05",
           .area = "nil",
           .needs = cap::nil_chan | cap::introspection | cap::len_cap)
{
    auto evaluated = make_chan<std::string>(rt, 2);
    auto nil = nil_chan<int>(rt);
    auto sent = make_chan<int>(rt, 1);
    rt.go([evaluated, nil, sent] {
        send_recording_evaluation(evaluated, nil);
        sent.send(1);
    });
    check_eq(evaluated.recv(), std::string("channel"), "evaluated first");
    check_eq(evaluated.recv(), std::string("value"), "evaluated second");
    rt.wait_blocked(1);
    check_eq(int(sent.len()), 0, "the send itself never proceeded");
}

// A value expression that panics ends the statement after the channel was evaluated and before
// any communication: nothing is sent.
GOSEM_CASE(CH_SND_01_panic,
           .rules = "CH-SND-01",
           .area = "chan",
           .needs = cap::recover)
{
    auto evaluated = make_chan<std::string>(rt, 1);
    auto ch = make_chan<int>(rt, 1);
    auto message = rt.recover([&] {
        auto channel = [&] {
            evaluated.send("channel");
            return ch;
        };
        auto value = [&] {
            rt.panic("value failed");
            return 1;  // not reached: it gives the lambda its type
        };
        channel().send(value());
    });
    check_eq(message.value_or("no panic"), std::string("value failed"), "the value's panic");
    check_eq(evaluated.recv(), std::string("channel"), "the channel was evaluated first");
    ch.send(2);
    check_eq(ch.recv(), 2, "the buffer held nothing from the failed statement");
}

// An unbuffered send of any element type waits for its receiver, then delivers the value.
GOSEM_CASE(CH_SND_02_types,
           .rules = "CH-SND-02 N12-02 N10-01",
           .notes = "N12",
           .area = "chan",
           .needs = cap::introspection | cap::len_cap)
{
    for_each_element_type([&]<class T>() { check_unbuffered_send_waits<T>(rt); });
}

// Sends of any element type into a buffer with room complete with no other goroutine in the
// program; the values come back in order.
GOSEM_CASE(CH_SND_03_types,
           .rules = "CH-SND-03 N13-01 CH-ORD-01",
           .notes = "N13",
           .area = "chan")
{
    for_each_element_type([&]<class T>() {
        for (auto n : swept_capacities) {
            if (n == 0) continue;  // no room without a receiver
            auto ch = make_chan<T>(rt, n);
            for (int i = 0; i < n; ++i) ch.send(make_value<T>(i));
            for (int i = 0; i < n; ++i) {
                auto [v, ok] = ch.recv_ok();
                check(ok && same_value(v, i), "a buffered value, in order");
            }
        }
    });
}

// A send of any element type to a full buffer of any size waits until a receive makes room,
// and its value comes after the buffered ones.
GOSEM_CASE(CH_SND_04_sweep,
           .rules = "CH-SND-04 CH-ORD-01",
           .area = "chan",
           .needs = cap::introspection | cap::len_cap)
{
    for_each_element_type([&]<class T>() {
        for (auto n : swept_capacities) {
            if (n == 0) continue;  // an unbuffered channel is never full: CH-SND-02
            auto ch = make_chan<T>(rt, n);
            auto sent = make_chan<int>(rt, 1);
            for (int i = 0; i < n; ++i) ch.send(make_value<T>(i));
            rt.go([ch, sent, n] {
                ch.send(make_value<T>(int(n)));
                sent.send(1);
            });
            rt.wait_blocked(1);
            check_eq(int(sent.len()), 0, "the send waits on the full buffer");
            check(same_value(ch.recv(), 0), "the oldest buffered value");
            check_eq(sent.recv(), 1, "the receive made room and the send completed");
            for (int i = 1; i <= n; ++i) {
                check(same_value(ch.recv(), i), "the other buffered values, then the waiting one");
            }
        }
    });
}

// With several senders parked on a full buffer, each receive makes room for exactly one.
GOSEM_CASE(CH_SND_04_several,
           .rules = "CH-SND-04 CH-ORD-03",
           .area = "chan",
           .needs = cap::introspection | cap::len_cap)
{
    constexpr int senders = 3;
    auto ch = make_chan<int>(rt, 1);
    auto done = make_chan<int>(rt, senders);
    ch.send(0);
    for (int i = 1; i <= senders; ++i) {
        rt.go([ch, done, i] {
            ch.send(i);
            done.send(i);
        });
        rt.wait_blocked(i);
    }
    int sum = 0;
    for (int released = 1; released <= senders; ++released) {
        sum += ch.recv();
        done.recv();
        check_eq(int(done.len()), 0, "one receive let exactly one sender through");
    }
    sum += ch.recv();
    check_eq(sum, 0 + 1 + 2 + 3, "every value received once");
}

// A send through a nil send-only view blocks for ever: in main, a deadlock.
GOSEM_CASE(CH_SND_05_view,
           .rules = "CH-SND-05 CH-DIR-01 RT-03",
           .notes = "N14",
           .area = "nil",
           .expect = deadlocks("chan send (nil chan)"),
           .needs = cap::nil_chan | cap::direction)
{
    send_chan_t<R, int> s = nil_chan<int>(rt);
    s.send(1);
}

// A send on a closed channel panics for every element type and capacity, with room in the
// buffer or not; it queues nothing, and the values buffered before close are intact.
GOSEM_CASE(CH_SND_06_sweep,
           .rules = "CH-SND-06 CH-SND-07 CH-RCV-04",
           .area = "close",
           .needs = cap::recover)
{
    for_each_element_type([&]<class T>() {
        for (auto n : swept_capacities) {
            auto ch = make_chan<T>(rt, n);
            int buffered = int(n) / 2;  // 5 leaves room: the send panics all the same
            for (int i = 0; i < buffered; ++i) ch.send(make_value<T>(i));
            ch.close();
            auto message = rt.recover([&] { ch.send(make_value<T>(99)); });
            check_eq(message.value_or("no panic"), std::string("send on closed channel"),
                     "the send on the closed channel");
            for (int i = 0; i < buffered; ++i) {
                auto [v, ok] = ch.recv_ok();
                check(ok && same_value(v, i), "a value buffered before close");
            }
            auto [v, ok] = ch.recv_ok();
            check(!ok && is_zero(v), "nothing was queued by the failed send");
        }
    });
}

// A send through a send-only view of a closed channel panics.
GOSEM_CASE(CH_SND_06_view,
           .rules = "CH-SND-06 CH-DIR-07",
           .notes = "N14",
           .area = "direction",
           .expect = panics("send on closed channel"),
           .needs = cap::direction)
{
    auto ch = make_chan<int>(rt, 1);
    send_chan_t<R, int> s = ch;
    ch.close();
    s.send(1);
}

// A goroutine that recovers the panic of a send on a closed channel goes on, as often as it
// happens, and the program with it.
GOSEM_CASE(CH_SND_07_goroutine,
           .rules = "CH-SND-07 CH-SND-06",
           .area = "close",
           .needs = cap::recover)
{
    constexpr int attempts = 3;
    auto ch = make_chan<int>(rt, 1);
    auto reports = make_chan<std::string>(rt);
    ch.close();
    rt.go([&rt, ch, reports] {
        for (int i = 0; i < attempts; ++i) {
            reports.send(rt.recover([&] { ch.send(i); }).value_or("no panic"));
        }
        reports.send("done");
    });
    for (int i = 0; i < attempts; ++i) {
        check_eq(reports.recv(), std::string("send on closed channel"), "a recovered send");
    }
    check_eq(reports.recv(), std::string("done"), "the goroutine went on to the end");
}

// The receiver parked first, then the send: it completes only once the receiver has the value,
// so what the receiver wrote before receiving is visible after the send.
GOSEM_CASE(CH_SND_08_receiver_first,
           .rules = "CH-SND-08 MM-03 N12-01",
           .notes = "N10",
           .area = "chan",
           .needs = cap::introspection)
{
    for (int round = 0; round < 50; ++round) {
        auto ch = make_chan<int>(rt);
        auto got = make_chan<int>(rt, 1);
        auto written = std::make_shared<std::atomic<int>>(0);
        rt.go([ch, got, written, round] {
            written->store(round + 1, std::memory_order_relaxed);
            got.send(ch.recv());
        });
        rt.wait_blocked(1);
        ch.send(round);
        check_eq(written->load(std::memory_order_relaxed), round + 1,
                 "the receiver's earlier write, seen after the send");
        check_eq(got.recv(), round, "the receiver took the value sent");
    }
}

}  // namespace gosem_conformance::cases
