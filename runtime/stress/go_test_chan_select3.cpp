// Port of Go's test/chan/select3.go (Go 1.19): which channel operations and selects block, which
// panic, and which do neither. Go decides "blocks" by a 10 ms timer and "does not block" by a 10 s
// one; here an operation blocks if the runtime shows its goroutine parked in it, and does not
// block if the goroutine gets past it (stress::probe) — events, not time. Goroutines found
// blocked stay parked until the program ends, as in Go.
#include <gosem/gosem.hpp>

#include "stress.hpp"

using namespace gosem;

namespace {

enum class expect { always, never };

// Runs `f` in a new goroutine and checks that it blocks (always) or completes (never).
template <class F>
void test_block(expect signal, const char* what, F f) {
    auto p = stress::make_probe();
    go([p, f] {
        p->start();
        f();
        p->pass();
    });
    const bool passed = p->await_parked_or_passed();
    CHECK_MESSAGE(passed == (signal == expect::never), what);
}

// Runs `f` and checks that it panics (always) or does not (never).
template <class F>
void test_panic(expect signal, const char* what, F f) {
    bool panicked = false;
    try {
        f();
    } catch (const gosem::panic&) {
        panicked = true;
    }
    CHECK_MESSAGE(panicked == (signal == expect::always), what);
}

[[noreturn]] void unreachable() { throw gosem::panic("control flow shouldn't reach here"); }

void select3_program() {
    constexpr int async = 1;  // a buffered channel's capacity
    chan<int> nilch;
    auto closedch = make_chan<int>();
    closedch.close();

    test_block(expect::always, "send on nil channel", [nilch] { nilch.send(7); });
    test_block(expect::always, "receive from nil channel", [nilch] { nilch.recv(); });

    test_panic(expect::never, "select: send case on nil channel with default", [nilch] {
        gosem::select(send_case(nilch, 7, [] { unreachable(); }), default_case());
    });
    test_panic(expect::never, "select: receive case on nil channel with default", [nilch] {
        gosem::select(recv_case(nilch, [] { unreachable(); }), default_case());
    });

    test_block(expect::never, "send to buffered channel with room", [] {
        auto ch = make_chan<int>(async);
        ch.send(7);
    });

    test_block(expect::never, "receive from closed channel", [closedch] {
        for (int i = 0; i < 10; ++i) {
            const int v = closedch.recv();
            CHECK_MESSAGE(v == 0, "expected zero value when reading from closed channel");
            auto [x, ok] = closedch.recv_ok();
            CHECK_MESSAGE((x == 0 && !ok), "expected 0, false from closed channel");
        }
    });

    test_panic(expect::always, "send to closed channel", [closedch] { closedch.send(7); });

    test_block(expect::always, "receive from empty channel", [] {
        auto ch = make_chan<int>();
        ch.recv();
    });

    test_block(expect::always, "empty select", [] { gosem::select(); });

    test_block(expect::always, "select: receive case on nil channel", [nilch] {
        gosem::select(recv_case(nilch, [] { unreachable(); }));
    });
    test_block(expect::always, "select: send case on nil channel", [nilch] {
        gosem::select(send_case(nilch, 7, [] { unreachable(); }));
    });
    test_block(expect::always, "select: send and receive cases on nil channel", [nilch] {
        gosem::select(recv_case(nilch, [] { unreachable(); }),
                      send_case(nilch, 7, [] { unreachable(); }));
    });

    test_block(expect::always, "select: receive case on empty channel", [] {
        auto ch = make_chan<int>();
        gosem::select(recv_case(ch, [] { unreachable(); }));
    });

    test_block(expect::never, "select: only default", [] { gosem::select{gosem::default_case()}; });
    test_block(expect::never, "select: nil receive case and default", [nilch] {
        gosem::select(recv_case(nilch, [] { unreachable(); }), default_case());
    });
    test_block(expect::never, "select: nil send case and default", [nilch] {
        gosem::select(send_case(nilch, 7, [] { unreachable(); }), default_case());
    });

    test_block(expect::never, "select: ready send case", [] {
        auto ch = make_chan<int>(async);
        gosem::select(send_case(ch, 7), default_case([] { unreachable(); }));
    });
    test_block(expect::never, "select: ready receive case", [] {
        auto ch = make_chan<int>(async);
        ch.send(7);
        gosem::select(recv_case(ch), default_case([] { unreachable(); }));
    });

    test_block(expect::never, "select: receive case on closed channel", [closedch] {
        gosem::select(recv_case(closedch));
    });
    test_block(expect::never, "select: receive case with value on closed channel", [closedch] {
        gosem::select(recv_case(closedch, [](int) {}));
    });
    test_block(expect::never, "select: receive case with value and ok on closed channel",
               [closedch] { gosem::select(recv_case(closedch, [](int, bool) {})); });
    test_panic(expect::always, "select: send case on closed channel", [closedch] {
        gosem::select(send_case(closedch, 7));
    });

    test_block(expect::always, "select: send and receive cases on one channel", [] {
        auto c = make_chan<int>();
        gosem::select(send_case(c, 1), recv_case(c));
    });
}

}  // namespace

// Each repetition is a program of its own, so that the goroutines it leaves parked do not pile up.
TEST_CASE("test/chan/select3.go") {
    const int repeats = stress::size(500, 20);
    stress::each_run([&](int procs) {
        for (int r = 0; r < repeats; ++r) stress::expect_returns(procs, select3_program);
    });
}
