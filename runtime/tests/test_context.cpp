// context: cancellation and deadlines you can select on (Go's context package; CTX-01..CTX-12,
// notes N16).
#include <doctest/doctest.h>

#include <gosem/context.hpp>
#include <gosem/gosem.hpp>
#include <gosem/sync.hpp>
#include <gosem/time.hpp>

#include <atomic>
#include <chrono>
#include <string>
#include <vector>

#include "test_support.hpp"

using namespace gosem;
using namespace std::chrono_literals;
using gosem_test::in_run;

namespace {

// Whether done() is closed now, without waiting.
bool is_done(const context& ctx) {
    bool closed = false;
    gosem::select(recv_case(ctx.done(), [&](empty, bool ok) { closed = !ok; }), default_case());
    return closed;
}

inline const context_key<std::string> user_key;
inline const context_key<int> depth_key;
inline const context_key<std::string> other_key;  // same value type, another key

}  // namespace

TEST_SUITE("context") {

TEST_CASE("background and todo: nil done and err and no deadline or values (CTX-01)") {
    in_run([] {
        for (const context& ctx : {background(), todo()}) {
            CHECK(ctx.done().is_nil());
            CHECK_FALSE(ctx.err());
            CHECK_FALSE(ctx.deadline().has_value());
            CHECK_FALSE(ctx.value(user_key).has_value());
        }
        CHECK(background() == background());
        CHECK_FALSE(background() == todo());
    });
}

TEST_CASE("with_cancel: open and error-free until cancelled with the same done channel each call (CTX-02 CTX-03)") {
    in_run([] {
        auto [ctx, cancel] = with_cancel(background());
        CHECK_FALSE(ctx.err());
        CHECK_FALSE(is_done(ctx));
        CHECK(ctx.done() == ctx.done());
        CHECK_FALSE(ctx.done().is_nil());

        auto woke = make_chan<bool>(1);
        go([ctx = ctx, woke] {
            ctx.done().recv();  // parks until cancel closes done
            woke.send(true);
        });
        cancel();
        CHECK(woke.recv());
        CHECK(is_done(ctx));
        CHECK(ctx.err() == canceled);
        CHECK(ctx.err().message() == "context canceled");
        CHECK(error{}.message() == "<nil>");
    });
}

TEST_CASE("cancel is idempotent and safe from many goroutines at once (CTX-04)") {
    in_run([] {
        for (int round = 0; round < 20; ++round) {
            auto [ctx, cancel] = with_cancel(background());
            wait_group wg;
            constexpr int n = 32;
            wg.add(n);
            for (int i = 0; i < n; ++i) {
                go([&wg, cancel = cancel] {
                    cancel();
                    cancel();
                    wg.done();
                });
            }
            wg.wait();
            CHECK(ctx.err() == canceled);
            CHECK(is_done(ctx));
        }
    });
}

TEST_CASE("cancelling a parent cancels every descendant with canceled (CTX-05)") {
    in_run([] {
        auto [root, cancel_root] = with_cancel(background());
        auto [child, cancel_child] = with_cancel(root);
        auto [timed, cancel_timed] = with_timeout(child, 1h);
        context valued = with_value(timed, depth_key, 3);
        auto [grandchild, cancel_grandchild] = with_cancel(valued);
        std::vector<context> all{root, child, timed, valued, grandchild};
        for (const auto& c : all) CHECK_FALSE(c.err());
        cancel_root();
        for (const auto& c : all) {
            CHECK(is_done(c));
            CHECK(c.err() == canceled);
        }
        cancel_child();
        cancel_timed();
        cancel_grandchild();
        CHECK(grandchild.err() == canceled);
    });
}

TEST_CASE("cancelling a child leaves its parent and siblings alone (CTX-06)") {
    in_run([] {
        auto [parent, cancel_parent] = with_cancel(background());
        auto [a, cancel_a] = with_cancel(parent);
        auto [b, cancel_b] = with_timeout(parent, 1h);
        cancel_a();
        CHECK(a.err() == canceled);
        CHECK_FALSE(parent.err());
        CHECK_FALSE(b.err());
        CHECK_FALSE(is_done(parent));
        cancel_b();
        CHECK_FALSE(parent.err());
        cancel_parent();
    });
}

TEST_CASE("a child of a cancelled parent starts cancelled (CTX-07)") {
    in_run([] {
        auto [parent, cancel_parent] = with_cancel(background());
        cancel_parent();
        auto [child, cancel_child] = with_cancel(parent);
        CHECK(is_done(child));
        CHECK(child.err() == canceled);
        auto [timed, cancel_timed] = with_timeout(parent, 1h);
        CHECK(timed.err() == canceled);
        cancel_child();
        cancel_timed();
    });
}

TEST_CASE("a timeout closes done and reports deadline_exceeded (CTX-08)") {
    in_run([] {
        auto start = std::chrono::steady_clock::now();
        auto [ctx, cancel] = with_timeout(background(), 5ms);
        auto dl = ctx.deadline();
        REQUIRE(dl.has_value());
        CHECK(*dl >= start + 5ms);
        CHECK(*dl < start + 1h);
        bool done = false;
        gosem::select(recv_case(ctx.done(), [&] { done = true; }), recv_case(after(1h)));
        CHECK(done);
        CHECK(std::chrono::steady_clock::now() >= *dl);
        CHECK(ctx.err() == deadline_exceeded);
        CHECK(ctx.err().message() == "context deadline exceeded");
        cancel();
        CHECK(ctx.err() == deadline_exceeded);  // the first cause wins (CTX-10)
    });
}

TEST_CASE("a deadline already past closes done at creation (CTX-09)") {
    in_run([] {
        auto [ctx, cancel] = with_deadline(background(), std::chrono::steady_clock::now() - 1s);
        CHECK(is_done(ctx));
        CHECK(ctx.err() == deadline_exceeded);
        auto [zero, cancel_zero] = with_timeout(background(), 0ns);
        CHECK(zero.err() == deadline_exceeded);
        cancel();
        cancel_zero();
    });
}

TEST_CASE("the first cause wins and a child's expiry does not cancel its parent (CTX-10)") {
    in_run([] {
        auto [parent, cancel_parent] = with_cancel(background());
        auto [child, cancel_child] = with_timeout(parent, 1ms);
        child.done().recv();
        CHECK(child.err() == deadline_exceeded);
        CHECK_FALSE(parent.err());
        cancel_parent();
        CHECK(child.err() == deadline_exceeded);
        CHECK(parent.err() == canceled);
        cancel_child();
    });
}

TEST_CASE("a later deadline under an earlier parent deadline behaves like the parent (CTX-11)") {
    in_run([] {
        auto [parent, cancel_parent] = with_timeout(background(), 5ms);
        auto [child, cancel_child] = with_timeout(parent, 1h);
        REQUIRE(child.deadline().has_value());
        CHECK(child.deadline() == parent.deadline());
        child.done().recv();
        CHECK(child.err() == deadline_exceeded);
        CHECK(parent.err() == deadline_exceeded);
        // An earlier child deadline is the child's own.
        auto [p2, cancel_p2] = with_timeout(background(), 1h);
        auto [c2, cancel_c2] = with_timeout(p2, 1ms);
        CHECK(*c2.deadline() < *p2.deadline());
        c2.done().recv();
        CHECK(c2.err() == deadline_exceeded);
        CHECK_FALSE(p2.err());
        cancel_child();
        cancel_parent();
        cancel_c2();
        cancel_p2();
    });
}

TEST_CASE("a parent and a child with the same deadline expire together (one timer batch)") {
    in_run([] {
        for (int i = 0; i < 200; ++i) {
            auto d = std::chrono::steady_clock::now() + 300us;
            auto [parent, cancel_parent] = with_deadline(background(), d);
            auto [child, cancel_child] = with_deadline(parent, d);
            child.done().recv();
            CHECK(child.err() == deadline_exceeded);
            parent.done().recv();
            CHECK(parent.err() == deadline_exceeded);
            cancel_child();
            cancel_parent();
        }
    });
}

TEST_CASE("a nil parent panics: cannot create context from nil parent (CTX-12)") {
    in_run([] {
        context nil;
        CHECK(nil.is_nil());
        CHECK(nil == nullptr);
        const char* msg = "cannot create context from nil parent";
        CHECK_THROWS_WITH_AS(with_cancel(nil), msg, gosem::panic);
        CHECK_THROWS_WITH_AS(with_timeout(nil, 1s), msg, gosem::panic);
        CHECK_THROWS_WITH_AS(with_deadline(nil, std::chrono::steady_clock::now()), msg, gosem::panic);
        CHECK_THROWS_WITH_AS(with_value(nil, depth_key, 1), msg, gosem::panic);
        CHECK_THROWS_AS(nil.done(), gosem::panic);
        CHECK_THROWS_AS(cancel_func{}(), gosem::panic);
    });
}

TEST_CASE("values: the nearest with_value of that key wins and lookups pass through cancel contexts") {
    in_run([] {
        context a = with_value(background(), user_key, std::string("alice"));
        context b = with_value(a, depth_key, 1);
        auto [c, cancel] = with_timeout(b, 1h);
        context d = with_value(c, user_key, std::string("bob"));
        CHECK(a.value(user_key) == "alice");
        CHECK_FALSE(a.value(depth_key).has_value());
        CHECK(c.value(user_key) == "alice");
        CHECK(c.value(depth_key) == 1);
        CHECK(d.value(user_key) == "bob");
        CHECK_FALSE(d.value(other_key).has_value());
        CHECK(d.deadline() == c.deadline());
        CHECK(d.done() == c.done());
        cancel();
        CHECK(d.err() == canceled);
    });
}

TEST_CASE("N16: a worker selects on ctx.done() and its input and exits when told") {
    in_run([] {
        auto [ctx, cancel] = with_cancel(background());
        auto jobs = make_chan<int>();
        auto exited = make_chan<error>(1);
        std::atomic<int> handled{0};
        go([ctx = ctx, jobs, exited, &handled] {
            for (;;) {
                bool stop = false;
                gosem::select(recv_case(ctx.done(), [&] { stop = true; }),
                              recv_case(jobs, [&](int) { handled.fetch_add(1); }));
                if (stop) {
                    exited.send(ctx.err());
                    return;
                }
            }
        });
        for (int i = 0; i < 10; ++i) jobs.send(i);
        cancel();
        CHECK(exited.recv() == canceled);
        CHECK(handled.load() == 10);
    });
}

TEST_CASE("contexts whose handles are all dropped still expire and are freed") {
    in_run([] {
        recv_chan<empty> done;
        {
            auto [ctx, cancel] = with_timeout(background(), 1ms);
            done = ctx.done();
        }
        CHECK_FALSE(done.recv_ok().ok);  // closed by the expiry
    });
}

TEST_CASE("trees built and cancelled while expiring on 2 Ps (stress)") {
    in_run([] {
        auto [root, cancel_root] = with_cancel(background());
        constexpr int workers = 40, rounds = 50;
        wait_group wg;
        wg.add(workers);
        for (int w = 0; w < workers; ++w) {
            go([&wg, root = root, w] {
                for (int i = 0; i < rounds; ++i) {
                    auto [c, cancel_c] = with_cancel(root);
                    auto [t, cancel_t] = with_timeout(c, std::chrono::microseconds((i * 7 + w) % 40));
                    context v = with_value(t, depth_key, i);
                    auto [g, cancel_g] = with_cancel(v);
                    if ((i + w) % 2 == 0) {
                        g.done().recv();  // its timeout, or the root's cancel
                        CHECK(g.err());
                    }
                    if (i % 3 == 0) cancel_c();
                    cancel_g();
                    CHECK(g.err());
                    if (i % 5 != 0) cancel_t();  // the others are left to expire on their own
                }
                wg.done();
            });
        }
        // Usually while the workers are still building; on a slow machine perhaps after them.
        auto root_cancelled = make_chan<int>(1);
        go([cancel_root = cancel_root, root_cancelled] {
            gosem::sleep(200us);
            cancel_root();
            root_cancelled.send(1);
        });
        wg.wait();
        root_cancelled.recv();
        CHECK(root.err() == canceled);
    });
}

}  // TEST_SUITE("context")
