// close (Go spec, "Close"; runtime/chan.go closechan): rules CH-CLS-*.
#pragma once

#include <string>

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

// The file's own words, in a namespace of their own so that no other case file's can clash.
namespace gosem_conformance::cases::close_words {

// Starts `count` goroutines that each receive from ch with ok and report on the channel
// returned whether they got (0, false).
template <class R>
chan_t<R, bool> start_receivers_of_zero(R& rt, const chan_t<R, int>& ch, int count) {
    auto results = make_chan<bool>(rt, count);
    for (int i = 0; i < count; ++i) {
        rt.go([ch, results] {
            auto [v, ok] = ch.recv_ok();
            results.send(!ok && v == 0);
        });
    }
    return results;
}

// Starts `count` goroutines that each send the value numbered first + i on ch, recovering the
// panic, and report its message ("no panic" if none) on the channel returned.
template <class R, class Ch>
chan_t<R, std::string> start_recovering_senders(R& rt, const Ch& ch, int count, int first) {
    using T = typename Ch::value_type;
    auto messages = make_chan<std::string>(rt, count);
    for (int i = 0; i < count; ++i) {
        rt.go([&rt, ch, messages, value = first + i] {
            auto message = rt.recover([&] { ch.send(make_value<T>(value)); });
            messages.send(message.value_or("no panic"));
        });
    }
    return messages;
}

// Starts `count` goroutines that each select on a receive from ch and one from `other`, and
// report on the channel returned whether ch's case ran with (0, false).
template <class R>
chan_t<R, bool> start_selects_for_zero(R& rt, const chan_t<R, int>& ch, const chan_t<R, int>& other,
                                       int count) {
    auto results = make_chan<bool>(rt, count);
    for (int i = 0; i < count; ++i) {
        rt.go([&rt, ch, other, results] {
            recv_case from_ch{ch};
            recv_case from_other{other};
            int chosen = select(rt, from_ch, from_other);
            results.send(chosen == 0 && !from_ch.ok && from_ch.value == 0);
        });
    }
    return results;
}

// One round of a close racing a send that cannot complete: a channel of capacity n holding
// 0..n-1, a goroutine's send of `value` on it, and main's close, in whichever order the
// scheduler runs them. The send must panic. Returns the channel, closed.
template <class R>
chan_t<R, int> race_close_with_send(R& rt, int n, int value) {
    auto ch = make_chan<int>(rt, n);
    auto message = make_chan<std::string>(rt, 1);
    for (int i = 0; i < n; ++i) ch.send(i);
    rt.go([&rt, ch, message, value] {
        message.send(rt.recover([&] { ch.send(value); }).value_or("no panic"));
    });
    ch.close();
    check_eq(message.recv(), std::string("send on closed channel"), "the racing send");
    return ch;
}

}  // namespace gosem_conformance::cases::close_words

namespace gosem_conformance::cases {

using namespace close_words;

// Closing a nil channel panics.
GOSEM_CASE(CH_CLS_01,
           .rules = "CH-CLS-01",
           .area = "nil",
           .expect = panics("close of nil channel"),
           .needs = cap::nil_chan)
{
    nil_chan<int>(rt).close();
}

// Closing a closed channel panics.
GOSEM_CASE(CH_CLS_02,
           .rules = "CH-CLS-02",
           .area = "close",
           .expect = panics("close of closed channel"))
{
    auto ch = make_chan<int>(rt, 1);
    ch.close();
    ch.close();
}

// close wakes every parked receiver, each with (zero, false).
GOSEM_CASE(CH_CLS_03,
           .rules = "CH-CLS-03",
           .area = "close",
           .needs = cap::introspection)
{
    constexpr int receivers = 5;
    auto ch = make_chan<int>(rt);
    auto results = start_receivers_of_zero(rt, ch, receivers);
    rt.wait_blocked(receivers);
    ch.close();
    for (int i = 0; i < receivers; ++i) check(results.recv(), "a woken receiver got (0, false)");
}

// Receivers that come before or after the close, as the scheduler has it, all get
// (zero, false): none is left waiting.
GOSEM_CASE(CH_CLS_03_racing,
           .rules = "CH-CLS-03 CH-RCV-03",
           .area = "close",
           .flags = flag::nondeterministic)
{
    constexpr int receivers = 8;
    for (auto n : swept_capacities) {
        auto ch = make_chan<int>(rt, n);
        auto results = start_receivers_of_zero(rt, ch, receivers);
        ch.close();
        for (int i = 0; i < receivers; ++i) check(results.recv(), "a receiver got (0, false)");
    }
}

// close makes each parked sender panic in its own goroutine.
GOSEM_CASE(CH_CLS_04,
           .rules = "CH-CLS-04 CH-SND-07",
           .area = "close",
           .needs = cap::recover | cap::introspection)
{
    constexpr int senders = 3;
    auto ch = make_chan<int>(rt);
    auto messages = start_recovering_senders(rt, ch, senders, 0);
    rt.wait_blocked(senders);
    ch.close();
    for (int i = 0; i < senders; ++i) {
        check_eq(messages.recv(), std::string("send on closed channel"), "a parked sender");
    }
}

// Closing a channel with a full buffer and a parked sender: the sender panics in its own
// goroutine, the buffered values are still delivered, then (zero, false).
GOSEM_CASE(CH_CLS_05,
           .rules = "CH-CLS-05 CH-CLS-04 CH-MK-08",
           .area = "close",
           .expect = returns(),
           .needs = cap::recover | cap::introspection)
{
    auto ch = make_chan<int>(rt, 2);
    auto sender_result = make_chan<std::string>(rt, 1);
    ch.send(1);
    ch.send(2);
    rt.go([&rt, ch, sender_result] {
        auto message = rt.recover([&] { ch.send(3); });
        sender_result.send(message.value_or("no panic"));
    });
    rt.wait_blocked(1);  // the sender is parked on the full buffer
    ch.close();
    check_eq(sender_result.recv(), std::string("send on closed channel"), "parked sender");
    for (int want : {1, 2}) {
        auto [v, ok] = ch.recv_ok();
        check(ok && v == want, "buffered value survives close");
    }
    auto [zero, ok] = ch.recv_ok();
    check(!ok && zero == 0, "then the zero value, not ok");
}

// close wakes a receiver parked in a select; the case of the closed channel runs, not ok.
GOSEM_CASE(CH_CLS_06,
           .rules = "CH-CLS-06 CH-SEL-12",
           .notes = "N17",
           .area = "close",
           .needs = cap::select | cap::introspection)
{
    auto a = make_chan<int>(rt);
    auto b = make_chan<int>(rt);
    auto result = start_selects_for_zero(rt, a, b, 1);
    rt.wait_blocked(1);
    a.close();
    check(result.recv(), "the select woke on the closed channel's case with (0, false)");
}

// A panic no one recovers ends the program from any goroutine, not only from main.
GOSEM_CASE(CH_CLS_07,
           .rules = "CH-CLS-07 CH-SND-06 RT-08",
           .area = "close",
           .expect = panics("send on closed channel"))
{
    auto ch = make_chan<int>(rt, 1);
    auto never = make_chan<int>(rt);
    ch.close();
    rt.go([ch] { ch.send(1); });
    never.recv();
}

// close through a send-only view closes the channel.
GOSEM_CASE(CH_CLS_08,
           .rules = "CH-CLS-08 CH-DIR-06 CH-DIR-07",
           .notes = "N14",
           .area = "direction",
           .needs = cap::direction)
{
    auto ch = make_chan<int>(rt, 1);
    send_chan_t<R, int> s = ch;
    s.send(1);
    s.close();
    check_eq(ch.recv(), 1, "the buffered value");
    auto [v, ok] = ch.recv_ok();
    check(!ok && v == 0, "closed through the send-only view");
}

// A close racing a send that cannot complete (no receiver) always makes that send panic,
// whichever comes first: the outcome is defined although the interleaving is not.
GOSEM_CASE(CH_CLS_09,
           .rules = "CH-CLS-09 CH-CLS-04 CH-SND-06",
           .area = "close",
           .flags = flag::nondeterministic,
           .needs = cap::recover)
{
    for (int round = 0; round < 50; ++round) race_close_with_send(rt, 0, 1);  // unbuffered
}


// Closing a nil send-only view panics as closing the nil channel does.
GOSEM_CASE(CH_CLS_01_view,
           .rules = "CH-CLS-01 CH-CLS-08",
           .notes = "N14",
           .area = "nil",
           .expect = panics("close of nil channel"),
           .needs = cap::nil_chan | cap::direction)
{
    send_chan_t<R, int> s = nil_chan<int>(rt);
    s.close();
}

// The panic of closing a nil channel, of any element type, is an ordinary one: recovered, the
// goroutine goes on.
GOSEM_CASE(CH_CLS_01_recover,
           .rules = "CH-CLS-01",
           .area = "nil",
           .needs = cap::nil_chan | cap::recover)
{
    for_each_element_type([&]<class T>() {
        auto message = rt.recover([&] { nil_chan<T>(rt).close(); });
        check_eq(message.value_or("no panic"), std::string("close of nil channel"),
                 "closing a nil channel");
    });
}

// A second close panics at any capacity; recovered, the channel is still closed once, with
// its buffered values intact.
GOSEM_CASE(CH_CLS_02_recover,
           .rules = "CH-CLS-02 CH-RCV-04 CH-RCV-05",
           .area = "close",
           .needs = cap::recover)
{
    for (auto n : swept_capacities) {
        auto ch = make_chan<int>(rt, n);
        for (int i = 1; i <= n; ++i) ch.send(i);
        ch.close();
        auto message = rt.recover([&] { ch.close(); });
        check_eq(message.value_or("no panic"), std::string("close of closed channel"),
                 "the second close");
        for (int i = 1; i <= n; ++i) {
            auto [v, ok] = ch.recv_ok();
            check(ok && v == i, "a value buffered before the first close");
        }
        auto [v, ok] = ch.recv_ok();
        check(!ok && v == 0, "then closed");
    }
}

// Copies are one channel: closing through a second copy is closing twice.
GOSEM_CASE(CH_CLS_02_copy,
           .rules = "CH-CLS-02 CH-MK-11",
           .area = "close",
           .expect = panics("close of closed channel"))
{
    auto ch = make_chan<int>(rt);
    auto copy = ch;
    ch.close();
    copy.close();
}

// Closing through a send-only view, then through the channel, is closing twice.
GOSEM_CASE(CH_CLS_02_view,
           .rules = "CH-CLS-02 CH-CLS-08 CH-DIR-07",
           .notes = "N14",
           .area = "direction",
           .expect = panics("close of closed channel"),
           .needs = cap::direction)
{
    auto ch = make_chan<int>(rt, 1);
    send_chan_t<R, int> s = ch;
    s.close();
    ch.close();
}

// close wakes every parked receiver, of any element type and at any capacity, plain or with
// ok: each gets the zero value (and ok false).
GOSEM_CASE(CH_CLS_03_sweep,
           .rules = "CH-CLS-03 CH-RCV-06",
           .area = "close",
           .needs = cap::introspection)
{
    constexpr int receivers = 4;
    for_each_element_type([&]<class T>() {
        for (auto n : swept_capacities) {
            auto ch = make_chan<T>(rt, n);
            auto results = make_chan<bool>(rt, receivers);
            for (int i = 0; i < receivers; ++i) {
                if (i % 2 == 0) {
                    rt.go([ch, results] {
                        auto [v, ok] = ch.recv_ok();
                        results.send(!ok && is_zero(v));
                    });
                } else {
                    rt.go([ch, results] { results.send(is_zero(ch.recv())); });
                }
            }
            rt.wait_blocked(receivers);
            ch.close();
            for (int i = 0; i < receivers; ++i) {
                check(results.recv(), "a woken receiver got the zero value, not ok");
            }
        }
    });
}

// close makes every parked sender panic, of any element type and at any capacity (the buffer
// full); the buffered values, and only they, are still delivered.
GOSEM_CASE(CH_CLS_04_sweep,
           .rules = "CH-CLS-04 CH-CLS-05 CH-MK-08 CH-RCV-04",
           .area = "close",
           .needs = cap::recover | cap::introspection | cap::len_cap)
{
    constexpr int senders = 3;
    for_each_element_type([&]<class T>() {
        for (auto n : swept_capacities) {
            auto ch = make_chan<T>(rt, n);
            for (int i = 0; i < n; ++i) ch.send(make_value<T>(i));
            auto messages = start_recovering_senders(rt, ch, senders, 100);
            rt.wait_blocked(senders);
            ch.close();
            check_eq(int(ch.len()), int(n), "len after close: only the buffered values");
            for (int i = 0; i < senders; ++i) {
                check_eq(messages.recv(), std::string("send on closed channel"), "a parked sender");
            }
            for (int i = 0; i < n; ++i) {
                auto [v, ok] = ch.recv_ok();
                check(ok && same_value(v, i), "a value buffered before close");
            }
            auto [v, ok] = ch.recv_ok();
            check(!ok && is_zero(v), "then the zero value: no parked sender's value got in");
        }
    });
}

// A parked sender that does not recover ends the program when the channel is closed.
GOSEM_CASE(CH_CLS_04_uncaught,
           .rules = "CH-CLS-04 CH-CLS-07 RT-08",
           .area = "close",
           .expect = panics("send on closed channel"),
           .needs = cap::introspection)
{
    auto ch = make_chan<int>(rt);
    auto never = make_chan<int>(rt);
    rt.go([ch] { ch.send(1); });
    rt.wait_blocked(1);
    ch.close();
    never.recv();
}

// close wakes every select parked on the channel, at any capacity; each runs the closed
// channel's case with (0, false).
GOSEM_CASE(CH_CLS_06_several,
           .rules = "CH-CLS-06 CH-CLS-03",
           .notes = "N17",
           .area = "close",
           .needs = cap::select | cap::introspection)
{
    constexpr int selects = 3;
    for (auto n : swept_capacities) {
        auto ch = make_chan<int>(rt, n);
        auto other = make_chan<int>(rt);
        auto results = start_selects_for_zero(rt, ch, other, selects);
        rt.wait_blocked(selects);
        ch.close();
        for (int i = 0; i < selects; ++i) {
            check(results.recv(), "a woken select ran the closed channel's case with (0, false)");
        }
    }
}

// Closing a nil channel in another goroutine, unrecovered, ends the program.
GOSEM_CASE(CH_CLS_07_nil,
           .rules = "CH-CLS-07 CH-CLS-01 RT-08",
           .area = "nil",
           .expect = panics("close of nil channel"),
           .needs = cap::nil_chan)
{
    auto nil = nil_chan<int>(rt);
    auto never = make_chan<int>(rt);
    rt.go([nil] { nil.close(); });
    never.recv();
}

// Closing a closed channel in another goroutine, unrecovered, ends the program.
GOSEM_CASE(CH_CLS_07_double,
           .rules = "CH-CLS-07 CH-CLS-02 RT-08",
           .area = "close",
           .expect = panics("close of closed channel"))
{
    auto ch = make_chan<int>(rt, 1);
    auto never = make_chan<int>(rt);
    ch.close();
    rt.go([ch] { ch.close(); });
    never.recv();
}

// close through a send-only view wakes a receiver parked on a receive-only view.
GOSEM_CASE(CH_CLS_08_wakes,
           .rules = "CH-CLS-08 CH-CLS-03 CH-DIR-07",
           .notes = "N14",
           .area = "direction",
           .needs = cap::direction | cap::introspection)
{
    auto ch = make_chan<int>(rt);
    send_chan_t<R, int> s = ch;
    recv_chan_t<R, int> r = ch;
    auto result = make_chan<bool>(rt, 1);
    rt.go([r, result] {
        auto [v, ok] = r.recv_ok();
        result.send(!ok && v == 0);
    });
    rt.wait_blocked(1);
    s.close();
    check(result.recv(), "the receiver on the receive-only view got (0, false)");
}

// A close racing a send on a full buffer (no receiver) always makes that send panic, whichever
// comes first, with one slot or several. (Capacity 3 rather than 5: a buffer that holds more
// than asked, as Boost.Fiber's may, would let the send in only sometimes.)
GOSEM_CASE(CH_CLS_09_full,
           .rules = "CH-CLS-09 CH-CLS-04 CH-SND-06 CH-RCV-04",
           .area = "close",
           .flags = flag::nondeterministic,
           .needs = cap::recover)
{
    for (int n : {1, 3}) {
        for (int round = 0; round < 30; ++round) {
            auto ch = race_close_with_send(rt, n, -1);
            for (int i = 0; i < n; ++i) {
                auto [v, ok] = ch.recv_ok();
                check(ok && v == i, "the buffered values, not the racing send's");
            }
            check(!ch.recv_ok().ok, "then closed");
        }
    }
}

}  // namespace gosem_conformance::cases
