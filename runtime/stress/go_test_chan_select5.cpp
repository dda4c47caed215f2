// Port of Go's test/chan/select5.go (Go 1.19). select5.go generates a program with every
// combination of: a receive (or send) on a buffered channel that is ready, default before it,
// after it or absent, and dummy cases (on an idle channel and on a nil channel) present or
// absent; plus the non-blocking variant where only default can run. Each generated case checks
// that the ready case (or default) ran and nothing else did. Here the combinations are generated
// at compile time: a shape is a bit set, and each shape instantiates its own gosem::select.
//
// select5.go's recvOrder/sendOrder also check that operands are evaluated in source order. In
// C++ that is a property of the call's syntax, not of the runtime: function arguments (and so
// the cases of `gosem::select(...)`, and a send case's channel and value) are evaluated in an
// unspecified order, while the elements of a braced list are evaluated left to right. The order
// check therefore uses `gosem::select{...}` and checks what C++ and the runtime can promise:
// every operand is evaluated exactly once, case by case in source order, before the handler of
// the chosen case runs (Go's "assignment happens after the case is chosen").
#include <gosem/gosem.hpp>

#include <tuple>
#include <utility>
#include <vector>

#include "stress.hpp"

using namespace gosem;

namespace {

// A shape: which optional cases a select has, and where its default goes.
struct shape {
    unsigned bits;
    constexpr bool dummy_send() const { return bits & 1u; }
    constexpr bool dummy_recv() const { return bits & 2u; }
    constexpr bool nil_send() const { return bits & 4u; }
    constexpr bool nil_recv() const { return bits & 8u; }
    constexpr unsigned default_at() const { return (bits >> 4) & 3u; }  // 0 none, 1 first, 2 last
    constexpr bool with_ok() const { return bits & 64u; }  // the receive handler also takes ok
    constexpr bool valid() const { return default_at() != 3; }
};
constexpr unsigned shape_count = 128;

// An optional element of a case list: a one-element tuple or an empty one.
template <bool present, class Make>
auto optional_case(Make make) {
    if constexpr (present) return std::tuple{make()};
    else return std::tuple<>{};
}

// Runs select over a list of cases built as a tuple; returns the chosen position.
template <class Cases>
int select_over(Cases cases) {
    return std::apply([](auto&&... cs) { return gosem::select(std::move(cs)...).chosen; },
                      std::move(cases));
}

// The channels every generated case uses: c is buffered and carries the value under test; dummy
// is never ready; nilch is nil.
struct channels {
    chan<int> c = make_chan<int>(1);
    chan<int> dummy = make_chan<int>();
    chan<int> nilch;
};

// The cases that must never run.
template <shape s>
auto dummy_cases(const channels& ch) {
    auto never = [] { throw gosem::panic("a case that is never ready ran"); };
    return std::tuple_cat(
        optional_case<s.dummy_send()>([&] { return send_case(ch.dummy, 1, never); }),
        optional_case<s.dummy_recv()>([&] { return recv_case(ch.dummy, never); }),
        optional_case<s.nil_send()>([&] { return send_case(ch.nilch, 1, never); }),
        optional_case<s.nil_recv()>([&] { return recv_case(ch.nilch, never); }));
}

// A select of shape s around `main_case`, which is ready; default must not run.
template <shape s, class MainCase>
void select_ready(const channels& ch, MainCase main_case) {
    auto nonblock = [] { throw gosem::panic("nonblock"); };
    auto cases = std::tuple_cat(optional_case<s.default_at() == 1>([&] { return default_case(nonblock); }),
                                std::tuple{std::move(main_case)},
                                optional_case<s.default_at() == 2>([&] { return default_case(nonblock); }),
                                dummy_cases<s>(ch));
    select_over(std::move(cases));
}

// select5.go's `recv` template: send n, receive it through a select of shape s.
template <shape s>
void recv_shape(const channels& ch, int n) {
    int x = 0;
    ch.c.send(n);
    if constexpr (s.with_ok()) {
        select_ready<s>(ch, recv_case(ch.c, [&](int v, bool ok) { x = ok ? v : -1; }));
    } else {
        select_ready<s>(ch, recv_case(ch.c, [&](int v) { x = v; }));
    }
    CHECK_MESSAGE(x == n, "recv shape ", s.bits);
}

// select5.go's `send` template: send n through a select of shape s, receive it.
template <shape s>
void send_shape(const channels& ch, int n) {
    select_ready<s>(ch, send_case(ch.c, n));
    const int x = ch.c.recv();
    CHECK_MESSAGE(x == n, "send shape ", s.bits);
}

// select5.go's `nonblock` template: only never-ready cases and a default, which must run and
// leave x alone.
template <shape s>
void nonblock_shape(const channels& ch, int n) {
    int x = n;
    auto assign = [&](int v) { x = v; };
    const bool default_first = s.default_at() == 1;
    auto cases = std::tuple_cat(optional_case<default_first>([] { return default_case(); }),
                                dummy_cases<s>(ch),
                                optional_case<s.with_ok()>([&] { return recv_case(ch.dummy, assign); }),
                                optional_case<s.with_ok()>([&] { return recv_case(ch.nilch, assign); }),
                                optional_case<!default_first>([] { return default_case(); }));
    const int chosen = select_over(std::move(cases));
    const int default_position = default_first ? 0 : static_cast<int>(std::tuple_size_v<decltype(cases)>) - 1;
    CHECK_MESSAGE(chosen == default_position, "nonblock shape ", s.bits);
    CHECK_MESSAGE(x == n, "nonblock shape ", s.bits);
}

// Every valid shape of every template, with a fresh value each; returns the next value.
int all_shapes(const channels& ch, int n) {
    [&]<unsigned... bits>(std::integer_sequence<unsigned, bits...>) {
        auto one = [&]<unsigned b>(std::integral_constant<unsigned, b>) {
            constexpr shape s{b};
            if constexpr (s.valid()) {
                recv_shape<s>(ch, n++);
                send_shape<s>(ch, n++);
                nonblock_shape<s>(ch, n++);
            }
        };
        (one(std::integral_constant<unsigned, bits>{}), ...);
    }(std::make_integer_sequence<unsigned, shape_count>{});
    return n;
}

// select5.go's recvOrder/sendOrder, as far as C++ allows (see the top of this file): records
// which case each operand evaluation belongs to.
void operand_order(const channels& ch, int n) {
    std::vector<int> log;
    auto fc = [&](const chan<int>& c, int case_index) {
        log.push_back(case_index);
        return c;
    };
    auto fn = [&](int v, int case_index) {
        log.push_back(case_index);
        return v;
    };
    constexpr int assignment = 100;  // the chosen case's handler: after every operand
    int x = 0;
    ch.c.send(n);
    gosem::select{recv_case(fc(ch.c, 1), [&](int v) {
                      log.push_back(assignment);
                      x = v;
                  }),
                  send_case(fc(ch.dummy, 2), fn(1, 2)), recv_case(fc(ch.dummy, 3)),
                  send_case(fc(ch.nilch, 4), fn(1, 4)), recv_case(fc(ch.nilch, 5))};
    const std::vector<int> want{1, 2, 2, 3, 4, 4, 5, assignment};
    CHECK(log == want);
    CHECK(x == n);

    log.clear();
    gosem::select{send_case(fc(ch.c, 1), fn(n, 1), [&] { log.push_back(assignment); }),
                  send_case(fc(ch.dummy, 2), fn(1, 2)), recv_case(fc(ch.dummy, 3)),
                  send_case(fc(ch.nilch, 4), fn(1, 4)), recv_case(fc(ch.nilch, 5))};
    const std::vector<int> want_send{1, 1, 2, 2, 3, 4, 4, 5, assignment};
    CHECK(log == want_send);
    const int got = ch.c.recv();
    CHECK(got == n);
}

}  // namespace

TEST_CASE("test/chan/select5.go") {
    const int repeats = stress::size(500, 50);
    stress::each_run([&](int procs) {
        stress::expect_returns(procs, [repeats] {
            channels ch;
            int n = 1;
            for (int r = 0; r < repeats; ++r) {
                n = all_shapes(ch, n);
                operand_order(ch, n++);
            }
        });
    });
}
