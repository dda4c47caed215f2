// The conformance adapter for gosem itself: the suite's words mapped one to one onto gosem's
// public API (only names differ: rlock for lock_shared, err() as text). It has every optional
// capability. A program starts as a Go program does, with GOMAXPROCS read from the environment
// by gosem itself, so that the sched cases check gosem's own startup.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <gosem/context.hpp>
#include <gosem/gosem.hpp>
#include <gosem/sync.hpp>
#include <gosem/time.hpp>

#include "gosem_conformance/adapter.hpp"

namespace gosem_conformance {

class gosem_runtime {
public:
    static constexpr std::string_view name = "gosem";
    static constexpr int max_procs = 64;
#if defined(__SANITIZE_THREAD__)
    // TSan gives every goroutine (a fiber) one of its 8,128 thread slots and dies past them.
    static constexpr long max_goroutines = 8000;
#endif

    template <class T> using chan = gosem::chan<T>;
    template <class T> using send_chan = gosem::send_chan<T>;
    template <class T> using recv_chan = gosem::recv_chan<T>;

    using mutex = gosem::mutex;
    using waitgroup = gosem::wait_group;
    using once = gosem::once;
    using cond = gosem::cond;

    class rwmutex {
    public:
        void lock() { m_.lock(); }
        void unlock() { m_.unlock(); }
        bool try_lock() { return m_.try_lock(); }
        void rlock() { m_.lock_shared(); }
        void runlock() { m_.unlock_shared(); }
        bool try_rlock() { return m_.try_lock_shared(); }

    private:
        gosem::rw_mutex m_;
    };

    // gosem::context with its error as text; default-constructed it is nil.
    class context {
    public:
        context() = default;
        explicit context(gosem::context c) : c_(std::move(c)) {}
        recv_chan<gosem::empty> done() const { return c_.done(); }
        std::string err() const {
            gosem::error e = c_.err();
            return e ? std::string(e.message()) : std::string();
        }
        std::optional<gosem::time_point> deadline() const { return c_.deadline(); }
        const gosem::context& native() const { return c_; }

    private:
        gosem::context c_;
    };
    struct cancelable {
        context ctx;
        gosem::cancel_func cancel;
    };

    // procs is in the environment as GOMAXPROCS (unset for 0), where gosem::run reads it.
    template <class F>
    int run(int /*procs*/, F&& main) {
        return gosem::run(std::forward<F>(main));
    }
    template <class F>
    void go(F&& f) {
        (void)gosem::go(std::forward<F>(f));
    }
    void yield() { gosem::yield(); }

    template <class T>
    chan<T> make_chan(std::int64_t size) {
        return gosem::make_chan<T>(size);
    }
    template <class T>
    chan<T> nil_chan() {
        return chan<T>();
    }

    template <class... Cases>
    int select(bool with_default, Cases&... cases) {
        int chosen = with_default
                         ? static_cast<int>(gosem::select(to_gosem(cases)..., gosem::default_case()))
                         : static_cast<int>(gosem::select(to_gosem(cases)...));
        return chosen == static_cast<int>(sizeof...(Cases)) ? -1 : chosen;
    }

    template <class F>
    std::optional<std::string> recover(F&& f) {
        try {
            std::forward<F>(f)();
        } catch (const gosem::panic& p) {
            return p.message();
        }
        return std::nullopt;
    }
    [[noreturn]] void panic(std::string_view message) { throw gosem::panic(std::string(message)); }

    void sleep(std::chrono::nanoseconds d) { gosem::sleep(d); }
    recv_chan<gosem::time_point> after(std::chrono::nanoseconds d) { return gosem::after(d); }

    context background() { return context(gosem::background()); }
    cancelable with_cancel(const context& parent) {
        auto [ctx, cancel] = gosem::with_cancel(parent.native());
        return {context(std::move(ctx)), std::move(cancel)};
    }
    cancelable with_timeout(const context& parent, std::chrono::nanoseconds d) {
        auto [ctx, cancel] = gosem::with_timeout(parent.native(), d);
        return {context(std::move(ctx)), std::move(cancel)};
    }

    template <class F>
    void blocking_call(F&& f) {
        gosem::blocking(std::forward<F>(f));
    }

    int num_goroutine() { return gosem::num_goroutine(); }
    int gomaxprocs() { return gosem::gomaxprocs(); }
    int gomaxprocs(int n) { return gosem::gomaxprocs(n); }
    // Polls the scheduler's own view of who is parked, yielding in between.
    void wait_blocked(int n) {
        for (;;) {
            int waiting = 0;
            for (const gosem::goroutine_info& g : gosem::goroutines()) {
                if (g.id != gosem::goroutine_id() && g.state == gosem::goroutine_state::waiting) {
                    ++waiting;
                }
            }
            if (waiting >= n) return;
            gosem::yield();
        }
    }

private:
    template <class Case>
    static auto to_gosem(Case& c) {
        if constexpr (is_send_case<Case>) {
            return gosem::send_case(c.chan, std::move(c.value));
        } else {
            return gosem::recv_case(c.chan, [&c](auto&& value, bool ok) {
                c.value = std::move(value);
                c.ok = ok;
            });
        }
    }
};

}  // namespace gosem_conformance

GOSEM_CONFORMANCE_ADAPTER(gosem_conformance::gosem_runtime)
