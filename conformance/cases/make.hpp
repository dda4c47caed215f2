// Making channels, len and cap (Go spec: "Channel types", "Making slices, maps and channels",
// "Length and capacity"): rules CH-MK-*.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>

#include "gosem_conformance/case.hpp"
#include "gosem_conformance/vocabulary.hpp"

// The file's own words, in a namespace of their own so that no other case file's can clash.
namespace gosem_conformance::cases::make_words {

// make(chan T, size) panics with "makechan: size out of range" for each of `sizes`, an ordinary
// panic that recover catches; `panicked` says which sizes these are.
template <class T, class R, std::size_t N>
void check_make_out_of_range(R& rt, const std::array<std::int64_t, N>& sizes,
                             const char* panicked) {
    for (std::int64_t size : sizes) {
        auto message = rt.recover([&] { make_chan<T>(rt, size); });
        check(message.has_value(), panicked);
        check_eq(*message, std::string("makechan: size out of range"), "the panic's message");
    }
}

// Fills ch, of capacity n, with 0..n-1, then parks `senders` senders behind the full buffer one
// after another, with the values n, n + 1, ...; parked(k) runs once k of them are parked.
template <class R, class Parked>
void park_senders_behind_full(R& rt, const chan_t<R, int>& ch, int n, int senders, Parked parked) {
    for (int i = 0; i < n; ++i) ch.send(i);
    for (int k = 1; k <= senders; ++k) {
        rt.go([ch, value = n + k - 1] { ch.send(value); });
        rt.wait_blocked(k);
        parked(k);
    }
}

}  // namespace gosem_conformance::cases::make_words

namespace gosem_conformance::cases {

using namespace make_words;

// A channel variable that was never assigned is nil, and equal to any other nil channel.
GOSEM_CASE(CH_MK_01,
           .rules = "CH-MK-01 CH-MK-10",
           .area = "nil",
           .needs = cap::nil_chan)
{
    chan_t<R, int> zero{};
    check(zero == nil_chan<int>(rt), "a zero channel value equals nil");
    check(!(zero == make_chan<int>(rt)), "a made channel is not nil");
}

// make(chan T) and make(chan T, 0) are both unbuffered: capacity 0, nothing queued.
GOSEM_CASE(CH_MK_02,
           .rules = "CH-MK-02 CH-MK-05 N10-01",
           .notes = "N10",
           .area = "chan",
           .needs = cap::len_cap)
{
    auto a = make_chan<int>(rt);
    auto b = make_chan<int>(rt, 0);
    check_eq(int(a.cap()), 0, "cap(make(chan int))");
    check_eq(int(b.cap()), 0, "cap(make(chan int, 0))");
    check_eq(int(a.len()) + int(b.len()), 0, "len of new unbuffered channels");
}

// make(chan T, n) has a buffer of exactly n: cap is n, and len counts what is queued.
GOSEM_CASE(CH_MK_03,
           .rules = "CH-MK-03 CH-MK-05",
           .notes = "N13",
           .area = "chan",
           .needs = cap::len_cap)
{
    for (int n : {1, 2, 5, 100}) {
        auto ch = make_chan<int>(rt, n);
        check_eq(int(ch.cap()), n, "cap(make(chan int, n))");
        check_eq(int(ch.len()), 0, "len of a new channel");
    }
}

// A buffer of n takes exactly n values without a receiver: the next send would block.
GOSEM_CASE(CH_MK_03_room,
           .rules = "CH-MK-03 CH-SND-03 CH-SND-04",
           .notes = "N13",
           .area = "chan",
           .needs = cap::select)
{
    for (int n : {1, 2, 3, 5, 6}) {
        auto ch = make_chan<int>(rt, n);
        for (int i = 0; i < n; ++i) {
            check_eq(select_default(rt, send_case{ch, i}), 0, "a send while there is room");
        }
        check_eq(select_default(rt, send_case{ch, n}), -1, "a send to the full buffer");
    }
}

// A negative size computed at run time panics.
GOSEM_CASE(CH_MK_04,
           .rules = "CH-MK-04 RT-08",
           .area = "chan",
           .expect = panics("makechan: size out of range"))
{
    std::int64_t size = -1;
    auto ch = make_chan<int>(rt, size);
    ch.send(1);
}

// len follows sends and receives; cap never changes.
GOSEM_CASE(CH_MK_05,
           .rules = "CH-MK-05",
           .area = "chan",
           .needs = cap::len_cap)
{
    auto ch = make_chan<int>(rt, 5);
    for (int i = 1; i <= 3; ++i) {
        ch.send(i);
        check_eq(int(ch.len()), i, "len after a send");
    }
    ch.recv();
    check_eq(int(ch.len()), 2, "len after a receive");
    check_eq(int(ch.cap()), 5, "cap is unchanged");
}

// len and cap of a nil channel are 0.
GOSEM_CASE(CH_MK_06,
           .rules = "CH-MK-06",
           .area = "nil",
           .needs = cap::nil_chan | cap::len_cap)
{
    auto ch = nil_chan<int>(rt);
    check_eq(int(ch.len()), 0, "len(nil chan)");
    check_eq(int(ch.cap()), 0, "cap(nil chan)");
}

// A parked sender is not in the buffer: len is 0 unbuffered, and cap when the buffer is full.
GOSEM_CASE(CH_MK_07,
           .rules = "CH-MK-07",
           .area = "chan",
           .flags = flag::impl_defined,
           .needs = cap::len_cap | cap::introspection)
{
    auto unbuffered = make_chan<int>(rt);
    rt.go([unbuffered] { unbuffered.send(1); });
    rt.wait_blocked(1);
    check_eq(int(unbuffered.len()), 0, "len(unbuffered) with a parked sender");

    auto full = make_chan<int>(rt, 2);
    full.send(1);
    full.send(2);
    rt.go([full] { full.send(3); });
    rt.wait_blocked(2);
    check_eq(int(full.len()), 2, "len(full buffer) with a parked sender");
    check_eq(unbuffered.recv(), 1, "the parked sender's value");
}

// Closing changes neither len nor cap, and the buffered values stay.
GOSEM_CASE(CH_MK_08,
           .rules = "CH-MK-08 CH-RCV-04",
           .area = "close",
           .needs = cap::len_cap)
{
    auto ch = make_chan<int>(rt, 3);
    ch.send(10);
    ch.send(20);
    ch.close();
    check_eq(int(ch.len()), 2, "len after close");
    check_eq(int(ch.cap()), 3, "cap after close");
    check_eq(ch.recv(), 10, "first buffered value after close");
    check_eq(int(ch.len()), 1, "len after receiving one");
}

// Zero-size elements travel like any others, buffered or not, up to close.
GOSEM_CASE(CH_MK_09,
           .rules = "CH-MK-09",
           .area = "chan")
{
    for (auto n : swept_capacities) {
        auto ch = make_chan<empty_value>(rt, n);
        rt.go([ch] {
            for (int i = 0; i < 10; ++i) ch.send(empty_value{});
            ch.close();
        });
        int received = 0;
        for (;;) {
            auto [v, ok] = ch.recv_ok();
            if (!ok) break;
            ++received;
        }
        check_eq(received, 10, "zero-size values received");
    }
}

// Channels are equal when they come from the same make.
GOSEM_CASE(CH_MK_10,
           .rules = "CH-MK-10 CH-MK-11",
           .area = "chan")
{
    auto a = make_chan<int>(rt, 1);
    auto copy = a;
    auto b = make_chan<int>(rt, 1);
    check(a == copy, "a copy equals its original");
    check(!(a == b), "two makes are different channels");
}

// Every copy of a channel value operates on the same channel.
GOSEM_CASE(CH_MK_11,
           .rules = "CH-MK-11 N9-01",
           .notes = "N9",
           .area = "chan")
{
    auto original = make_chan<int>(rt, 1);
    auto copy = original;
    rt.go([copy] { copy.send(42); });
    check_eq(original.recv(), 42, "sent through a copy, received through the original");
    copy.close();
    auto [v, ok] = original.recv_ok();
    check(!ok && v == 0, "closed through a copy");
}

// len and cap see the channel through its directional views.
GOSEM_CASE(CH_MK_12,
           .rules = "CH-MK-12 CH-DIR-07",
           .notes = "N14",
           .area = "direction",
           .needs = cap::len_cap | cap::direction)
{
    auto ch = make_chan<int>(rt, 4);
    send_chan_t<R, int> s = ch;
    recv_chan_t<R, int> r = ch;
    s.send(1);
    s.send(2);
    check_eq(int(s.len()), 2, "len through the send-only view");
    check_eq(int(r.len()), 2, "len through the receive-only view");
    check_eq(int(s.cap()) + int(r.cap()), 8, "cap through both views");
}


// Unbuffered for every element type: capacity 0, nothing queued, and with no receiver a send
// cannot proceed.
GOSEM_CASE(CH_MK_02_types,
           .rules = "CH-MK-02 CH-MK-09 CH-SND-02",
           .notes = "N10",
           .area = "chan",
           .needs = cap::len_cap | cap::select)
{
    for_each_element_type([&]<class T>() {
        for (auto ch : {make_chan<T>(rt), make_chan<T>(rt, 0)}) {
            check_eq(int(ch.cap()), 0, "cap of an unbuffered channel");
            check_eq(int(ch.len()), 0, "len of an unbuffered channel");
            check_eq(select_default(rt, send_case{ch, make_value<T>(1)}), -1,
                     "no receiver: the send cannot proceed");
        }
    });
}

// A buffer of n takes exactly n values of any element type (none when n is 0), len counting
// them, and gives them back in order.
GOSEM_CASE(CH_MK_03_types,
           .rules = "CH-MK-03 CH-MK-05 CH-SND-03 CH-SND-04",
           .notes = "N13",
           .area = "chan",
           .needs = cap::len_cap | cap::select)
{
    for_each_element_type([&]<class T>() {
        for (auto n : swept_capacities) {
            auto ch = make_chan<T>(rt, n);
            check_eq(int(ch.cap()), int(n), "cap(make(chan T, n))");
            for (int i = 0; i < n; ++i) {
                check_eq(select_default(rt, send_case{ch, make_value<T>(i)}), 0,
                         "a send while there is room");
                check_eq(int(ch.len()), i + 1, "len counts the values sent");
            }
            check_eq(select_default(rt, send_case{ch, make_value<T>(int(n))}), -1,
                     "a send to the full buffer");
            for (int i = 0; i < n; ++i) {
                auto [v, ok] = ch.recv_ok();
                check(ok && same_value(v, i), "the buffered values, in order");
            }
        }
    });
}

// A negative size panics for every element type, however negative, and the panic is an ordinary
// one: recovered, the goroutine goes on.
GOSEM_CASE(CH_MK_04_recover,
           .rules = "CH-MK-04 CH-SND-07",
           .area = "chan",
           .needs = cap::recover)
{
    constexpr std::array<std::int64_t, 3> negative = {-1, -1000,
                                                      std::numeric_limits<std::int64_t>::min()};
    for_each_element_type([&]<class T>() {
        check_make_out_of_range<T>(rt, negative, "make with a negative size panicked");
    });
    auto ch = make_chan<int>(rt, 1);
    ch.send(1);
    check_eq(ch.recv(), 1, "channels still work after the recovered panics");
}

// len follows sends and receives for every element type while the buffer's positions wrap
// around; cap never changes.
GOSEM_CASE(CH_MK_05_types,
           .rules = "CH-MK-05 CH-ORD-01",
           .area = "chan",
           .needs = cap::len_cap)
{
    for_each_element_type([&]<class T>() {
        auto ch = make_chan<T>(rt, 3);
        int sent = 0;
        int received = 0;
        for (int round = 0; round < 7; ++round) {
            while (sent - received < 3) {
                ch.send(make_value<T>(sent++));
                check_eq(int(ch.len()), sent - received, "len after a send");
            }
            while (sent - received > 1) {
                check(same_value(ch.recv(), received++), "the values in order");
                check_eq(int(ch.len()), sent - received, "len after a receive");
            }
            check_eq(int(ch.cap()), 3, "cap is unchanged");
        }
    });
}

// The directional views of a nil channel are nil too: len and cap 0.
GOSEM_CASE(CH_MK_06_views,
           .rules = "CH-MK-06 CH-MK-12",
           .notes = "N14",
           .area = "nil",
           .needs = cap::nil_chan | cap::len_cap | cap::direction)
{
    send_chan_t<R, int> s = nil_chan<int>(rt);
    recv_chan_t<R, int> r = nil_chan<int>(rt);
    check_eq(int(s.len()) + int(s.cap()), 0, "len and cap of a nil send-only channel");
    check_eq(int(r.len()) + int(r.cap()), 0, "len and cap of a nil receive-only channel");
}

// Parked senders are never counted by len, whatever the capacity and however many they are.
GOSEM_CASE(CH_MK_07_sweep,
           .rules = "CH-MK-07 CH-MK-05 CH-ORD-03",
           .area = "chan",
           .flags = flag::impl_defined,
           .needs = cap::len_cap | cap::introspection)
{
    constexpr int senders = 3;
    for (auto n : swept_capacities) {
        auto ch = make_chan<int>(rt, n);
        park_senders_behind_full(rt, ch, int(n), senders, [&](int) {
            check_eq(int(ch.len()), int(n), "len with parked senders");
            check_eq(int(ch.cap()), int(n), "cap with parked senders");
        });
        int total = int(n) + senders;
        int sum = 0;
        for (int i = 0; i < total; ++i) sum += ch.recv();
        check_eq(sum, total * (total - 1) / 2, "every value, buffered or parked, received once");
    }
}

// A zero-size element type still has a buffer of exactly n: len counts the values, the full
// buffer refuses one more, and close leaves them to be received.
GOSEM_CASE(CH_MK_09_len,
           .rules = "CH-MK-09 CH-MK-05 CH-MK-08",
           .area = "chan",
           .needs = cap::len_cap | cap::select)
{
    auto ch = make_chan<empty_value>(rt, 3);
    for (int i = 1; i <= 3; ++i) {
        ch.send(empty_value{});
        check_eq(int(ch.len()), i, "len counts zero-size values");
    }
    check_eq(select_default(rt, send_case{ch, empty_value{}}), -1, "the buffer is full");
    ch.close();
    check_eq(int(ch.len()), 3, "len after close");
    for (int i = 0; i < 3; ++i) check(ch.recv_ok().ok, "a buffered zero-size value");
    check(!ch.recv_ok().ok, "then closed");
}

// Nil channels are all equal, whichever way they were made nil, and never equal a made one.
GOSEM_CASE(CH_MK_10_nil,
           .rules = "CH-MK-10 CH-MK-01",
           .area = "nil",
           .needs = cap::nil_chan)
{
    auto a = nil_chan<int>(rt);
    auto b = nil_chan<int>(rt);
    chan_t<R, int> zero{};
    auto made = make_chan<int>(rt, 1);
    check(a == b && a == zero, "nil equals nil");
    check(!(made == a) && !(zero == made), "a made channel is not nil");
    auto variable = made;
    check(variable == made, "a copy of a made channel");
    variable = a;
    check(variable == zero && !(variable == made), "assigned nil, the variable is nil");
}

// A channel equals its directional views and their copies; the views of different makes differ.
GOSEM_CASE(CH_MK_10_views,
           .rules = "CH-MK-10 CH-DIR-08 CH-DIR-07",
           .notes = "N14",
           .area = "direction",
           .needs = cap::direction)
{
    auto ch = make_chan<int>(rt, 1);
    auto other = make_chan<int>(rt, 1);
    send_chan_t<R, int> s = ch;
    recv_chan_t<R, int> r = ch;
    send_chan_t<R, int> s_copy = s;
    recv_chan_t<R, int> r_copy = r;
    send_chan_t<R, int> other_s = other;
    recv_chan_t<R, int> other_r = other;
    check(ch == s && s == ch, "a channel equals its send-only view");
    check(ch == r && r == ch, "a channel equals its receive-only view");
    check(s == s_copy && r == r_copy, "views equal their copies");
    check(!(s == other_s) && !(r == other_r), "views of different makes differ");
    check(!(ch == other_s) && !(ch == other_r), "a channel differs from another's views");
}

// Equality is identity for every element type, and close does not change it.
GOSEM_CASE(CH_MK_10_types,
           .rules = "CH-MK-10 CH-MK-11",
           .area = "chan")
{
    for_each_element_type([&]<class T>() {
        auto a = make_chan<T>(rt, 1);
        auto copy = a;
        auto b = make_chan<T>(rt, 1);
        check(a == copy && copy == a, "a copy equals its original");
        check(!(a == b), "two makes of the same type and size differ");
        a.close();
        check(a == copy && !(a == b), "close changes no identity");
    });
}

// Copies of a channel of any element type and capacity are one channel: what one sends the
// other receives, and a close through a third copy ends it for all.
GOSEM_CASE(CH_MK_11_types,
           .rules = "CH-MK-11 N9-01 CH-RCV-05",
           .notes = "N9",
           .area = "chan")
{
    for_each_element_type([&]<class T>() {
        for (auto n : swept_capacities) {
            auto original = make_chan<T>(rt, n);
            auto sender_copy = original;
            auto closer_copy = original;
            rt.go([sender_copy, closer_copy] {
                for (int i = 1; i <= 3; ++i) sender_copy.send(make_value<T>(i));
                closer_copy.close();
            });
            for (int i = 1; i <= 3; ++i) {
                auto [v, ok] = original.recv_ok();
                check(ok && same_value(v, i), "sent through a copy, received through the original");
            }
            auto [v, ok] = original.recv_ok();
            check(!ok && is_zero(v), "closed through another copy");
        }
    });
}

// Assigning a channel variable makes it refer to another channel; the first is untouched.
GOSEM_CASE(CH_MK_11_assign,
           .rules = "CH-MK-11 CH-MK-10",
           .notes = "N9",
           .area = "chan",
           .needs = cap::len_cap)
{
    auto a = make_chan<int>(rt, 1);
    auto b = make_chan<int>(rt, 1);
    auto variable = a;
    variable = b;
    variable.send(7);
    check_eq(int(a.len()), 0, "nothing reached the channel the variable referred to before");
    check_eq(int(b.len()), 1, "the value is in the channel assigned");
    variable.close();
    check_eq(b.recv(), 7, "the value, through the other handle");
    a.send(1);
    check_eq(a.recv(), 1, "the first channel is still open");
}

// len and cap through both views, at every capacity, while values come in through one view,
// after close, and while values go out through the other.
GOSEM_CASE(CH_MK_12_sweep,
           .rules = "CH-MK-12 CH-MK-08 CH-DIR-07",
           .notes = "N14",
           .area = "direction",
           .needs = cap::len_cap | cap::direction)
{
    for (auto n : swept_capacities) {
        auto ch = make_chan<int>(rt, n);
        send_chan_t<R, int> s = ch;
        recv_chan_t<R, int> r = ch;
        check_eq(int(s.cap()), int(n), "cap through the send-only view");
        check_eq(int(r.cap()), int(n), "cap through the receive-only view");
        for (int i = 1; i <= n; ++i) {
            s.send(i);
            check_eq(int(r.len()), i, "len through the receive-only view");
            check_eq(int(s.len()), i, "len through the send-only view");
        }
        s.close();
        check_eq(int(r.len()), int(n), "len through a view after close");
        for (int i = 1; i <= n; ++i) {
            check_eq(r.recv(), i, "a buffered value");
            check_eq(int(s.len()), int(n) - i, "len through the send-only view as values leave");
        }
    }
}

// A size whose buffer cannot be allocated panics as a negative one does.
GOSEM_CASE(CH_MK_13,
           .rules = "CH-MK-13 RT-08",
           .area = "chan",
           .expect = panics("makechan: size out of range"),
           .flags = flag::impl_defined)
{
    std::int64_t size = std::int64_t{1} << 62;
    auto ch = make_chan<int>(rt, size);
    ch.send(1);
}

// The same for every element type with a size, up to the largest size: an ordinary panic.
GOSEM_CASE(CH_MK_13_types,
           .rules = "CH-MK-13",
           .area = "chan",
           .flags = flag::impl_defined,
           .needs = cap::recover)
{
    constexpr std::array<std::int64_t, 2> too_large = {std::int64_t{1} << 62,
                                                       std::numeric_limits<std::int64_t>::max()};
    const char* panicked = "make with a size too large panicked";
    check_make_out_of_range<int>(rt, too_large, panicked);
    check_make_out_of_range<move_only_value>(rt, too_large, panicked);
    check_make_out_of_range<std::string>(rt, too_large, panicked);
}

// A zero-size element type takes any size: its buffer needs no memory.
GOSEM_CASE(CH_MK_14,
           .rules = "CH-MK-14 CH-MK-09 CH-MK-05",
           .area = "chan",
           .flags = flag::impl_defined,
           .needs = cap::len_cap)
{
    std::int64_t size = std::int64_t{1} << 62;
    auto ch = make_chan<empty_value>(rt, size);
    check(ch.cap() == std::size_t(size), "cap is the size asked for");
    for (int i = 1; i <= 3; ++i) ch.send(empty_value{});
    check_eq(int(ch.len()), 3, "len counts the values sent");
    ch.recv();
    check_eq(int(ch.len()), 2, "len after a receive");
}

// A receive from a full buffer with parked senders refills the freed slot at once from one of
// them: len stays at cap until no sender is left.
GOSEM_CASE(CH_MK_15,
           .rules = "CH-MK-15 CH-MK-07 CH-SND-04",
           .area = "chan",
           .flags = flag::impl_defined,
           .needs = cap::len_cap | cap::introspection)
{
    constexpr int senders = 2;
    for (auto n : swept_capacities) {
        if (n == 0) continue;  // no buffer to refill
        auto ch = make_chan<int>(rt, n);
        park_senders_behind_full(rt, ch, int(n), senders, [](int) {});
        int sum = 0;
        for (int k = 1; k <= senders; ++k) {
            sum += ch.recv();
            check_eq(int(ch.len()), int(n), "a parked sender's value took the freed slot");
        }
        sum += ch.recv();
        check_eq(int(ch.len()), int(n) - 1, "no sender left: the buffer drains");
        while (ch.len() > 0) sum += ch.recv();
        int total = int(n) + senders;
        check_eq(sum, total * (total - 1) / 2, "every value received once");
    }
}

}  // namespace gosem_conformance::cases
