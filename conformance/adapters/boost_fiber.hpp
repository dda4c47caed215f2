// The conformance adapter for Boost.Fiber (1.74): the worked example of checking a third-party
// runtime. It maps what Boost.Fiber has and nothing more:
//   - goroutines are detached fibers; GOMAXPROCS n is n threads sharing fibers through the
//     work_stealing algorithm (n = 1, and GOMAXPROCS unset: the default round_robin on the main
//     thread, as Boost.Fiber does not read GOMAXPROCS);
//   - make_chan(0) is an unbuffered_channel; make_chan(n) is a buffered_channel whose capacity
//     Boost requires to be a power of two and which holds one value less, so n is rounded up to
//     the next 2^k - 1 (exact for 1, 3, 7, ...; roomier than Go for other sizes);
//   - a push or pop that returns channel_op_status::closed is Go's panic and (zero, false);
//     everything else Boost does on a closed channel (a second close, say) is passed through;
//   - sync.Mutex and sync.Cond are boost::fibers::mutex and condition_variable_any; sync.Once,
//     which Boost lacks, is what Go builds it from: a flag guarded by a (Boost fiber) mutex;
//   - no select, no nil channel, no len or cap, no directional types, no introspection, no
//     RWMutex, WaitGroup, context or blocking call: those capabilities are absent and their
//     cases UNSUPPORTED;
//   - no deadlock detection: a deadlocked program just stays blocked (its cases time out);
//   - an exception leaving a fiber is reported as Go reports a panic (`panic: what()`, exit 2).
#pragma once

#include <bit>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <latch>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <boost/fiber/all.hpp>
#include <unistd.h>

#include "gosem_conformance/adapter.hpp"

namespace gosem_conformance {

class boost_fiber_runtime {
public:
    static constexpr std::string_view name = "boost_fiber";
    static constexpr int max_procs = 64;

    // What the adapter throws for Go's panics; any exception leaving a fiber ends the program.
    struct panic_error : std::runtime_error {
        using std::runtime_error::runtime_error;
    };

    template <class T>
    struct received {
        T value;
        bool ok;
    };

    // One shared Boost channel: exactly one of the two pointers is set.
    template <class T>
    class chan {
    public:
        using value_type = T;

        chan() = default;

        static chan make(std::int64_t size) {
            chan c;
            if (size == 0) {
                c.unbuffered_ = std::make_shared<boost::fibers::unbuffered_channel<T>>();
            } else {
                // A negative size reaches Boost as an invalid capacity; Boost's error stands.
                std::size_t boost_capacity = size < 0 ? 0 : std::bit_ceil(std::size_t(size) + 1);
                c.buffered_ = std::make_shared<boost::fibers::buffered_channel<T>>(boost_capacity);
            }
            return c;
        }

        void send(T value) const {
            auto status = unbuffered_ ? unbuffered_->push(std::move(value))
                                      : buffered_->push(std::move(value));
            if (status == boost::fibers::channel_op_status::closed) {
                throw panic_error("send on closed channel");
            }
        }
        received<T> recv_ok() const {
            T value{};
            auto status = unbuffered_ ? unbuffered_->pop(value) : buffered_->pop(value);
            if (status == boost::fibers::channel_op_status::closed) return {T{}, false};
            return {std::move(value), true};
        }
        T recv() const { return std::move(recv_ok().value); }
        void close() const {
            if (unbuffered_) unbuffered_->close();
            else buffered_->close();
        }

        class iterator;  // defined below, once chan is complete
        iterator begin() const;
        std::default_sentinel_t end() const { return {}; }

        friend bool operator==(const chan& a, const chan& b) {
            return a.unbuffered_ == b.unbuffered_ && a.buffered_ == b.buffered_;
        }

    private:
        std::shared_ptr<boost::fibers::unbuffered_channel<T>> unbuffered_;
        std::shared_ptr<boost::fibers::buffered_channel<T>> buffered_;
    };

    // sync.Mutex as boost::fibers::mutex, which checks ownership where Go does not.
    class mutex {
    public:
        void lock() { m_.lock(); }
        void unlock() { m_.unlock(); }
        bool try_lock() { return m_.try_lock(); }

    private:
        boost::fibers::mutex m_;
    };

    // sync.Cond over the adapter's mutex: Boost's condition_variable_any, which unlocks and
    // relocks any lockable around its wait.
    class cond {
    public:
        explicit cond(mutex& m) : m_(m) {}
        void wait() { cv_.wait(m_); }
        void signal() { cv_.notify_one(); }
        void broadcast() { cv_.notify_all(); }

    private:
        mutex& m_;
        boost::fibers::condition_variable_any cv_;
    };

    // sync.Once as Go's sync package builds it, from a flag and a mutex: a caller that arrives
    // while f runs parks its fiber on the mutex until f has returned. A Do inside its own f
    // relocks the mutex, which Boost reports as lock_error where Go deadlocks.
    class once {
    public:
        template <class F>
        void call(F&& f) {
            std::lock_guard<boost::fibers::mutex> lock(m_);
            if (done_) return;
            // Set before f runs: done_ is read only under m_, so no caller sees it before f has
            // returned, and an f that panics counts as run, as in Go.
            done_ = true;
            std::forward<F>(f)();
        }

    private:
        boost::fibers::mutex m_;
        bool done_ = false;  // guarded by m_
    };

    template <class F>
    int run(int procs, F&& main) {
        if (procs > 1) start_worker_threads(procs);
        guarded(std::forward<F>(main));
        return 0;
    }
    template <class F>
    void go(F&& f) {
        boost::fibers::fiber(boost::fibers::launch::post,
                             [f = std::forward<F>(f)]() mutable { guarded(f); })
            .detach();
    }
    void yield() { boost::this_fiber::yield(); }

    template <class T>
    chan<T> make_chan(std::int64_t size) {
        return chan<T>::make(size);
    }

    template <class F>
    std::optional<std::string> recover(F&& f) {
        try {
            std::forward<F>(f)();
        } catch (const std::exception& e) {
            return std::string(e.what());
        }
        return std::nullopt;
    }
    [[noreturn]] void panic(std::string_view message) { throw panic_error(std::string(message)); }

    void sleep(std::chrono::nanoseconds d) { boost::this_fiber::sleep_for(d); }
    // time.After built from what Boost has: a fiber that sleeps, then sends on a one-slot channel.
    chan<int> after(std::chrono::nanoseconds d) {
        chan<int> c = make_chan<int>(1);
        go([c, d] {
            boost::this_fiber::sleep_for(d);
            c.send(0);
        });
        return c;
    }

private:
    // Runs a goroutine's body; an exception leaving it ends the program as Go's panic does.
    template <class F>
    static void guarded(F&& body) {
        try {
            body();
        } catch (const std::exception& e) {
            report_panic(e.what());
        } catch (...) {
            report_panic("unknown exception");
        }
    }
    [[noreturn]] static void report_panic(const char* message) {
        std::fflush(stdout);
        std::fprintf(stderr, "panic: %s\n\ngoroutine ? [running]:\n", message);
        std::fflush(stderr);
        ::_exit(2);
    }

    // procs - 1 threads join the main thread in one work_stealing pool. Every thread registers
    // with the pool before any of them may steal (Boost's pool indexes a fixed table), then each
    // worker parks its own main fiber forever so that its thread only runs stolen fibers.
    static void start_worker_threads(int procs) {
        auto registered = std::make_shared<std::latch>(procs);
        for (int i = 1; i < procs; ++i) {
            std::thread([procs, registered] {
                boost::fibers::use_scheduling_algorithm<boost::fibers::algo::work_stealing>(procs,
                                                                                          true);
                registered->arrive_and_wait();
                boost::fibers::mutex m;
                boost::fibers::condition_variable never;
                std::unique_lock<boost::fibers::mutex> lock(m);
                never.wait(lock, [] { return false; });
            }).detach();
        }
        boost::fibers::use_scheduling_algorithm<boost::fibers::algo::work_stealing>(procs, true);
        registered->arrive_and_wait();
    }
};

// The iterator of range-for over a channel: the range expression is evaluated once, so it keeps
// its own copy of the channel, and reassigning the variable ranged over changes nothing.
template <class T>
class boost_fiber_runtime::chan<T>::iterator {
public:
    explicit iterator(chan c) : chan_(std::move(c)) { advance(); }
    T& operator*() { return *current_; }
    iterator& operator++() {
        advance();
        return *this;
    }
    bool operator!=(std::default_sentinel_t) const { return current_.has_value(); }

private:
    void advance() {
        auto r = chan_.recv_ok();
        if (r.ok) current_.emplace(std::move(r.value));
        else current_.reset();
    }
    chan chan_;
    std::optional<T> current_;
};

template <class T>
auto boost_fiber_runtime::chan<T>::begin() const -> iterator {
    return iterator(*this);
}

}  // namespace gosem_conformance

GOSEM_CONFORMANCE_ADAPTER(gosem_conformance::boost_fiber_runtime)
